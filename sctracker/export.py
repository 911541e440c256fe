"""CSV exports: the one function that turns any table the dashboard shows into bytes a spreadsheet opens safely.

UTF-8 with a byte-order mark (so spreadsheet programs show Korean and accented names right), columns
named for people, and every cell that a spreadsheet would run as a formula neutralized with a ``'`` in
front (``neutralize``); every other cell is written byte for byte as it is.

What spreadsheets run, as checked and documented (see ``neutralize``):

- LibreOffice Calc 7.4, opening the CSV with UTF-8 (``CSV:44,34,76,1``), evaluates a cell that starts with
  ``=``, and one that starts with NUL characters and then ``=`` (it drops the NULs); with its "Trim spaces"
  import option also `` =1+1``. It keeps ``+1+1``, ``-1+1`` and ``@SUM(1;1)`` as text, shows a cell that
  starts with tab, vertical tab or form feed with those removed (one edit from running), and runs nothing
  in a multi-line cell, whichever line starts with ``=``, nor after a no-break, ideographic or zero-width
  space, nor a full-width ``＝``.
- OWASP's CSV Injection page and ASVS 1.2.10: Excel and Google Sheets run a cell that starts with ``=``,
  ``+``, ``-`` or ``@``; escape those, and a leading tab, carriage return, line feed or NUL, with ``'``.

So a cell is neutralized when it starts with one of ``= + - @``, or with tab, carriage return, line feed or
NUL, or with any run of whitespace, control or invisible formatting characters (spaces of every kind,
zero-width spaces, byte-order marks) followed by one of ``= + - @``: what one spreadsheet or import option
trims, another may not, and a value that starts that way is never an ordinary one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import unicodedata

import pandas as pd

from sctracker.query.filters import Filters
from sctracker.query.words import slug
from sctracker.records.dates import today
from sctracker.records.events_table import CSV_COLUMNS, column_values

#: What starts a formula in some spreadsheet program.
_FORMULA_SIGNS = frozenset("=+-@")
#: Characters that OWASP and ASVS escape at the start of a cell whatever follows them.
_RISKY_FIRST = frozenset("\t\r\n\0")


def _invisible(char: str) -> bool:
    """Whitespace of any kind, a control character, or an invisible formatting one (zero-width space, BOM)."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def neutralize(value: object) -> object:
    """Prefix a text cell that a spreadsheet would, or might after trimming, take as a formula with a single quote.

    Anything else comes back as it is: a formula sign inside a cell (``1-1``, ``a=b``), a multi-line cell
    whose later line starts with one, a full-width ``＝``.
    """
    if not isinstance(value, str) or not value:
        return value
    first = value[0]
    if first in _FORMULA_SIGNS or first in _RISKY_FIRST:
        return "'" + value
    if _invisible(first):
        start = 1
        while start < len(value) and _invisible(value[start]):
            start += 1
        if value[start : start + 1] in _FORMULA_SIGNS:
            return "'" + value
    return value


def _cell(value: object) -> object:
    if value is pd.NaT:  # NaT is a datetime too, and would write itself as 'NaT'
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(item) for item in value)
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _text(value: object) -> object:
    """A cell as the CSV writes it: missing values empty, formulas neutralized."""
    value = _cell(value)
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return neutralize(value)


def _csv_bytes(header: list, columns: list[list]) -> bytes:
    """Columns of cells as CSV bytes, written with the csv module (minimal quoting, CRLF line ends, as
    pandas writes them): every cell passes through Python anyway to be neutralized, and building a
    DataFrame and running pandas' writer on top of that cost more than the cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralize(str(name)) for name in header])
    writer.writerows([_text(value) for value in row] for row in zip(*columns))
    return out.getvalue().encode("utf-8-sig")


def to_csv_bytes(table: pd.DataFrame, index: bool = False) -> bytes:
    """Any table as CSV bytes: lists joined with ``; ``, dates as ISO text, formulas neutralized, UTF-8 with BOM."""
    frame = table.reset_index() if index else table
    return _csv_bytes(list(frame.columns), [frame[column].tolist() for column in frame.columns])


def events_csv(events: pd.DataFrame) -> bytes:
    """The CSV of an events table, exactly the rows given, as the dashboard and the CLI offer it:
    names and labels written out, one column a fact (the ``csv`` columns of the events table's spec)."""
    return _csv_bytes([column.label for column in CSV_COLUMNS], [column_values(events, column) for column in CSV_COLUMNS])


def export_filename(kind: str, filters: Filters, on: dt.date | None = None) -> str:
    """A file name that says the view: ``sctracker-events_sector-batteries_2025-12-05.csv``."""
    return f"sctracker-{kind}_{slug(filters)}_{(on or today()).isoformat()}.csv"
