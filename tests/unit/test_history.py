"""Record history from git, on a repository the tests build (tests/history_repo.py): dates, edits, renames and
removals; the change words; the events table's columns, the CSV and the 'added since' filter; no git, no history."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil

import pandas as pd
import pytest

from sctracker.cli import main
from sctracker.export import events_csv
from sctracker.query.changes import change_words, changes_since, quick_days
from sctracker.query.citation import citation_text
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.history import HistoryUnavailable, cached_history, head_state, record_history, repository
from sctracker.records.load import attach_history, load
from sctracker.records.rules import Checks
from tests.conftest import GOOD
from tests.history_repo import CHIPS, CHIPS_FIRST, EXTRA, FORUM, OLD, PACT, SHORT_LIVED, build_history_repo, git


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return build_history_repo(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def dataset(repo):
    curated, seeds = repo
    return attach_history(load(curated, seeds), curated)


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_history_dates_edits_renames_and_removals(repo):
    curated, _ = repo
    top, _ = repository(curated)
    table = record_history(top, curated).set_index("id")
    expected = {
        PACT: ("2026-01-05", "2026-01-12", 1, None),
        FORUM: ("2026-01-05", "2026-01-20", 1, None),
        CHIPS: ("2026-01-05", "2026-01-25", 1, None),  # renamed from CHIPS_FIRST: its history goes with it
        EXTRA: ("2026-01-28", "2026-01-28", 0, None),
        SHORT_LIVED: ("2026-01-28", "2026-01-28", 0, "2026-02-02"),
        OLD: ("2026-01-05", "2026-01-05", 0, "2026-02-02"),
    }
    assert sorted(table.index) == sorted(expected)
    assert CHIPS_FIRST not in table.index
    for record_id, (added, edited, edits, removed) in expected.items():
        row = table.loc[record_id]
        assert (row["added"], row["last_edited"], row["edits"]) == (day(added), day(edited), edits), record_id
        assert pd.isna(row["removed"]) if removed is None else row["removed"] == day(removed), record_id
    assert [change.kind for change in table.loc[CHIPS, "changes"]] == ["A", "M"]
    assert table.loc[CHIPS, "changes"][0].path.endswith(f"{CHIPS_FIRST}.yaml")
    assert not table["uncommitted"].any()


def test_events_table_csv_and_filter_carry_the_dates(dataset):
    events = dataset.events.set_index("id")
    assert events.loc[FORUM, "added"] == day("2026-01-05") and events.loc[FORUM, "last_edited"] == day("2026-01-20")
    assert events.loc[EXTRA, "added"] == day("2026-01-28")
    assert list(apply_filters(dataset.events, Filters(added_since=dt.date(2026, 1, 20)))["id"]) == [EXTRA]
    assert len(apply_filters(dataset.events, Filters(added_since=dt.date(2026, 1, 5)))) == 4
    csv = events_csv(dataset.events[dataset.events["id"] == FORUM]).decode("utf-8-sig").splitlines()
    assert csv[0].endswith(",Added,Last edited") and csv[1].endswith(f"{FORUM},2026-01-05,2026-01-20")
    assert dataset.history.as_of == dt.date(2026, 2, 2)  # the latest change is a removal


def test_cli_export_filters_on_added_since(repo, tmp_path):
    curated, seeds = repo
    out = tmp_path / "added.csv"
    assert main(["export", "--curated", str(curated), "--seeds", str(seeds), "--added", "2026-01-20", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and EXTRA in lines[1]


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (
            "2026-01-10",
            [
                ("Added", EXTRA, "new record"),
                ("Edited", CHIPS, f"id {CHIPS_FIRST} → {CHIPS}; date corrected: 21 Jan 2026 → 22 Jan 2026; quote added"),
                ("Edited", FORUM, "status planned → held; date corrected: 1 Dec 2025 → 2 Dec 2025"),
                ("Edited", PACT, "new partner Japan"),
                ("Removed", OLD, "record removed"),
            ],
        ),
        ("2026-01-26", [("Added", EXTRA, "new record"), ("Removed", OLD, "record removed")]),  # SHORT_LIVED came and went
        ("2026-02-03", []),
    ],
)
def test_changes_since_a_day_in_words(dataset, since, expected):
    changes = changes_since(dataset, dt.date.fromisoformat(since), link_base="http://host/")
    assert list(zip(changes["Change"], changes["Record id"], changes["What changed"])) == expected
    assert all(
        link == f"http://host/?record={rid}"
        for link, rid, kind in zip(changes["Link"], changes["Record id"], changes["Change"])
        if kind != "Removed"
    )


def test_changes_follow_the_filters(dataset):
    changes = changes_since(dataset, dt.date(2026, 1, 10), Filters(sectors=("batteries",)), link_base="./")
    assert list(changes["Record id"]) == [EXTRA, FORUM, PACT, OLD]  # the removed forum matched as it was
    changes = changes_since(dataset, dt.date(2026, 1, 10), Filters(partners=("EUU",)))
    assert list(changes["Record id"]) == [CHIPS]


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ({"status": "planned"}, {"status": "held"}, "status planned → held"),
        ({"status": "signed"}, {"status": "in_force"}, "status signed → in force"),
        ({"partners": ["USA"]}, {"partners": ["USA", "JPN", "EUU"]}, "new partner Japan and European Union"),
        ({"partners": ["USA", "JPN"]}, {"partners": ["USA"]}, "partner removed: Japan"),
        ({"sectors": ["ai"]}, {"sectors": ["ai", "batteries"]}, "new sector Batteries"),
        (
            {"sources": [{"source": "a", "quote": "x"}]},
            {"sources": [{"source": "a", "quote": "x"}, {"source": "a", "quote": "y"}]},
            "quote added",
        ),
        (
            {"sources": [{"source": "a", "quote": "x"}]},
            {"sources": [{"source": "b", "quote": "x"}]},
            "new source b; source removed: a; quote added; quote removed",
        ),
        ({"summary": "A."}, {"summary": "B."}, "summary reworded"),
        ({"curation_note": ""}, {"curation_note": "Read from the venue."}, "curation note changed"),
        ({"a": 1}, {"a": 2}, "no change to the record's fields (layout or comments only)"),
    ],
)
def test_change_words(old, new, words, dataset):
    assert change_words(old, new, Checks.of(dataset.vocab, dataset.sources)) == words


def test_quick_days():
    monday, thursday = dt.date(2026, 11, 30), dt.date(2026, 12, 3)
    assert quick_days(thursday) == {
        "7 days ago": dt.date(2026, 11, 26),
        "Since last Monday": monday,
        "30 days ago": dt.date(2026, 11, 3),
    }
    assert quick_days(monday)["Since last Monday"] == dt.date(2026, 11, 23)


def test_uncommitted_edits_count_and_history_is_cached_per_state(tmp_path):
    curated, _ = build_history_repo(tmp_path)
    first = cached_history(curated)
    assert cached_history(curated) is first  # nothing changed: the same result, no git log
    path = curated / "events" / f"{PACT}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: signed", "status: in_force"), encoding="utf-8")
    os.utime(path, (1_780_000_000, 1_780_000_000))  # 2026-05-28
    edited = cached_history(curated)
    assert edited is not first
    row = edited.records.set_index("id").loc[PACT]
    assert (row["edits"], row["last_edited"], row["uncommitted"]) == (2, day("2026-05-28"), True)
    before = head_state(curated)
    assert head_state(curated) == before
    git(curated.parent, "commit", "-qam", "in force", day="2026-06-01")
    assert head_state(curated) != before  # the dashboard's cache key moves with HEAD
    row = cached_history(curated).records.set_index("id").loc[PACT]
    assert (row["edits"], row["last_edited"], row["uncommitted"]) == (2, day("2026-06-01"), False)


def test_a_copied_folder_has_no_history_and_loses_nothing(tmp_path):
    shutil.copytree(GOOD, tmp_path / "copy")
    curated = tmp_path / "copy" / "curated"
    with pytest.raises(HistoryUnavailable, match="not in a git checkout"):
        repository(curated)
    assert head_state(curated) is None
    dataset = attach_history(load(curated, tmp_path / "copy" / "seeds"), curated)
    assert dataset.history is None and "not in a git checkout" in dataset.history_unavailable
    assert len(dataset.events) == 3 and dataset.events["added"].isna().all()


def test_citation_names_title_date_partners_sources_and_link(dataset):
    row = dataset.events.set_index("id").loc[FORUM].to_dict() | {"id": FORUM}
    text = citation_text(row, dataset.sources, f"http://host/?record={FORUM}")
    source = dataset.sources.loc["000_4e5a9cc05a6421ba.txt#1"]
    assert text.splitlines()[0] == "2nd Korea–Testland Battery Forum (2 Dec 2025; held)"
    assert "Partners: United States" in text
    assert f"- “{source['headline']}”, 3 Dec 2025, {source['url']}" in text  # the fixture's outlet is unknown
    assert text.splitlines()[-1] == (
        f"Supply-Chain Partnership Tracker, record {FORUM} (added 2026-01-05, last edited 2026-01-20): http://host/?record={FORUM}"
    )


def test_briefing_index_section_and_csv_of_the_changes(dataset, tmp_path):
    from sctracker.briefing.pack import whats_new_section

    lines, changes_file = whats_new_section(dataset, Filters(), dt.date(2026, 1, 26), tmp_path, on=dt.date(2026, 2, 3))
    assert lines[0] == "## What's new since 2026-01-26"
    assert (
        lines[2] == "1 added · 1 removed, for the view's filters (the changes as CSV: sctracker-changes-since-20260126_all_2026-02-03.csv)."
    )
    assert lines[4] == "- Added 2026-01-28: 2nd Korea–Testland Battery Forum (2 Dec 2025): new record"
    csv = changes_file.path.read_text(encoding="utf-8-sig").splitlines()
    assert csv[0] == "Change,Changed on,Title,Date,Partners,What changed,Link,Record id" and len(csv) == 3
    lines, changes_file = whats_new_section(
        dataclasses.replace(dataset, history=None, history_unavailable="no git"), Filters(), dt.date(2026, 1, 26), tmp_path
    )
    assert changes_file is None and "Record history is unavailable: no git." in lines
