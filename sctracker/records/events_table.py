"""The events table: its one column spec, and the row each valid record becomes.

Every other place that names the table's columns reads them from ``EVENT_COLUMNS``: the loader builds
rows with exactly these keys and types, the pages' tables show the ``table`` columns, the CSV export
writes the ``csv`` columns in spec order under their labels, and the text search looks through the
``searched`` ones. Adding a column is one entry here (plus, for a stored column, its value in
``event_row``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from sctracker.records.dates import format_event_date, period_end, period_start
from sctracker.records.model import STAGE_LABELS, STATUS_LABELS, Event, Figure

if TYPE_CHECKING:
    from sctracker.records.rules import Checks

#: What a column holds, and the pandas type the table keeps it as ("object": Python values).
KINDS = {
    "text": "object",  # a string, never missing
    "optional_text": "object",  # a string or None
    "date": "datetime64[s]",
    "optional_date": "datetime64[s]",  # NaT when missing
    "bool": "bool",
    "list": "object",  # a list of strings
    "records": "object",  # a list of dicts (people, figures, quotes)
    "count": "int64",
}


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of the events table, or one derived from it for people to read.

    Args:
        name: the column's name in the table.
        kind: one of ``KINDS``.
        label: its name for people (tables and CSV); "" for a column only code reads.
        csv: written to the events CSV (in the spec's order).
        table: shown in the pages' events tables (in the spec's order).
        searched: part of what the text search looks through (for ``records``: the ``search_fields`` of each).
        search_fields: for a ``records`` column, the fields of each record that are searched.
        derive: for a column not stored in the table, how to compute it from the table (one value a row).
        doc: what it holds.
    """

    name: str
    kind: str
    label: str = ""
    csv: bool = False
    table: bool = False
    searched: bool = False
    search_fields: tuple[str, ...] = ()
    derive: Callable[[pd.DataFrame], list] | None = None
    table_width: int = 0  # its width in the pages' tables (pixels): together they fit a 1,600-pixel window
    doc: str = ""

    @property
    def stored(self) -> bool:
        return self.derive is None


def _quotes(events: pd.DataFrame) -> list[list[str]]:
    """Each quote after the number of its source in the Sources column: ``[2] “…”``."""
    return [
        [f"[{ids.index(ref['source']) + 1}] “{ref['quote']}”" for ref in refs] for refs, ids in zip(events["sources"], events["source_ids"])
    ]


def _source_count(events: pd.DataFrame) -> list[int]:
    return [len(ids) for ids in events["source_ids"]]


def _start_dates(events: pd.DataFrame) -> list:
    return [
        None if precision == "on_or_before" else day for day, precision in zip(events["date"].tolist(), events["date_precision"].tolist())
    ]


def _milestone_words(events: pd.DataFrame) -> list[str]:
    return ["; ".join(milestone["label"] for milestone in milestones) for milestones in events["milestones"]]


# In the CSV's column order; internal columns where they read best.
EVENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "date_label",
        "text",
        "Date",
        csv=True,
        table=True,
        table_width=110,
        doc="The date as precisely as known: 4 Dec 2025, Jun 2024, 2018, by 4 Dec 2025.",
    ),
    Column("date", "date", doc="First day (of the month or year for a less precise date; the day it is known by for on_or_before)."),
    Column(
        "start_date",
        "optional_date",
        "Start date",
        csv=True,
        derive=_start_dates,
        doc="The first day it may fall on; empty for on_or_before.",
    ),
    Column("end_date", "optional_date", doc="Last day of a multi-day event."),
    Column("period_end", "date", "End date", csv=True, doc="The last day the event may fall on."),
    Column("date_precision", "text", "Date precision", csv=True, doc="day, month, year, or on_or_before (a bound: done by then)."),
    Column("date_inferred", "bool", "Date inferred", csv=True),
    Column("title", "text", "Title", csv=True, table=True, table_width=300, searched=True),
    Column("event_type", "text", doc="Event-type id."),
    Column("event_type_label", "text", "Type", csv=True, table=True, table_width=110, searched=True),
    Column("status", "text", doc="Status id."),
    Column("status_label", "text", "Status", csv=True, table=True, table_width=90),
    Column("partner_names", "list", "Partners", csv=True, table=True, table_width=170, searched=True),
    Column("partners", "list", "Partner codes", csv=True),
    Column(
        "partner_countries",
        "list",
        doc="The partners as the map and the partner filter count them: a subdivision (AU-WA) as its country, each once.",
    ),
    Column("sector_labels", "list", "Sectors", csv=True, table=True, table_width=180, searched=True),
    Column("sectors", "list", doc="Sector ids."),
    Column("city", "optional_text", "City", csv=True, table=True, table_width=90, searched=True),
    Column("venue", "optional_text", "Venue", csv=True, searched=True),
    Column("country", "optional_text", doc="ISO code of the country where it took place."),
    Column("summary", "text", "Summary", csv=True, searched=True),
    Column("milestones_label", "text", "Milestones", csv=True, derive=_milestone_words, doc="signed 14 Nov 2023; in force 24 Feb 2024"),
    Column(
        "source_citations",
        "list",
        "Sources",
        csv=True,
        doc="The sources cited, each once, in order, as people cite them and numbered for the quotes: "
        "``[1] Yonhap, “Korea, Chile …”, 4 Dec 2025, https://…``.",
    ),
    Column("source_ids", "list", "Source ids", csv=True, doc="Ids of the sources cited, each once, in order."),
    Column("source_count", "count", "Sources", table=True, table_width=70, derive=_source_count),
    Column("quotes", "list", "Quotes", csv=True, derive=_quotes),
    Column("date_note", "text", "Date note", csv=True),
    Column("id", "text", "Record id", csv=True),
    Column(
        "added",
        "optional_date",
        "Added",
        csv=True,
        table=True,
        table_width=100,
        doc="The day the record was first committed to the repository (``records.history``); empty without a git history.",
    ),
    Column(
        "last_edited",
        "optional_date",
        "Last edited",
        csv=True,
        table=True,
        table_width=100,
        doc="The day of its latest edit (its adding, if never edited since); empty without a git history.",
    ),
    Column("participants", "records", searched=True, search_fields=("name", "role", "organization")),
    Column("figures", "records", doc="Each figure as the record has it, and its ``text`` as people say it ('about USD 6.5 billion')."),
    Column(
        "milestones",
        "records",
        doc="Each stage of an agreement's or measure's life, as plain text: stage, date and period_end (YYYY-MM-DD), "
        "date_precision, date_note and label ('in force by 31 Dec 2021').",
    ),
    Column("span_start", "optional_date", doc="The first day any of its dates may fall on; empty when open towards the past."),
    Column("span_end", "date", doc="The last day any of its dates (its own, its milestones') may fall on."),
    Column("sources", "records", searched=True, search_fields=("quote",), doc="Each quote with its source id."),
    Column("related", "list"),
    Column("curation_note", "text"),
    Column("path", "text", doc="The record's file, as problems name it."),
    Column("search_text", "text", doc="Every searched text, lower case, for the text filter."),
)

COLUMNS_BY_NAME = {column.name: column for column in EVENT_COLUMNS}
#: The columns the events table holds, in order.
STORED_COLUMNS = [column.name for column in EVENT_COLUMNS if column.stored]
#: The CSV's columns and the pages' table columns, in order.
CSV_COLUMNS = [column for column in EVENT_COLUMNS if column.csv]
TABLE_COLUMNS = [column for column in EVENT_COLUMNS if column.table]
SEARCHED_COLUMNS = [column for column in EVENT_COLUMNS if column.searched]
_TYPED = {column.name: KINDS[column.kind] for column in EVENT_COLUMNS if column.stored and KINDS[column.kind] != "object"}


def column_values(events: pd.DataFrame, column: Column) -> list:
    """A column's values, stored or derived, one a row."""
    return events[column.name].tolist() if column.stored else column.derive(events)


def search_text(row: dict) -> str:
    """One lower-case string holding every searched text of an event (``Column.searched``).

    Made once per record when it is loaded (and kept in the disk cache), so a search is one substring test.
    """
    parts: list[str] = []
    for column in SEARCHED_COLUMNS:
        value = row[column.name]
        if column.kind == "records":
            parts += [" ".join(filter(None, (item[field] for field in column.search_fields))) for item in value]
        elif column.kind == "list":
            parts += value
        else:
            parts.append(value or "")
    return " ".join(parts).lower()


def figure_words(figure: Figure) -> str:
    """A figure as people say it: ``more than 60 experts``, ``about USD 6.5 billion``, ``USD 1,200 per tonne``."""
    value = figure.value
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            number = f"{value / size:.6g} {word}"
            break
    else:
        number = f"{value:,.{15}g}"
    return " ".join(part for part in (figure.qualifier, figure.currency, number, figure.unit) if part)


def event_row(event: Event, display: str, checks: Checks) -> dict:
    """The events-table row of a valid record: every stored column of ``EVENT_COLUMNS``, names and labels written out."""
    location = event.location
    own_end = period_end(event.date, event.date_precision, event.end_date)
    milestones = [
        {
            "stage": milestone.stage,
            "date": milestone.date.isoformat(),
            "date_precision": milestone.date_precision,
            "date_note": milestone.date_note,
            "period_end": period_end(milestone.date, milestone.date_precision).isoformat(),
            "label": f"{STAGE_LABELS[milestone.stage]} {format_event_date(milestone.date, milestone.date_precision)}",
        }
        for milestone in event.milestones
    ]
    source_ids = list(dict.fromkeys(ref.source for ref in event.sources))
    starts = [period_start(event.date, event.date_precision), *(period_start(m.date, m.date_precision) for m in event.milestones)]
    row = {
        "date_label": format_event_date(event.date, event.date_precision, event.end_date),
        "date": pd.Timestamp(event.date),
        "end_date": pd.Timestamp(event.end_date) if event.end_date else pd.NaT,
        "period_end": pd.Timestamp(own_end),
        "date_precision": event.date_precision,
        "date_inferred": event.date_inferred,
        "title": event.title,
        "event_type": event.event_type,
        "event_type_label": checks.type_labels[event.event_type],
        "status": event.status,
        "status_label": STATUS_LABELS[event.status],
        "partner_names": [checks.partner_name(code) for code in event.partners],
        "partners": list(event.partners),
        "partner_countries": list(dict.fromkeys(checks.partner_country(code) for code in event.partners)),
        "sector_labels": [checks.sector_labels.get(sector, sector) for sector in event.sectors],
        "sectors": list(event.sectors),
        "city": location.city if location else None,
        "venue": location.venue if location else None,
        "country": location.country if location else None,
        "summary": event.summary,
        "source_ids": source_ids,
        "source_citations": [f"[{number}] {checks.citations.get(source, source)}" for number, source in enumerate(source_ids, start=1)],
        "date_note": event.date_note,
        "id": event.id,
        "participants": [person.model_dump() for person in event.participants],
        "figures": [{**figure.model_dump(), "text": figure_words(figure)} for figure in event.figures],
        "milestones": milestones,
        "span_start": pd.NaT if None in starts else pd.Timestamp(min(starts)),
        "span_end": pd.Timestamp(max([own_end, *(period_end(m.date, m.date_precision) for m in event.milestones)])),
        "sources": [ref.model_dump() for ref in event.sources],
        "related": list(event.related),
        "curation_note": event.curation_note,
        "path": display,
        "added": None,  # from the repository's history, not the file: ``records.history.with_history`` fills them
        "last_edited": None,
    }
    row["search_text"] = search_text(row)
    return row


def events_frame(rows: list[dict]) -> pd.DataFrame:
    """The events table from rows of ``event_row``, typed by the spec and sorted by date, then id.

    Text stays plain Python strings (object), not pandas' Arrow-backed text: copying 50,000 records'
    text into Arrow took half a second, and the text search is no slower on Python strings.
    """
    events = pd.DataFrame(rows, columns=STORED_COLUMNS, dtype=object).astype(_TYPED)
    return events.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
