"""Every chart in words: the takeaways a slide puts above a chart and the summaries a speaker reads, on the
good fixture (Canada's minerals pact, Jun 2024; the United States' battery forum, 2 Dec 2025; the European
Union's chip dialogue, 22 Jan 2026) and on variations of it made here."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sctracker.figures import sectors, summaries
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import load


@pytest.fixture
def dataset(good_copy):
    return load(*good_copy)


def _with(events: pd.DataFrame, record: str, **columns) -> pd.DataFrame:
    """The events with one record's columns changed."""
    changed = events.copy()
    row = changed.index[changed["id"].str.contains(record)][0]
    for column, value in columns.items():
        changed.at[row, column] = value
    return changed


def _grid(dataset, events, view: str):
    return sectors.build_view(events, dataset.vocab, (), sectors.SectorView(view=view)).grid


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        ("European Union", "the European Union"),
        ("United States", "the United States"),
        ("United Kingdom", "the United Kingdom"),
        ("Czech Republic", "the Czech Republic"),
        ("Netherlands", "the Netherlands"),
        ("Canada", "Canada"),
        ("Central Asia", "Central Asia"),
        ("Latin America and the Caribbean", "Latin America and the Caribbean"),
    ],
)
def test_partner_names_take_an_article_where_english_does(name, in_a_sentence):
    assert summaries.with_article(name) == in_a_sentence


def test_recent_counts_only_events_known_to_fall_in_the_last_30_days(dataset):
    events = dataset.events  # Jun 2024 (to the month), 2 Dec 2025, 22 Jan 2026
    assert list(summaries.recent(events, dt.date(2026, 1, 25))) == [False, False, True]
    assert list(summaries.recent(events, dt.date(2026, 1, 21))) == [False, False, False]  # the dialogue is still ahead
    assert list(summaries.recent(events, dt.date(2024, 6, 29))) == [False, False, False]  # June not yet over: not known to fall in
    assert list(summaries.recent(events, dt.date(2024, 6, 30))) == [True, False, False]


@pytest.mark.parametrize(
    ("on", "takeaway"),
    [
        (dt.date(2026, 1, 25), "The United States: 2 events, 1 in the last 30 days"),
        (dt.date(2025, 12, 31), "The United States: 2 events, 1 in the last 30 days"),
        (dt.date(2026, 6, 1), "The United States: 2 events, the latest on 22 Jan 2026"),
        (dt.date(2025, 11, 1), "The United States: 2 events, none in the last 30 days"),
    ],
)
def test_timeline_takeaway_names_the_leading_partner_and_how_recent_its_events_are(dataset, on, takeaway):
    events = _with(dataset.events, "union-chip", partners=["EUU", "USA"])
    assert summaries.timeline_text(events, dataset.vocab, on).takeaway == takeaway


def test_timeline_takeaway_names_partners_that_tie_or_counts_them_when_many(dataset):
    assert (
        summaries.timeline_text(dataset.events, dataset.vocab).takeaway == "Canada, the European Union and the United States: 1 event each"
    )
    four = _with(dataset.events, "union-chip", partners=["EUU", "FRA"])
    assert summaries.timeline_text(four, dataset.vocab).takeaway == "4 partners: 1 event each"


def test_timeline_summary_says_span_leaders_statuses_and_vague_dates(dataset):
    summary = summaries.timeline_text(dataset.events, dataset.vocab).summary
    assert summary.startswith("Events by partner over time: 3 events with 3 partners, Jun 2024 – Jan 2026, one lane per partner.")
    assert "Most events: Canada (1), the European Union (1) and the United States (1)." in summary
    assert "By status: 2 held and 1 signed." in summary and "1 event is known only to the month or year." in summary
    by_a_date = _with(dataset.events, "union-chip", date_precision="on_or_before")
    summary = summaries.timeline_text(by_a_date, dataset.vocab).summary
    assert "1 event is known only to the month or year." in summary and "1 event is known only to have happened by a date." in summary


def test_monthly_takeaway_is_the_busiest_month(dataset):
    assert summaries.monthly_text(dataset.events, dataset.vocab).takeaway == "Busiest months: Jun 2024, Dec 2025 and Jan 2026, 1 event each"
    december = _with(dataset.events, "minerals-pact", date=pd.Timestamp("2025-12-10"), date_precision="day")
    text = summaries.monthly_text(december, dataset.vocab)
    assert text.takeaway == "Busiest month: Dec 2025, with 2 of 3 events"
    assert text.summary.startswith("Events per month by type, Dec 2025 – Jan 2026: 3 events in 2 months with events.")
    assert "Most common types: Agreement (1), Dialogue (1) and Forum (1)." in text.summary


def test_monthly_summary_counts_what_no_month_holds(dataset):
    year_only = _with(dataset.events, "minerals-pact", date_precision="year", date=pd.Timestamp("2024-01-01"))
    text = summaries.monthly_text(year_only, dataset.vocab)
    assert text.summary.endswith("Not counted: 1 event known only to the year.")
    assert text.takeaway == "Busiest months: Dec 2025 and Jan 2026, 1 event each"
    none = summaries.monthly_text(year_only.iloc[:1], dataset.vocab)
    assert none.takeaway == "No events with a known month"


def test_partner_sector_takeaway_is_the_sector_with_most_partners(dataset):
    text = summaries.partner_sector_text(_grid(dataset, dataset.events, "partners"), dataset.events)
    assert text.takeaway == "Batteries: 2 of 3 partners"  # Canada's pact and the United States' forum
    assert "3 events with 3 partners in 4 sectors" in text.summary
    assert "Most partners: Batteries (2), Artificial intelligence (1), Critical minerals (1) and 1 more." in text.summary


def test_partner_sector_takeaway_of_one_partner_is_its_leading_sectors(dataset):
    union = apply_filters(dataset.events, Filters(partners=("EUU",)))
    text = summaries.partner_sector_text(_grid(dataset, union, "partners"), union)
    assert text.takeaway == "The European Union: most events in Artificial intelligence and Semiconductors (1 of 1)"
    assert "Most partners" not in text.summary  # with one partner, there is nothing to rank


def test_grid_summaries_count_the_events_no_cell_holds(dataset):
    untagged = _with(dataset.events, "union-chip", sectors=[])
    assert summaries.partner_sector_text(_grid(dataset, untagged, "partners"), untagged).summary.endswith(
        "1 event in view tags none of these sectors."
    )
    assert summaries.sector_time_text(_grid(dataset, untagged, "time"), untagged).summary.endswith(
        "1 event in view tags none of these sectors."
    )


def test_sector_time_takeaway_is_the_leading_sector_and_its_peak(dataset):
    text = summaries.sector_time_text(_grid(dataset, dataset.events, "time"), dataset.events)
    assert text.takeaway == "Batteries: 2 events, at most 1 a year"  # 2024 and 2025
    assert text.summary.startswith("Events by sector and year, 2024 to 2026: 3 events in 4 sectors")
    same_year = _with(dataset.events, "minerals-pact", date=pd.Timestamp("2025-06-01"))
    assert summaries.sector_time_text(_grid(dataset, same_year, "time"), same_year).takeaway == "Batteries: 2 events, all in 2025"
    union = apply_filters(dataset.events, Filters(partners=("EUU",)))
    assert (
        summaries.sector_time_text(_grid(dataset, union, "time"), union).takeaway
        == "Artificial intelligence and Semiconductors: 1 event each"
    )


def test_partner_map_takeaway_is_the_region_with_most_partners(dataset):
    text = summaries.partner_map_text(dataset.events, dataset.vocab)
    assert text.takeaway == "Americas: 2 of 3 partners, 2 events"
    assert "By region: Americas 2 partners and Europe 1 partner." in text.summary
    union = apply_filters(dataset.events, Filters(partners=("EUU",)))
    assert summaries.partner_map_text(union, dataset.vocab).takeaway == "One partner in view: the European Union, 1 event"


def test_every_chart_says_so_when_nothing_matches(dataset):
    none = dataset.events.iloc[:0]
    assert summaries.timeline_text(none, dataset.vocab).takeaway == "No events match the filters"
    assert summaries.monthly_text(none, dataset.vocab).takeaway == "No events with a known month"
    assert summaries.partner_sector_text(_grid(dataset, none, "partners"), none).takeaway == "No events in these sectors"
    assert summaries.sector_time_text(_grid(dataset, none, "time"), none).takeaway == "No events in these sectors"
    assert summaries.partner_map_text(none, dataset.vocab).takeaway == "No partners in view"
