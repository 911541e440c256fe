"""The Sectors page under AppTest: the matrix follows the filters and switches, and its download."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from sctracker.export import export_filename
from sctracker.figures import crowding
from sctracker.figures.sectors import (
    matrix_csv,
)
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import load
from tests.conftest import download_offers, page_via_overview, table_titles

HEADLINE = ["semiconductors", "batteries", "critical_minerals", "defense"]


@pytest.fixture
def sectors_page(app_env):
    return page_via_overview("pages/sectors.py").run()


def _chart(at: AppTest) -> dict:
    [chart] = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def _cells(at: AppTest) -> set[tuple[str, str]]:
    return {tuple(point) for point in _chart(at)["data"][0]["customdata"]}


def test_page_shows_the_matrix_of_every_record(sectors_page, good_copy):
    at = sectors_page
    assert not at.exception
    assert _cells(at) == {
        ("CAN", "critical_minerals"),
        ("CAN", "batteries"),
        ("USA", "batteries"),
        ("EUU", "semiconductors"),
        ("EUU", "ai"),
    }
    assert _chart(at)["layout"]["yaxis"]["categoryarray"] == ["Canada", "European Union", "United States"]
    [words] = [c.value for c in at.caption if c.value.startswith("In words: ")]  # the grid in words, for screen readers
    assert words.startswith("In words: Events by partner and sector\\: 3 events with 3 partners in 4 sectors")
    [cells] = [box for box in at.multiselect if box.label == "List the events of cells"]  # what a click on a cell does
    assert len(cells.options) == len(_cells(at))
    assert len(table_titles(at)) == 3
    dataset = load(*good_copy)
    assert download_offers(at, "download-sectors-matrix", matrix_csv(dataset.events, dataset.vocab), export_filename("matrix", Filters()))


def test_choosing_a_sector_shrinks_the_matrix_to_match(sectors_page, good_copy):
    at = sectors_page
    at.multiselect(key="filter_sectors").select("batteries").run()
    assert not at.exception
    assert _cells(at) == {("CAN", "batteries"), ("USA", "batteries")}
    assert _chart(at)["layout"]["xaxis"]["categoryarray"] == ["Batteries"]
    assert "Batteries" in _chart(at)["layout"]["title"]["text"]
    assert table_titles(at) == ["Korea–Exampleland critical minerals partnership", "2nd Korea–Testland Battery Forum"]
    filters = Filters(sectors=("batteries",))
    dataset = load(*good_copy)
    shown = apply_filters(dataset.events, filters)
    expected = matrix_csv(shown, dataset.vocab, sectors=filters.sectors)
    assert expected == "\ufeffPartner,Batteries\r\nCanada,1\r\nUnited States,1\r\n".encode()
    assert download_offers(at, "download-sectors-matrix", expected, export_filename("matrix", filters))


def test_switches_credit_members_and_keep_the_headline_sectors(sectors_page, good_copy):
    at = sectors_page
    at.toggle(key="credit").set_value(True).run()
    assert not at.exception
    assert ("FRA", "semiconductors") in _cells(at) and ("DEU", "ai") in _cells(at)
    assert not any(row == "EUU" for row, _ in _cells(at))
    assert any("counted once for each member country" in caption.value for caption in at.caption)
    at.toggle(key="headline").set_value(True).run()
    assert {column for _, column in _cells(at)} <= set(HEADLINE)
    dataset = load(*good_copy)
    expected = matrix_csv(dataset.events, dataset.vocab, headline_only=True, credit_members=True)
    assert download_offers(at, "download-sectors-matrix", expected, export_filename("matrix-headline-members", Filters()))


def test_time_view_counts_sectors_by_quarter(sectors_page):
    at = sectors_page
    at.segmented_control(key="view").set_value("time").run()
    at.radio(key="period").set_value("quarter").run()
    assert not at.exception
    chart = _chart(at)
    assert chart["layout"]["xaxis"]["categoryarray"] == ["2024 Q2", "2024 Q3–2025 Q3", "2025 Q4", "2026 Q1"]
    assert ("batteries", "2025Q4") in _cells(at) and ("semiconductors", "2026Q1") in _cells(at)
    assert any("quarter of its start date" in caption.value for caption in at.caption)


def test_no_counted_event_gives_a_notice_not_an_empty_chart(sectors_page):
    at = sectors_page
    at.multiselect(key="filter_sectors").select("ai").run()
    at.toggle(key="headline").set_value(True).run()
    assert not at.exception
    assert not at.get("plotly_chart") and "No event in view" in at.info[0].value


def test_past_the_row_limit_a_click_on_the_other_partners_row_lists_their_events(app_env, good_copy, monkeypatch):
    monkeypatch.setattr(crowding, "PARTNER_ROWS_UP_TO", 2)
    at = page_via_overview("pages/sectors.py").run()
    assert not at.exception
    rows = _chart(at)["layout"]["yaxis"]["categoryarray"]
    assert rows == ["Canada", "2 other partners"]  # Canada has most events; the European Union and the United States share a row
    [cells] = [box for box in at.multiselect if box.label == "List the events of cells"]
    cells.select(("+others", "batteries")).run()
    assert not at.exception
    assert table_titles(at) == ["2nd Korea–Testland Battery Forum"]  # the United States' battery event
    assert any("Past 2 partners" in caption.value for caption in at.caption)
    [words] = [c.value for c in at.caption if c.value.startswith("In words: ")]
    assert "3 events with 3 partners" in words  # the words count every partner, not the row
    dataset = load(*good_copy)
    assert download_offers(at, "download-sectors-matrix", matrix_csv(dataset.events, dataset.vocab), export_filename("matrix", Filters()))
