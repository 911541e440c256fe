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
    (
        # the source entry naming a file outside the seeds folder is refused, so its text can vouch for nothing
        "cites-outside-source",
        GOOD_RECORD.replace(
            '{source: "000_4e5a9cc05a6421ba.txt#1", quote: "held the 2nd Korea–Testland Battery Forum"}',
            '{source: "../../outside/secret.txt", quote: "OUTSIDE-SECRET"}',
        ),
        (17, "sources[0].source", "unknown source '../../outside/secret.txt'"),
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
    # formula signs behind whitespace that some spreadsheet trims, and a formula on a later line (which none runs)
    "2025-12-02-spaced-formula-record": GOOD_RECORD.replace("id: 2025-12-02-bad", "id: 2025-12-02-spaced-formula-record")
    .replace("title: A forum", 'title: " =1+1"')
    .replace("summary: A summary.", 'summary: "\\u00a0=HYPERLINK(\\"http://example.com\\",\\"x\\")"')
    .replace("location: {city: Seoul, country: KOR, venue: null}", 'location: {city: "\\u200b@cmd", country: KOR, venue: "\\u3000-2+3"}')
    .replace('date_note: ""', 'date_note: "\\n+SUM(A1:A9)"')
    .replace('curation_note: ""', 'curation_note: "first line\\n=1+1 on a later line"'),
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


# Paths in the data that lead outside the data folders. The folder "outside" sits beside the project; it holds
# SECRET in a text and in a record that would be valid if it were read: neither may ever be read or shown.
SECRET = "OUTSIDE-SECRET-5f2c: nothing outside the data folders is read or shown"
SOURCE_FIELDS = (
    "url: null\n  headline: H\n  outlet: unknown\n  language: en\n  published: 2025-12-01\n  published_precision: day\n"
    "  published_basis: inferred\n  published_note: N\n  retrieved: 2025-12-02\n  attribution: A\n"
)


def outside_folder(events_dir):
    """The folder beside the project that the hostile paths point to."""
    return events_dir.parents[2] / "outside"


def source_path_cases(outside) -> dict[str, str]:
    """Hostile ``file`` values of source entries (each also the entry's id), and a fragment of the problem each gives."""
    return {
        str(outside / "secret.txt"): "is an absolute path",
        "../../outside/secret.txt": "contains '..'",
        "link-out.txt": "leads outside the seeds folder through a symbolic link",
        "linked-folder/secret.txt": "leads outside the seeds folder through a symbolic link",
        "\uff0e\uff0e/\uff0e\uff0e/outside/secret.txt": "U+FF0E FULLWIDTH FULL STOP",
        "secret.txt\0.txt": "NUL",
        "..\\..\\outside\\secret.txt": "backslash",
        "C:secret.txt": "Windows drive",
        "pipe.txt": "not a regular file",
        ".hidden.txt": "hidden part",
    }


def _write_path_cases(events_dir) -> dict[str, tuple]:
    """Plant every hostile path: links and a pipe among the records, entries in the source list, links and a pipe
    among the seeds. Returns each hostile event file's name and its problem."""
    import json
    import os

    outside, seeds = outside_folder(events_dir), events_dir.parents[1] / "seeds"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    expected = {}
    for case in ("link-out-record", "link-out-text"):
        name = f"2025-12-02-bad-{case}"
        if case == "link-out-record":  # valid if it were read: it would show SECRET as a title
            (outside / f"{name}.yaml").write_text(
                GOOD_RECORD.replace("id: 2025-12-02-bad", f"id: {name}").replace("title: A forum", f"title: '{SECRET}'"), encoding="utf-8"
            )
            (events_dir / f"{name}.yaml").symlink_to(outside / f"{name}.yaml")
        else:
            (events_dir / f"{name}.yaml").symlink_to(outside / "secret.txt")
        expected[f"{name}.yaml"] = (None, "", "symbolic link leading outside the curated folder; not read")
    os.mkfifo(events_dir / "2025-12-02-bad-pipe.yaml")  # reading it would block the server for ever
    (events_dir / "2025-12-02-bad-folder.yaml").mkdir()
    expected["2025-12-02-bad-pipe.yaml"] = expected["2025-12-02-bad-folder.yaml"] = (None, "", "not a regular file; not read")

    (seeds / "link-out.txt").symlink_to(outside / "secret.txt")
    (seeds / "linked-folder").symlink_to(outside, target_is_directory=True)
    os.mkfifo(seeds / "pipe.txt")
    (seeds / ".hidden.txt").write_text(SECRET + "\n", encoding="utf-8")
    entries = "".join(f"- id: {json.dumps(name)}\n  file: {json.dumps(name)}\n  {SOURCE_FIELDS}" for name in source_path_cases(outside))
    with (seeds / "sources.yaml").open("a", encoding="utf-8") as listing:
        listing.write(entries)
    return expected


def write_corpus(events_dir) -> dict[str, tuple]:
    """Write every bad case as its own file, plus the hostile-but-valid records, and plant the hostile paths
    (``_write_path_cases``: links, pipes, source entries naming files outside the seeds folder).

    Returns:
        Each bad file's name and the problem it must produce.
    """
    expected = _write_path_cases(events_dir)
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


class _RunsWhenUnpickled:
    """Unpickled, it creates ``marker``: what the cache's old format (pickle) would have run."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        from pathlib import Path

        return (Path.touch, (self.marker,))


def plant_cache_that_runs(curated, seeds):
    """Put a pickle that would leave a mark in the dashboard's cache folder, where its cache file goes (readable by
    this user alone, as a cache file of its own would be). Returns the mark's path, which must never appear."""
    import pickle

    from sctracker import paths
    from sctracker.records.cache import cache_file

    marker = outside_folder(curated / "events") / "cache-ran"
    planted = cache_file(paths.cache_dir(curated), curated, seeds)
    planted.parent.mkdir(mode=0o700, exist_ok=True)
    planted.write_bytes(pickle.dumps(_RunsWhenUnpickled(marker)))
    planted.chmod(0o600)
    return marker
