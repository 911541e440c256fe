"""Registering a source: bad input changes nothing and says why; a good one lands under the naming rule with
its provenance, and loads with no problem."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sctracker.curation.register import RegistrationError, check_new, decode_article, find_provenance, parse_given_date, register
from sctracker.records.problems import Problem
from sctracker.records.sources import SEED_FILE_NAME, load_sources, text_digest
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    shutil.copytree(ARTICLES / "seeds", tmp_path / "seeds")
    return tmp_path / "seeds"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        ("Caf\u00e9 talks".encode("latin-1"), "not UTF-8"),
        (bytes(range(1, 30)) * 3, "binary"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, message):
    with pytest.raises(RegistrationError, match=message):
        decode_article(data)


def test_a_good_file_is_its_text_without_a_byte_order_mark():
    assert decode_article("\ufeffKorea and Chile met.\n".encode()) == "Korea and Chile met.\n"


@pytest.mark.parametrize("text", ["2025-13-01", "28/02/2023", "yesterday", ""])
def test_an_unreadable_given_date_says_how_to_write_it(text):
    with pytest.raises(RegistrationError, match="YYYY-MM-DD"):
        parse_given_date(text)


@pytest.mark.parametrize(
    ("file", "url", "published", "basis", "outlet"),
    [
        ("defense_money.txt", "https://example.org/a", dt.date(2025, 8, 2), "date_line", "unknown"),
        ("release_range.txt", "https://example.org/b", dt.date(2025, 11, 28), "date_line", "unknown"),
        ("group_on_or_before.txt", "https://example.org/c", dt.date(2023, 12, 28), "page_header", "unknown"),
        ("weekend_demonym.txt", "https://example.org/d", dt.date(2024, 9, 2), "page_header", "unknown"),
        ("dateline_weekday.txt", "https://example.org/view/AEN20220222000100320", dt.date(2022, 2, 22), "dateline", "Yonhap"),
        ("last_november.txt", "https://example.org/2023/02/28/talks", dt.date(2023, 2, 28), "dateline", "Jiji Press"),
    ],
)
def test_provenance_is_found_in_the_text_or_the_url(file, url, published, basis, outlet):
    text = (ARTICLES / file).read_text(encoding="utf-8")
    found = find_provenance(text, url, retrieved=dt.date(2026, 1, 5))
    assert (found.published, found.published_precision, found.published_basis) == (published, "day", basis)
    assert found.outlet.startswith(outlet)
    assert found.headline == text.splitlines()[0].strip()
    assert found.published_note and found.url == url and found.retrieved == dt.date(2026, 1, 5)


def test_given_provenance_wins_and_an_unprinted_date_is_marked_inferred():
    text = (ARTICLES / "last_november.txt").read_text(encoding="utf-8")
    found = find_provenance(text, "https://example.org/x", published=dt.date(2023, 3, 1), headline="H", outlet="Jiji")
    assert (found.published, found.published_basis, found.headline, found.outlet) == (dt.date(2023, 3, 1), "inferred", "H", "Jiji")


def test_no_date_anywhere_asks_for_one():
    with pytest.raises(RegistrationError, match="--published"):
        find_provenance("Korea and Chile agreed on Monday to cooperate.\n", "https://example.org/no-date")


def test_register_copies_the_text_under_the_naming_rule_and_appends_a_loadable_entry(seeds):
    text = (ARTICLES / "release_range.txt").read_text(encoding="utf-8")
    provenance = find_provenance(text, "https://example.org/release", retrieved=dt.date(2026, 1, 5))
    [entry] = register(text, provenance, seeds)
    assert SEED_FILE_NAME.match(entry.file) and entry.file == f"001_{text_digest(text)}.txt"  # after the fixture's 000_
    assert (seeds / entry.file).read_text(encoding="utf-8") == text
    listing = (seeds / "sources.yaml").read_text(encoding="utf-8")
    assert "https://example.org/release" in listing and "2026-01-05" in listing
    problems: list[Problem] = []
    sources = load_sources(seeds, problems)
    assert problems == [] and sources.at[entry.id, "published"] == dt.date(2025, 11, 28)


@pytest.mark.parametrize(
    ("text", "url", "message"),
    [
        ("Korea and Poland held talks on January 15, 2025.\n", "https://example.org/new", "already registered as 000_6edac993d337ab3c.txt"),
        (
            "A new text about Korea and Japan on May 2, 2024.\n",
            "https://example.org/known",
            r"already registered \(000_6edac993d337ab3c.txt\)",
        ),
    ],
)
def test_a_text_or_url_already_registered_names_its_source_and_changes_nothing(seeds, text, url, message):
    before = snapshot(seeds)
    with pytest.raises(RegistrationError, match=message):
        check_new(text, url, seeds)
    with pytest.raises(RegistrationError, match=message):
        register(text, find_provenance(text, url, published=dt.date(2025, 1, 15)), seeds)
    assert snapshot(seeds) == before


def test_a_date_line_in_another_language_is_read_by_dateparser():
    # the header of seeds/004: Vietnamese for "Friday, June 2, 2023"
    text = "Thứ Sáu, Tháng Sáu 2, 2023\nKorea, UK commit to cooperate to strengthen supply chain\n\nSeoul and London agreed to work together.\n"
    found = find_provenance(text, "https://example.org/no-date")
    assert (found.published, found.published_basis) == (dt.date(2023, 6, 2), "page_header")
    assert "Thứ Sáu" in found.published_note
