"""The shared filter: one table of cases, each a filter and the record ids it must keep."""

import datetime as dt

import pytest

from sctracker.query.filters import Filters, apply_filters, may_fall_outside
from sctracker.query.link import from_query, to_query
from sctracker.query.words import describe, slug
from sctracker.records.load import load

PACT, FORUM, DIALOGUE = "2024-06-01-exampleland-minerals-pact", "2025-12-02-testland-battery-forum", "2026-01-22-union-chip-dialogue"


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), [PACT, FORUM, DIALOGUE]),
        (Filters(sectors=("batteries",)), [PACT, FORUM]),
        (Filters(sectors=("semiconductors", "critical_minerals")), [PACT, DIALOGUE]),
        (Filters(partners=("EUU",)), [DIALOGUE]),
        (Filters(partners=("FRA",)), []),  # a member country does not find the group's events
        (Filters(event_types=("forum", "agreement")), [PACT, FORUM]),
        (Filters(statuses=("signed",)), [PACT]),
        (Filters(date_from=dt.date(2024, 6, 30), date_to=dt.date(2024, 6, 30)), [PACT]),  # month precision covers the month
        (Filters(date_from=dt.date(2024, 7, 1)), [FORUM, DIALOGUE]),
        (Filters(date_to=dt.date(2025, 12, 1)), [PACT]),
        (Filters(text="JANE doe"), [DIALOGUE]),  # people, case-insensitive
        (Filters(text="covered chips"), [DIALOGUE]),  # quotes
        (Filters(text="canada"), [PACT]),  # partner names
        (Filters(sectors=("batteries",), partners=("USA",)), [FORUM]),
        (Filters(text="no such words"), []),
        (Filters(date_from=dt.date(2024, 6, 15), date_to=dt.date(2025, 12, 31)), [PACT, FORUM]),  # June 2024 may fall in it
        (Filters(date_from=dt.date(2024, 6, 15), date_to=dt.date(2025, 12, 31), date_match="known"), [FORUM]),  # but is not known to
        (Filters(date_from=dt.date(2024, 6, 1), date_to=dt.date(2024, 6, 30), date_match="known"), [PACT]),  # the whole month is inside
        (Filters(date_match="known"), [PACT, FORUM, DIALOGUE]),  # without a range it changes nothing
    ],
)
def test_apply_filters(good_copy, filters, expected):
    events = load(*good_copy).events
    assert list(apply_filters(events, filters)["id"]) == expected


def test_events_that_may_fall_outside_the_range_are_counted_for_the_page_to_say_so(good_copy):
    events = load(*good_copy).events
    may = Filters(date_from=dt.date(2024, 6, 15))
    assert may_fall_outside(apply_filters(events, may), may) == 1  # the June 2024 pact
    known = Filters(date_from=dt.date(2024, 6, 15), date_match="known")
    assert may_fall_outside(apply_filters(events, known), known) == 0
    assert may_fall_outside(events, Filters()) == 0


def test_query_round_trip():
    filters = Filters(date_from=dt.date(2025, 11, 1), date_match="known", partners=("USA", "EUU"), sectors=("batteries",), text="forum")
    allowed = {
        "partners": {"USA", "EUU"},
        "sectors": {"batteries"},
        "event_types": set(),
        "statuses": {"held"},
        "date_match": {"may", "known"},
    }
    assert to_query(filters) == {
        "from": ["2025-11-01"],
        "dates": ["known"],
        "partner": ["USA", "EUU"],
        "sector": ["batteries"],
        "q": ["forum"],
    }
    assert from_query(to_query(filters), allowed) == (filters, [])


@pytest.mark.parametrize(
    "query, notice",
    [
        ({"sector": ["chips"]}, "Ignored sector='chips': no such sector"),
        ({"from": ["2025-13-01"]}, "Ignored from='2025-13-01': not a date"),
        ({"from": ["2026-01-01"], "to": ["2025-01-01"]}, "'from' (2026-01-01) is after 'to'"),
        ({"dates": ["perhaps"]}, "Ignored dates='perhaps': not one of known, may"),
    ],
)
def test_bad_query_values_are_ignored_with_a_notice(query, notice):
    allowed = {"partners": set(), "sectors": {"batteries"}, "event_types": set(), "statuses": set(), "date_match": {"may", "known"}}
    filters, notices = from_query(query, allowed)
    assert filters == Filters() and len(notices) == 1 and notice in notices[0]


def test_describe_and_slug(good_copy):
    vocab = load(*good_copy).vocab
    filters = Filters(
        sectors=("batteries", "critical_minerals"),
        date_from=dt.date(2025, 11, 1),
        date_to=dt.date(2026, 1, 31),
        partners=("USA", "EUU", "CAN", "FRA"),
    )
    assert describe(filters, vocab) == "1 Nov 2025 – 31 Jan 2026 · 4 partners · Batteries and Critical minerals"
    assert (
        describe(Filters(partners=("USA", "EUU"), statuses=("held",), text=" forum "), vocab)
        == "United States and European Union · Held · matching “forum”"
    )
    assert describe(Filters(date_to=dt.date(2026, 1, 31)), vocab) == "… – 31 Jan 2026"
    assert describe(Filters(date_to=dt.date(2026, 1, 31), date_match="known"), vocab) == "… – 31 Jan 2026 (known to fall in it)"
    assert describe(Filters(), vocab) == "All records"
    assert slug(filters) == "from-20251101_to-20260131_partner-USA+EUU+CAN+FRA_sector-batteries+critical_minerals"
    assert slug(Filters(text="a/b <c>")) == "q-a-b-c"
