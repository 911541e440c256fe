"""Bad and hostile input through validate and the CSV export, and the server's closed defaults.

The corpus (tests/hostile_corpus.py) is written beside the good fixture's records all at once: every bad
file must be rejected with its reason, every valid record kept, nothing lost.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib

import pytest

from sctracker.cli import main
from sctracker.export import events_csv, neutralize
from sctracker.records.load import load
from sctracker.records.safe_paths import shown
from tests.conftest import PROJECT
from tests.hostile_corpus import ACCEPTED, BOM_RECORD, SECRET, outside_folder, source_path_cases, write_corpus

GOOD_IDS = {"2025-12-02-testland-battery-forum", "2024-06-01-exampleland-minerals-pact", "2026-01-22-union-chip-dialogue"}
VALID_IDS = GOOD_IDS | set(ACCEPTED) | {BOM_RECORD[0]}


@pytest.fixture
def corpus(good_copy):
    curated, seeds = good_copy
    expected = write_corpus(curated / "events")
    return curated, seeds, expected


def test_corpus_has_at_least_thirty_distinct_bad_cases(corpus):
    assert len(corpus[2]) >= 30


def test_every_bad_file_is_rejected_with_its_reason_and_nothing_is_lost(corpus):
    curated, seeds, expected = corpus
    dataset = load(curated, seeds)
    assert set(dataset.events["id"]) == VALID_IDS
    rejected = {path.rsplit("/", 1)[-1]: problems for path, problems in zip(dataset.rejected["path"], dataset.rejected["problems"])}
    assert set(rejected) == set(expected)
    assert len(dataset.events) + len(dataset.rejected) == dataset.files_read
    for name, (line, field, fragment) in expected.items():
        problems = [p for p in dataset.problems if p.path == f"curated/events/{name}"]
        assert len(problems) == len(rejected[name])  # the listed reasons are the problems
        assert any(p.field == field and fragment in p.message and line in (None, p.line) for p in problems), (name, problems)


def test_every_source_entry_leading_outside_is_a_problem_naming_it_and_nothing_outside_is_read(corpus):
    curated, seeds, _ = corpus
    cases = source_path_cases(outside_folder(curated / "events"))
    dataset = load(curated, seeds)
    listed = [p for p in dataset.problems if p.path == "seeds/sources.yaml"]
    assert len(listed) == len(cases)  # one problem each, nothing else wrong with the list
    for name, fragment in cases.items():
        [problem] = [p for p in listed if p.field == f"{shown(name)}.file"]
        assert fragment in problem.message and problem.message.endswith("; not read"), problem
        assert name not in dataset.sources.index
    assert (
        set(dataset.sources.index)
        == set(load(*corpus[:2]).sources.index)
        == {"000_4e5a9cc05a6421ba.txt#1", "000_4e5a9cc05a6421ba.txt#2", "001_f25ae13499e1e454.txt"}
    )
    everything = repr((dataset.events.to_dict(), dataset.sources.to_dict(), dataset.rejected.to_dict(), dataset.problems))
    assert SECRET not in everything


def test_validate_names_every_bad_file_and_entry_shows_nothing_from_outside_and_exits_1(corpus, capsys):
    curated, seeds, expected = corpus
    assert main(["validate", "--curated", str(curated), "--seeds", str(seeds)]) == 1
    out = capsys.readouterr().out
    for name in expected:
        assert f"curated/events/{name}:" in out
    for name in source_path_cases(outside_folder(curated / "events")):
        assert re.search(rf"^seeds/sources\.yaml:\d+: {re.escape(shown(name))}\.file: ", out, re.M)  # at its entry's line
    assert SECRET not in out and "\0" not in out  # one problem a line: a NUL in a name is written as an escape


def test_csv_export_neutralizes_every_formula_cell(corpus):
    curated, seeds, _ = corpus
    rows = list(csv.reader(io.StringIO(events_csv(load(curated, seeds).events).decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'=1+2" in cells and "'+SUM(A1:A9)" in cells and "'-2+3" in cells and "'@cmd" in cells
    assert "'\tstarts with a tab" in cells
    assert "' =1+1" in cells and '\'\u00a0=HYPERLINK("http://example.com","x")' in cells
    assert "'\u200b@cmd" in cells and "'\n+SUM(A1:A9)" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n", "\0")]
    assert [cell for cell in cells if neutralize(cell) is not cell] == []  # no cell left that a spreadsheet might run


def test_server_defaults_stay_closed():
    config = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] in ("viewer", "minimal")


def test_chromium_drops_its_sandbox_only_as_root():
    from sctracker.briefing.browser import chromium_args

    assert "--no-sandbox" in chromium_args(euid=0)
    assert "--no-sandbox" not in chromium_args(euid=1000)
    assert "--disable-background-networking" in chromium_args(euid=1000)


def test_team_mode_is_documented_where_serving_is():
    from sctracker.records.store import READ_ONLY_ENV

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    serving = readme[readme.index("## Serving it to a team") : readme.index("## How the code is laid out")]
    assert f"{READ_ONLY_ENV}=1" in serving and "### Threat model" in serving
