"""The bulletin parser: each release of 001_… is a source of its own, with its own headline and date."""

import datetime as dt
import re

import pytest

from sctracker.records.sources import BulletinError, closest_passage, is_bulletin, normalize_space, parse_bulletin, quote_in, quote_spans
from tests.conftest import PROJECT

BULLETIN = PROJECT / "seeds" / "001_9b46d61e6e31a0a3.txt"


def test_real_bulletin_has_ten_releases_in_order():
    releases = parse_bulletin(BULLETIN.read_text(encoding="utf-8"))
    assert [r.number for r in releases] == list(range(1, 11))
    assert [r.date for r in releases] == [
        dt.date(2025, 12, 4), dt.date(2025, 12, 3), dt.date(2025, 12, 3), dt.date(2025, 12, 2), dt.date(2025, 12, 2),
        dt.date(2025, 12, 1), dt.date(2025, 12, 1), dt.date(2025, 11, 28), dt.date(2025, 11, 28), dt.date(2025, 11, 28),
    ]  # fmt: skip
    assert releases[0].headline == "Korea–U.S. to Strengthen Supply Chain Cooperation Through Standardization"
    assert releases[5].headline == "Korea–Serbia Hold First Official CEPA Negotiations"
    assert all(r.category == "FTA/Economic Cooperation" for r in releases)
    assert not any("date20" in r.body for r in releases)
    assert releases[0].body.startswith("The Korean Agency for Technology and Standards")


def test_other_seeds_are_not_bulletins():
    for path in (PROJECT / "seeds").glob("*.txt"):
        assert is_bulletin(path.read_text(encoding="utf-8")) == (path == BULLETIN)


@pytest.mark.parametrize(
    "text, message",
    [
        ("Not a bulletin\n", "starts with a line '-'"),
        ("-\nCategory\nHeadline\nBody without a date\n", "does not end in dateYYYY-MM-DD"),
        ("-\nCategory\n", "needs a category, a headline and a body"),
        ("-\nCat\nHead\nBody date2025-02-30\n", "release #1"),
    ],
)
def test_malformed_bulletins_are_refused_with_a_line(text, message):
    with pytest.raises(BulletinError, match="line") as err:
        parse_bulletin(text)
    assert message in str(err.value)


@pytest.mark.parametrize(
    "quote, found",
    [
        ("on Thursday, December 4, at The Shilla Seoul", True),
        ("on Thursday,\n   December 4, at The  Shilla Seoul", True),  # whitespace is normalized
        ("on thursday, december 4", False),  # case is not
        ("on Thursday, December 4 at The Shilla Seoul", False),  # punctuation is not
    ],
)
def test_quote_matching_normalizes_whitespace_only(quote, found):
    text = parse_bulletin(BULLETIN.read_text(encoding="utf-8"))[0].body
    assert quote_in(quote, text) is found


def test_whitespace_is_what_quote_spans_calls_whitespace():
    # quote_spans finds a quote with a \s+ pattern; normalize_space must collapse exactly those characters
    spaces = "".join(chr(point) for point in range(0x3100) if re.fullmatch(r"\s", chr(point)))
    assert spaces == "".join(chr(point) for point in range(0x3100) if chr(point).isspace())
    assert normalize_space(f"{spaces}a{spaces}b\u200bc{spaces}") == "a b\u200bc"  # a zero-width space is not whitespace


def test_closest_passage_points_at_the_near_miss():
    text = "The forum was held on Thursday, December 4, at The Shilla Seoul with experts."
    assert closest_passage("held on Thursday, December 5, at The Shilla", text) == "held on Thursday, December 4, at The Shilla"


def test_quote_spans_cross_line_breaks():
    text = "one two\nthree four"
    assert quote_spans(text, "two three") == [(4, 13)]
