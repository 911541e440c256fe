"""The hostile corpus: bad records, each with the problem it must produce (line, field, message fragment).

Shared by the validation tests (one case at a time) and the page tests (all at once, beside good records).
"""

from __future__ import annotations

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
  - {source: "000_4e5a9cc05a6421ba.txt#1", quote: "held the 2nd Korea–Testland Battery Forum"}
related: []
curation_note: ""
"""


def replace_line(line_start: str, new: str) -> str:
    lines = GOOD_RECORD.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(line_start))
    lines[index] = new + "\n"
    return "".join(lines)


# (case id, file text, expected (line, field, message fragment))
CASES = [
    ("yaml-tab", GOOD_RECORD.replace("title: A forum", "title:\tA forum\n\tbad: 1"), (3, "", "YAML syntax")),
    ("yaml-unclosed-quote", replace_line("summary:", 'summary: "never closed'), (None, "", "YAML syntax")),
    ("yaml-bad-indent", replace_line("sectors:", "sectors: [batteries]\n  oops: 1"), (12, "", "YAML syntax")),
    ("empty-file", "", (1, "", "the file is empty")),
    ("a-list", "- a\n- b\n", (1, "", "this file holds a list")),
    ("a-scalar", "just text\n", (1, "", "a single value (str)")),
    ("unknown-field", GOOD_RECORD + "colour: red\n", (20, "colour", "unknown field")),
    ("missing-field", replace_line("title:", ""), (1, "title", "required field is missing")),
    ("number-as-title", replace_line("title:", "title: 42"), (2, "title", "valid string")),
    ("string-as-partners", replace_line("partners:", "partners: USA"), (10, "partners", "valid list")),
    ("impossible-date", replace_line("date:", "date: 2025-02-30"), (5, "date", "not a calendar date")),
    ("date-as-text", replace_line("date:", "date: December 2"), (5, "date", "YYYY-MM-DD")),
    ("end-before-start", replace_line("end_date:", "end_date: 2025-12-01"), (6, "end_date", "before date")),
    ("bad-status", replace_line("status:", "status: finished"), (4, "status", "'held'")),
    ("bad-precision", replace_line("date_precision:", "date_precision: week"), (7, "date_precision", "'day'")),
    ("month-precision-not-first", replace_line("date_precision:", "date_precision: month"), (5, "date", "first of the month")),
    ("unknown-partner", replace_line("partners:", "partners: [XYZ]"), (10, "partners[0]", "unknown partner code 'XYZ'")),
    ("korea-as-partner", replace_line("partners:", "partners: [KOR]"), (10, "partners[0]", "home country")),
    ("unknown-sector", replace_line("sectors:", "sectors: [chips]"), (11, "sectors[0]", "unknown sector 'chips'")),
    ("unknown-type", replace_line("event_type:", "event_type: party"), (3, "event_type", "unknown event type 'party'")),
    ("inferred-without-note", replace_line("date_inferred:", "date_inferred: true"), (9, "date_note", "required when date_inferred")),
    ("id-not-file-name", replace_line("id:", "id: 2025-12-02-other"), (1, "id", "must equal the file name")),
    (
        "unknown-source",
        GOOD_RECORD.replace('"000_4e5a9cc05a6421ba.txt#1"', '"000_4e5a9cc05a6421ba.txt#9"'),
        (17, "sources[0].source", "unknown source"),
    ),
    (
        "quote-not-in-source",
        GOOD_RECORD.replace("2nd Korea", "3rd Korea"),
        (17, "sources[0].quote", "closest passage: 'held the 2nd Korea–Testland"),
    ),
    (
        "no-sources",
        replace_line("sources:", "sources: []").replace(
            '  - {source: "000_4e5a9cc05a6421ba.txt#1", quote: "held the 2nd Korea–Testland Battery Forum"}\n', ""
        ),
        (16, "sources", "at least 1 item"),
    ),
    (
        "bad-participant-side",
        replace_line("participants:", "participants: [{name: A, side: XXX, role: null, organization: null}]"),
        (13, "participants[0].side", "side must be KOR or one of the record's partners (USA), not 'XXX'"),
    ),
    ("alias", replace_line("sectors:", "sectors: &s [batteries]\nrelated_copy: *s"), (12, "related_copy", "aliases")),
    ("python-tag", replace_line("title:", "title: !!python/object/apply:os.system [echo hi]"), (2, "", "YAML tag not allowed")),
    (
        "bad-location-country",
        replace_line("location:", "location: {city: X, country: ZZZ, venue: null}"),
        (12, "location.country", "not an ISO 3166-1"),
    ),
    (
        "figure-value-text",
        replace_line("figures:", "figures: [{label: x, value: many, qualifier: null, unit: null}]"),
        (15, "figures[0].value", "valid number"),
    ),
]

MAX_RECORD_BYTES = 256 * 1024  # sctracker.loading.MAX_RECORD_BYTES, restated so a change there is noticed

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""

# Cases that only exist as bytes: (case id, file bytes, expected (line, field, message fragment))
BYTE_CASES = [
    ("non-utf8", GOOD_RECORD.encode("utf-8").replace(b"A summary.", b"Caf\xe9"), (14, "", "not UTF-8")),
    ("oversized", (GOOD_RECORD + "# " + "x" * MAX_RECORD_BYTES + "\n").encode("utf-8"), (None, "", "over the limit")),
    ("billion-laughs", BOMB.encode("utf-8"), (2, "b[0]", "aliases")),
]


#: Hostile but valid records: they load and show, with their text escaped on pages and neutralized in CSV.
SCRIPT_TITLE = "<script>window.__pwned = 1</script>Script title"
IMG_SUMMARY = '<img src=x onerror="window.__pwned = 2"> [a link](http://example.com) **bold**'
ACCEPTED = {
    "2025-12-02-html-record": GOOD_RECORD.replace("id: 2025-12-02-bad", "id: 2025-12-02-html-record")
    .replace("title: A forum", f"title: '{SCRIPT_TITLE}'")
    .replace("summary: A summary.", f"summary: '{IMG_SUMMARY}'"),
    "2025-12-02-formula-record": GOOD_RECORD.replace("id: 2025-12-02-bad", "id: 2025-12-02-formula-record")
    .replace("title: A forum", "title: '=1+2'")
    .replace("summary: A summary.", "summary: '+SUM(A1:A9)'")
    .replace("location: {city: Seoul, country: KOR, venue: null}", "location: {city: '-2+3', country: KOR, venue: '@cmd'}")
    .replace('date_note: ""', 'date_note: "\\tstarts with a tab"')
    .replace('curation_note: ""', 'curation_note: "\\rstarts with a carriage return"'),
}
BOM_RECORD = (
    "2025-12-02-bom-record",
    b"\xef\xbb\xbf" + GOOD_RECORD.replace("id: 2025-12-02-bad", "id: 2025-12-02-bom-record").encode("utf-8"),
)


def write_corpus(events_dir) -> dict[str, tuple]:
    """Write every bad case as its own file, plus the hostile-but-valid records.

    Returns:
        Each bad file's name and the problem it must produce.
    """
    expected = {}
    own_id = ("id: 2025-12-02-bad\n", b"id: 2025-12-02-bad\n")  # each file its own id, so no case hides another
    for case, text, problem in CASES:
        (events_dir / f"2025-12-02-bad-{case}.yaml").write_text(text.replace(own_id[0], f"id: 2025-12-02-bad-{case}\n"), encoding="utf-8")
        expected[f"2025-12-02-bad-{case}.yaml"] = problem
    for case, data, problem in BYTE_CASES:
        (events_dir / f"2025-12-02-bad-{case}.yaml").write_bytes(data.replace(own_id[1], f"id: 2025-12-02-bad-{case}\n".encode()))
        expected[f"2025-12-02-bad-{case}.yaml"] = problem
    for record_id, text in ACCEPTED.items():
        (events_dir / f"{record_id}.yaml").write_text(text, encoding="utf-8")
    (events_dir / f"{BOM_RECORD[0]}.yaml").write_bytes(BOM_RECORD[1])
    return expected
