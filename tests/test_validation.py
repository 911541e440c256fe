"""Validation: one bad record per rule, each with the file, line, field and message it must produce.

Every case also checks that nothing is lost: the good fixture's other records still load, and
records shown + records rejected = files read.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sctracker.cli import main
from sctracker.loading import MAX_RECORD_BYTES, load

GOOD_RECORD = """\
id: 2025-12-02-bad
title: A forum
event_type: forum
status: held
date: 2025-12-02
end_date: null
date_precision: day
date_inferred: false
date_note: ""
partners: [USA]
sectors: [batteries]
location: {city: Seoul, country: KOR, venue: null}
participants: []
summary: A summary.
figures: []
sources:
  - {source: "bulletin.txt#1", quote: "held the 2nd Korea–Testland Battery Forum"}
related: []
curation_note: ""
"""


def _replace(line_start: str, new: str) -> str:
    lines = GOOD_RECORD.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(line_start))
    lines[index] = new + "\n"
    return "".join(lines)


# (case id, file text, expected (line, field, message fragment))
CASES = [
    ("yaml-tab", GOOD_RECORD.replace("title: A forum", "title:\tA forum\n\tbad: 1"), (3, "", "YAML syntax")),
    ("yaml-unclosed-quote", _replace("summary:", 'summary: "never closed'), (None, "", "YAML syntax")),
    ("yaml-bad-indent", _replace("sectors:", "sectors: [batteries]\n  oops: 1"), (12, "", "YAML syntax")),
    ("empty-file", "", (1, "", "the file is empty")),
    ("a-list", "- a\n- b\n", (1, "", "this file holds a list")),
    ("a-scalar", "just text\n", (1, "", "a single value (str)")),
    ("unknown-field", GOOD_RECORD + "colour: red\n", (20, "colour", "unknown field")),
    ("missing-field", _replace("title:", ""), (1, "title", "required field is missing")),
    ("number-as-title", _replace("title:", "title: 42"), (2, "title", "valid string")),
    ("string-as-partners", _replace("partners:", "partners: USA"), (10, "partners", "valid list")),
    ("impossible-date", _replace("date:", "date: 2025-02-30"), (5, "date", "not a calendar date")),
    ("date-as-text", _replace("date:", "date: December 2"), (5, "date", "YYYY-MM-DD")),
    ("end-before-start", _replace("end_date:", "end_date: 2025-12-01"), (6, "end_date", "before date")),
    ("bad-status", _replace("status:", "status: finished"), (4, "status", "'held'")),
    ("bad-precision", _replace("date_precision:", "date_precision: week"), (7, "date_precision", "'day'")),
    ("month-precision-not-first", _replace("date_precision:", "date_precision: month"), (5, "date", "first of the month")),
    ("unknown-partner", _replace("partners:", "partners: [XYZ]"), (10, "partners[0]", "unknown partner code 'XYZ'")),
    ("korea-as-partner", _replace("partners:", "partners: [KOR]"), (10, "partners[0]", "home country")),
    ("unknown-sector", _replace("sectors:", "sectors: [chips]"), (11, "sectors[0]", "unknown sector 'chips'")),
    ("unknown-type", _replace("event_type:", "event_type: party"), (3, "event_type", "unknown event type 'party'")),
    ("inferred-without-note", _replace("date_inferred:", "date_inferred: true"), (9, "date_note", "required when date_inferred")),
    ("id-not-file-name", _replace("id:", "id: 2025-12-02-other"), (1, "id", "must equal the file name")),
    ("unknown-source", GOOD_RECORD.replace('"bulletin.txt#1"', '"bulletin.txt#9"'), (17, "sources[0].source", "unknown source")),
    ("quote-not-in-source", GOOD_RECORD.replace("2nd Korea", "3rd Korea"), (17, "sources[0].quote", "closest passage: 'held the 2nd Korea–Testland")),
    ("no-sources", _replace("sources:", "sources: []").replace('  - {source: "bulletin.txt#1", quote: "held the 2nd Korea–Testland Battery Forum"}\n', ""), (16, "sources", "at least 1 item")),
    ("bad-participant-side", _replace("participants:", "participants: [{name: A, side: XXX, role: null, organization: null}]"), (13, "participants[0].side", "side must be KOR or a partner")),
    ("unknown-related", _replace("related:", "related: [2020-01-01-nowhere]"), (18, "related[0]", "no record has id")),
    ("alias", _replace("sectors:", "sectors: &s [batteries]\nrelated_copy: *s"), (12, "related_copy", "aliases")),
    ("python-tag", _replace("title:", "title: !!python/object/apply:os.system [echo hi]"), (2, "", "YAML tag not allowed")),
    ("bad-location-country", _replace("location:", "location: {city: X, country: ZZZ, venue: null}"), (12, "location.country", "not an ISO 3166-1")),
    ("figure-value-text", _replace("figures:", "figures: [{label: x, value: many, qualifier: null, unit: null}]"), (15, "figures[0].value", "valid number")),
]


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
    assert sorted(dataset.events["id"]) == sorted(["2025-12-02-testland-battery-forum", "2024-06-01-exampleland-minerals-pact", "2026-01-22-union-chip-dialogue"])
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


def test_non_utf8_file_names_its_line(good_copy):
    curated, seeds = good_copy
    (curated / "events" / "2025-12-02-bad.yaml").write_bytes(GOOD_RECORD.encode("utf-8").replace(b"A summary.", b"Caf\xe9"))
    [problem] = load(curated, seeds).problems
    assert problem.line == 14 and "not UTF-8" in problem.message


def test_byte_order_mark_is_accepted(good_copy):
    curated, seeds = good_copy
    (curated / "events" / "2025-12-02-bad.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD_RECORD.encode("utf-8"))
    dataset = load(curated, seeds)
    assert dataset.problems == [] and "2025-12-02-bad" in set(dataset.events["id"])


def test_oversized_file_is_refused_unread(good_copy):
    curated, seeds = good_copy
    path = curated / "events" / "2025-12-02-bad.yaml"
    path.write_text(GOOD_RECORD + "# " + "x" * MAX_RECORD_BYTES + "\n", encoding="utf-8")
    [problem] = load(curated, seeds).problems
    assert "over the limit" in problem.message and problem.line is None


def test_billion_laughs_is_refused_quickly(good_copy):
    curated, seeds = good_copy
    bomb = textwrap.dedent(
        """\
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        """
    )
    (curated / "events" / "2025-12-02-bad.yaml").write_text(bomb, encoding="utf-8")
    [problem] = load(curated, seeds).problems
    assert "aliases" in problem.message and problem.line == 2 and problem.field == "b[0]"


def test_validate_command_prints_path_line_field_and_exits_1(good_copy, capsys):
    curated, seeds = good_copy
    (curated / "events" / "2025-12-02-bad.yaml").write_text(_replace("sectors:", "sectors: [chips]"), encoding="utf-8")
    assert main(["validate", "--curated", str(curated), "--seeds", str(seeds)]) == 1
    out = capsys.readouterr().out
    assert out == "curated/events/2025-12-02-bad.yaml:11: sectors[0]: unknown sector 'chips'; see curated/sectors.yaml\n"


def test_validate_command_reports_counts_on_success(good_copy, capsys):
    curated, seeds = good_copy
    assert main(["validate", "--curated", str(curated), "--seeds", str(seeds)]) == 0
    assert capsys.readouterr().out == "OK: 3 events, 4 partners, 3 sources\n"


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
    assert messages == ["seeds/sources.yaml: bulletin.txt#1.published: the release's date line says 2025-12-03"]
