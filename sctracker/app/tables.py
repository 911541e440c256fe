"""The tables pages show, with their CSV downloads: the events table (columns from the one column spec) and
any other table, as shown.

Record text is data: tables show it as text (never Markdown or HTML), and every CSV neutralizes formulas.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sctracker.export import events_csv, export_filename, to_csv_bytes
from sctracker.query.filters import Filters
from sctracker.query.words import plural
from sctracker.records.events_table import TABLE_COLUMNS, column_values

#: The most rows a page's table sends to the browser; the CSV download always holds every row.
MAX_TABLE_ROWS = 1_000
#: Past this many rows the CSV is made when the reader clicks, not on every rerun: at 1,624 rows it took a third
#: of the Sectors page's rerun (0.3 s of 0.8 s at 10,000 synthetic records).
EAGER_CSV_ROWS = 250


def table_view(events: pd.DataFrame) -> pd.DataFrame:
    """The columns the pages' tables show (``Column.table``), named for people; lists as plain text, so that a
    row reads as a line."""
    return pd.DataFrame(
        {
            column.label: [", ".join(value) for value in column_values(events, column)]
            if column.kind == "list"
            else column_values(events, column)
            for column in TABLE_COLUMNS
        },
        index=events.index,
    )


#: The events table's column widths, from the column spec; dates as days (2026-01-28), not midnight timestamps.
TABLE_CONFIG = {
    column.label: st.column_config.DateColumn(width=column.table_width or None, format="YYYY-MM-DD")
    if column.kind in ("date", "optional_date")
    else st.column_config.Column(width=column.table_width or None)
    for column in TABLE_COLUMNS
}


def events_table(events: pd.DataFrame, filters: Filters, key: str) -> None:
    """The events as a table (the latest ``MAX_TABLE_ROWS`` of them), with the CSV download of every row."""
    count = plural(len(events), "event")
    if len(events) > MAX_TABLE_ROWS:
        count += f" · the table shows the {MAX_TABLE_ROWS:,} most recent; the CSV holds them all"
    st.caption(count)
    st.dataframe(table_view(events.tail(MAX_TABLE_ROWS)), hide_index=True, width="stretch", column_config=TABLE_CONFIG)
    st.download_button(
        "Download these events as CSV",
        data=events_csv(events) if len(events) <= EAGER_CSV_ROWS else lambda: events_csv(events),
        file_name=export_filename("events", filters),
        mime="text/csv",
        key=f"download-{key}",
        disabled=events.empty,
    )


def table_download(table: pd.DataFrame, kind: str, filters: Filters, key: str) -> None:
    """A CSV download of any table as shown (formulas neutralized, UTF-8 with BOM, the view in the file name)."""
    st.download_button(
        "Download this table as CSV",
        data=to_csv_bytes(table) if len(table) <= EAGER_CSV_ROWS else lambda: to_csv_bytes(table),
        file_name=export_filename(kind, filters),
        mime="text/csv",
        key=f"download-{key}",
        disabled=table.empty,
    )
