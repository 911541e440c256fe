"""CSV exports: the one function that turns any table the dashboard shows into bytes a spreadsheet opens safely.

UTF-8 with a byte-order mark (so spreadsheet programs show Korean and accented names right), columns
named for people, and every cell that a spreadsheet would run as a formula neutralized (OWASP's rule:
a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a ``'`` in front).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math

import pandas as pd

from sctracker.query.filters import Filters
from sctracker.query.words import slug
from sctracker.records.dates import today
from sctracker.records.events_table import CSV_COLUMNS, column_values

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """Prefix a text cell that a spreadsheet would take as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: object) -> object:
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
