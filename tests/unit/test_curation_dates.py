"""The drafter's dates: phrase -> date, as dateparser's own tests list them, against a reference day."""

from __future__ import annotations

import datetime as dt

import pytest

from sctracker.curation.dates import Reference, find_dates, on_or_before, undated_plan

D = dt.date


def ref(day: dt.date) -> Reference:
    return Reference(day, f"the publication date {day}")


# text, reference day, expected (start, end, precision, inferred) of the only or first finding
CASES = [
    ("held the first meeting of their dialogue on Monday in Honolulu", D(2023, 2, 28), (D(2023, 2, 27), None, "day", True)),
    ("agreed Tuesday to boost cooperation", D(2022, 2, 22), (D(2022, 2, 22), None, "day", True)),
    ("the minister plans to meet his counterpart on Friday", D(2023, 12, 14), (D(2023, 12, 15), None, "day", True)),
    ("the talks are slated for Wednesday", D(2024, 3, 5), (D(2024, 3, 6), None, "day", True)),
    ("Poland on Friday signed a deal", D(2025, 8, 2), (D(2025, 8, 1), None, "day", True)),
    ("on May 15 (local time) in Santiago", D(2024, 5, 16), (D(2024, 5, 15), None, "day", True)),
    ("held in Brussels on Jan. 22", D(2026, 1, 30), (D(2026, 1, 22), None, "day", True)),
    ("signed on December 5", D(2024, 1, 10), (D(2023, 12, 5), None, "day", True)),  # past, so the December before
    ("will meet on January 8", D(2023, 12, 20), (D(2024, 1, 8), None, "day", True)),  # to come, so the January after
    ("from Monday, December 1, to Thursday, December 4", D(2025, 12, 1), (D(2025, 12, 1), D(2025, 12, 4), "day", True)),
    ("held on March 28-31", D(2025, 4, 2), (D(2025, 3, 28), D(2025, 3, 31), "day", True)),
    ("are to be held on November 3-4 in Seoul", D(2022, 11, 3), (D(2022, 11, 3), D(2022, 11, 4), "day", True)),
    ("talks from April 10 to 25", D(2023, 6, 27), (D(2023, 4, 10), D(2023, 4, 25), "day", True)),
    ("will visit from Tuesday through Friday", D(2023, 4, 17), (D(2023, 4, 18), D(2023, 4, 21), "day", True)),
    ("During his three-day stay that began Sunday", D(2022, 2, 22), (D(2022, 2, 20), D(2022, 2, 22), "day", True)),
    ("leaders met in Cambodia last November", D(2023, 2, 28), (D(2022, 11, 1), None, "month", True)),
    ("issued a joint message in March", D(2023, 6, 27), (D(2023, 3, 1), None, "month", True)),
    ("Over the weekend, the agency signed", D(2024, 9, 2), (D(2024, 8, 31), D(2024, 9, 1), "day", True)),
    ("On the 27th, the government approved", D(2023, 6, 27), (D(2023, 6, 27), None, "day", True)),
    ("will take effect from the 21st of next month", D(2023, 6, 27), (D(2023, 7, 21), None, "day", True)),
    ("to be held on the evening of the 12th", D(2026, 1, 12), (D(2026, 1, 12), None, "day", True)),
    ("will take effect next month", D(2024, 3, 7), (D(2024, 4, 1), None, "month", True)),
    ("will be set up within this year", D(2023, 2, 15), (D(2023, 1, 1), None, "year", True)),
    ("signed earlier in the day", D(2022, 12, 5), (D(2022, 12, 5), None, "day", True)),
    ("will enter into force on February 24, 2024", D(2024, 1, 31), (D(2024, 2, 24), None, "day", False)),
    ("met in Seoul on 30 June 2023", D(2023, 7, 3), (D(2023, 6, 30), None, "day", False)),
    ("an initiative launched in May 2022", D(2024, 3, 7), (D(2022, 5, 1), None, "month", False)),
    ("a shortage in late 2021", D(2024, 3, 7), (D(2021, 1, 1), None, "year", False)),
    ("the recent summit", D(2023, 1, 26), (D(2023, 1, 26), None, "on_or_before", True)),
]


@pytest.mark.parametrize(("text", "day", "expected"), CASES, ids=[c[0] for c in CASES])
def test_phrase_resolves_to_the_expected_date(text, day, expected):
    found = find_dates(text, ref(day))
    assert found, f"no date found in {text!r}"
    first = found[0]
    assert (first.start, first.end, first.precision, first.inferred) == expected
    if first.inferred:
        assert first.note, "a worked-out date says how"


def test_a_stated_weekday_picks_the_year_in_which_it_matches():
    # dateparser gives 4 Dec 2022, a Sunday (STACK-NOTES); 4 December is a Thursday in 2025
    [found] = find_dates("on Thursday, December 4", ref(D(2023, 2, 28)))
    assert found.start == D(2025, 12, 4) and found.doubt == ""
    assert "Thursday" in found.note


def test_a_weekday_that_does_not_match_a_printed_year_is_a_doubt():
    [found] = find_dates("on Friday, December 4, 2025", ref(D(2025, 12, 5)))
    assert found.start == D(2025, 12, 4)
    assert "Friday" in found.doubt and "Thursday" in found.doubt


@pytest.mark.parametrize("text", ["the 9th round of negotiations", "8.9 percent in 2021 growth", "Appendix 3 of the order"])
def test_words_that_are_not_event_dates(text):
    found = find_dates(text, ref(D(2022, 11, 3)))
    assert all(f.precision == "year" for f in found)  # "in 2021" is a year; the ordinal and the number are no dates


def test_skipped_spans_are_not_read():
    text = "SEOUL, Feb. 22 (Yonhap) -- agreed Tuesday"
    found = find_dates(text, ref(D(2022, 2, 22)), skip=[(0, 24)])
    assert [f.phrase for f in found] == ["Tuesday"]


def test_on_or_before_and_undated_plans_say_so():
    reference = ref(D(2023, 12, 28))
    done = on_or_before(reference, "reported as done")
    assert (done.start, done.precision, done.inferred) == (D(2023, 12, 28), "on_or_before", True)
    plan = undated_plan(reference)
    assert plan.doubt and "no date" in plan.doubt
