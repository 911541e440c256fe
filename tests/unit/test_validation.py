"""Validation: one bad record per rule, each with the file, line, field and message it must produce.

Every case also checks that nothing is lost: the good fixture's other records still load, and
records shown + records rejected = files read.
"""

from __future__ import annotations

import pytest

from sctracker.cli import main
from sctracker.records.load import load
from sctracker.records.yaml_reader import MAX_RECORD_BYTES
from tests.hostile_corpus import BYTE_CASES, CASES, GOOD_RECORD, replace_line
from tests.hostile_corpus import MAX_RECORD_BYTES as HOSTILE_MAX_RECORD_BYTES


@pytest.mark.parametrize("case, text, expected", CASES, ids=[c[0] for c in CASES])
def test_each_rule_names_file_line_field_and_problem(good_copy, case, text, expected):
    curated, seeds = good_copy
    (curated / "events" / "2025-12-02-bad.yaml").write_text(text, encoding="utf-8")
    dataset = load(curated, seeds)

    line, field, fragment = expected
    problems = [p for p in dataset.problems if p.path == "curated/events/2025-12-02-bad.yaml"]
    assert problems, f"{case}: no problem reported"
    assert any(p.field == field and fragment in p.message and (line is None or p.line == line) for p in problems), problems
    # nothing lost: the three good records still load, the bad one is listed as rejected
    assert sorted(dataset.events["id"]) == sorted(
        ["2025-12-02-testland-battery-forum", "2024-06-01-exampleland-minerals-pact", "2026-01-22-union-chip-dialogue"]
    )
    assert list(dataset.rejected["path"]) == ["curated/events/2025-12-02-bad.yaml"]
    assert len(dataset.events) + len(dataset.rejected) == dataset.files_read == 4


def test_the_unmodified_record_is_valid(good_copy):
    curated, seeds = good_copy
    (curated / "events" / "2025-12-02-bad.yaml").write_text(GOOD_RECORD, encoding="utf-8")
    dataset = load(curated, seeds)
    assert dataset.problems == [] and len(dataset.events) == 4


def test_duplicate_id_rejects_the_second_file(good_copy):
    curated, seeds = good_copy
    original = curated / "events" / "2025-12-02-testland-battery-forum.yaml"
    (curated / "events" / "2025-12-02-testland-battery-forum.yml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    dataset = load(curated, seeds)
    assert [str(p) for p in dataset.problems] == [
        "curated/events/2025-12-02-testland-battery-forum.yml:1: id: duplicate id '2025-12-02-testland-battery-forum', "
        "already used by curated/events/2025-12-02-testland-battery-forum.yaml"
    ]
    assert len(dataset.events) == 3 and dataset.files_read == 4


@pytest.mark.parametrize("case, data, expected", BYTE_CASES, ids=[c[0] for c in BYTE_CASES])
def test_byte_level_cases(good_copy, case, data, expected):
    curated, seeds = good_copy
    (curated / "events" / "2025-12-02-bad.yaml").write_bytes(data)
    [problem] = load(curated, seeds).problems
    line, field, fragment = expected
    assert (problem.line, problem.field) == (line, field) and fragment in problem.message


def test_size_limit_is_the_loaders():
    assert MAX_RECORD_BYTES == HOSTILE_MAX_RECORD_BYTES


def test_byte_order_mark_is_accepted(good_copy):
    curated, seeds = good_copy
    (curated / "events" / "2025-12-02-bad.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD_RECORD.encode("utf-8"))
    dataset = load(curated, seeds)
    assert dataset.problems == [] and "2025-12-02-bad" in set(dataset.events["id"])


def test_validate_command_prints_path_line_field_and_exits_1(good_copy, capsys):
    curated, seeds = good_copy
    (curated / "events" / "2025-12-02-bad.yaml").write_text(replace_line("sectors:", "sectors: [chips]"), encoding="utf-8")
    assert main(["validate", "--curated", str(curated), "--seeds", str(seeds)]) == 1
    out = capsys.readouterr().out
    assert out == "curated/events/2025-12-02-bad.yaml:11: sectors[0]: unknown sector 'chips'; see curated/sectors.yaml\n"


def test_validate_command_reports_counts_on_success(good_copy, capsys):
    curated, seeds = good_copy
    assert main(["validate", "--curated", str(curated), "--seeds", str(seeds)]) == 0
    assert capsys.readouterr().out == "OK: 3 events, 3 sources, 1 groups\n"


@pytest.mark.parametrize("missing", ["curated", "seeds"])
def test_missing_folder_is_a_clear_problem_not_a_traceback(tmp_path, missing, capsys):
    curated, seeds = tmp_path / "curated", tmp_path / "seeds"
    (curated / "events").mkdir(parents=True)
    seeds.mkdir()
    target = curated if missing == "curated" else seeds
    target.rename(tmp_path / "gone")
    assert main(["validate", "--curated", str(curated), "--seeds", str(seeds)]) == 1
    assert f"the {missing} folder does not exist" in capsys.readouterr().out


def test_bulletin_entry_must_agree_with_the_parser(good_copy):
    curated, seeds = good_copy
    sources = seeds / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("published: 2025-12-03", "published: 2025-12-04"), encoding="utf-8")
    messages = [str(p) for p in load(curated, seeds).problems]
    assert messages == ["seeds/sources.yaml:7: 000_4e5a9cc05a6421ba.txt#1.published: the release's date line says 2025-12-03"]
