"""CSV export: the exact bytes for the fixture, formula neutralization, and the CLI writing the same file."""

import datetime as dt

import pytest

from sctracker.cli import main
from sctracker.export import events_csv, export_filename, neutralize, to_csv_bytes
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import load

EXPECTED = (
    "\ufeffDate,Start date,End date,Date precision,Date inferred,Title,Type,Status,Partners,Partner codes,Sectors,City,Venue,Summary,Milestones,Sources,Source ids,Quotes,Date note,Record id,Added,Last edited\r\n"
    "Jun 2024,2024-06-01,2024-06-30,month,no,Korea–Exampleland critical minerals partnership,Agreement,Signed,Canada,CAN,"
    'Critical minerals; Batteries,,,"\'=HYPERLINK(""http://example.com"") A minerals pact.",,'
    '"[1] “Korea and Exampleland Sign a Minerals Pact”, 28 Nov 2025, https://example.org/releases/2",000_4e5a9cc05a6421ba.txt#2,'
    "[1] “signed a critical minerals partnership in June 2024”,,2024-06-01-exampleland-minerals-pact,,\r\n"
    "2 Dec 2025,2025-12-02,2025-12-02,day,yes,2nd Korea–Testland Battery Forum,Forum,Held,United States,USA,Batteries,Seoul,,"
    'A forum on batteries.,,"[1] “Korea and Testland Hold a Battery Forum”, 3 Dec 2025, https://example.org/releases/1",000_4e5a9cc05a6421ba.txt#1,'
    '"[1] “held the 2nd Korea–Testland Battery Forum on Tuesday, December 2, in Seoul”",'
    '"Year from the release\'s date line 2025-12-03; December 2, 2025 is a Tuesday.",2025-12-02-testland-battery-forum,,\r\n'
)


def test_events_csv_is_exactly_the_expected_file(good_copy):
    events = apply_filters(load(*good_copy).events, Filters(sectors=("batteries",)))
    assert events_csv(events).decode("utf-8") == EXPECTED


# What LibreOffice Calc runs (checked with soffice: "=" first, NULs then "=", spaces then "=" when it trims),
# what OWASP and ASVS list for Excel and Google Sheets ("= + - @", a leading tab, CR, LF or NUL), and the
# same signs after any run of whitespace, control or invisible characters that one program or another trims.
FORMULA_CELLS = {
    "equals": "=1+1",
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(A1)",
    "tab": "\tx",
    "carriage-return": "\rx",
    "line-feed": "\nx",
    "nul": "\x00x",
    "space-equals": " =1+1",
    "spaces-plus": "   +A1",
    "tab-equals": "\t=1+1",
    "crlf-minus": "\r\n-1+1",
    "vertical-tab-at": "\x0b@SUM(A1)",
    "form-feed-equals": "\x0c=1+1",
    "nul-equals": "\x00\x00=1+1",
    "no-break-space-equals": "\u00a0=1+1",
    "narrow-no-break-space-equals": "\u202f=1+1",
    "em-space-equals": "\u2003=1+1",
    "ideographic-space-equals": "\u3000=1+1",
    "zero-width-space-equals": "\u200b=1+1",
    "byte-order-mark-equals": "\ufeff=1+1",
    "word-joiner-at": "\u2060@cmd",
    "mixed-run-equals": ' \u00a0\t\u200b=HYPERLINK("http://example.com")',
    "multi-line-formula-first": "=1+1\nsecond line",
    "dde": "=cmd|' /C calc'!A0",
}
ORDINARY_CELLS = {
    "plain": "plain",
    "sign-inside": "1-1",
    "equals-inside": "a=b",
    "empty": "",
    "number": 5,
    "leading-space-text": " leading space",
    "spaces-only": "   ",
    "multi-line-formula-later": "first line\n=1+1",
    "full-width-equals": "\uff1d1+1",
    "quoted-already": "'=1+1",
    "korean": "한미 표준포럼",
    "trailing-sign": "x =1+1",
}


@pytest.mark.parametrize("cell", FORMULA_CELLS.values(), ids=FORMULA_CELLS.keys())
def test_formula_cells_are_neutralized(cell):
    assert neutralize(cell) == "'" + cell
    assert to_csv_bytes(__import__("pandas").DataFrame({"a": [cell]})).decode("utf-8-sig").split("\r\n")[1].lstrip('"').startswith("'")


@pytest.mark.parametrize("cell", ORDINARY_CELLS.values(), ids=ORDINARY_CELLS.keys())
def test_ordinary_cells_are_left_byte_identical(cell):
    assert neutralize(cell) is cell


def test_cli_export_writes_what_the_dashboard_offers(good_copy, tmp_path):
    curated, seeds = good_copy
    out = tmp_path / "events.csv"
    assert main(["export", "--curated", str(curated), "--seeds", str(seeds), "--out", str(out), "--sector", "batteries"]) == 0
    assert out.read_bytes().decode("utf-8") == EXPECTED


def test_export_filename_says_the_view():
    name = export_filename("events", Filters(sectors=("batteries",)), on=dt.date(2025, 12, 5))
    assert name == "sctracker-events_sector-batteries_2025-12-05.csv"


def test_cli_matrix_writes_what_the_sectors_page_offers(good_copy, tmp_path):
    from sctracker.figures.sectors import matrix_csv

    curated, seeds = good_copy
    out = tmp_path / "matrix.csv"
    assert main(["matrix", "--curated", str(curated), "--seeds", str(seeds), "--out", str(out), "--sector", "batteries"]) == 0
    dataset = load(curated, seeds)
    filters = Filters(sectors=("batteries",))
    assert out.read_bytes() == matrix_csv(apply_filters(dataset.events, filters), dataset.vocab, filters.sectors)
    assert out.read_bytes().decode("utf-8-sig").splitlines() == ["Partner,Batteries", "Canada,1", "United States,1"]
