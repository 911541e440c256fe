"""Each event's hover box on the timeline: title, date as precise as known, partners, sectors, type, status and
first source. Every piece of record text is HTML-escaped, as plotly renders HTML in hovers."""

from __future__ import annotations

import functools
import html
import textwrap

import pandas as pd

from sctracker.records.sources import short_citation

PRECISION_WORDS = {
    "day": "known to the day",
    "month": "known only to the month",
    "year": "known only to the year",
    "on_or_before": "done by then; the sources do not say when",
}
#: How much of a date note the hover shows; the record detail shows it whole.
NOTE_CHARS = 160


@functools.lru_cache(maxsize=4096)  # partner lists, sector lists and date notes repeat from event to event
def escaped_lines(text: str, width: int = 70) -> str:
    """Escaped text broken into lines for a hover box."""
    text = str(text)
    if len(text) <= width:  # most are: textwrap is slow enough to matter over thousands of events
        return html.escape(text)
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width))


@functools.lru_cache(maxsize=1024)
def inferred_note(note: str) -> str:
    """A date note for a hover box, shortened and escaped."""
    return "Date inferred: " + escaped_lines(textwrap.shorten(note, NOTE_CHARS, placeholder=" … (see the record detail)"))


def hover_texts(events: pd.DataFrame, sources: pd.DataFrame, upcoming_flags: pd.Series) -> pd.Series:
    """Each event's hover box: title, date as precise as known, partners, sectors, type, status, first source.

    Every piece of record text is HTML-escaped, because plotly renders HTML in hover text.

    Args:
        events: the events table.
        sources: the source table (index id; headline, outlet, published).
        upcoming_flags: from ``upcoming``.

    Returns:
        One string per event, with the events' index.
    """
    cited = {}  # each source's line, made once however many events cite it
    first_ids = {ids[0] for ids in events["source_ids"]}
    known = sources.loc[sources.index.intersection(list(first_ids)), ["headline", "outlet", "published", "published_precision"]].to_dict(
        "index"
    )
    for source_id in first_ids:
        if source_id in known:
            source = known[source_id]
            cited[source_id] = escaped_lines(
                short_citation(source["outlet"], source["headline"], source["published"], source["published_precision"])
            )
        else:
            cited[source_id] = html.escape(source_id)
    columns = [
        "title",
        "date_label",
        "date_precision",
        "date_inferred",
        "date_note",
        "partner_names",
        "sector_labels",
        "status_label",
        "event_type_label",
        "source_ids",
    ]
    texts = []
    # plain lists zipped, not rows as dicts: a third of the time at a few thousand events
    rows = zip(*(events[column].tolist() for column in columns), upcoming_flags.reindex(events.index).tolist())
    for title, date_label, precision, inferred, note, partner_names, sector_labels, status_label, type_label, source_ids, ahead in rows:
        lines = [f"<b>{escaped_lines(title)}</b>", f"Date: {html.escape(date_label)} ({PRECISION_WORDS[precision]})"]
        if inferred or precision == "on_or_before":
            lines.append(inferred_note(note))
        lines.append("Partners: " + escaped_lines(", ".join(partner_names)))
        if sector_labels:
            lines.append("Sectors: " + escaped_lines(", ".join(sector_labels)))
        status = html.escape(status_label) + (" · upcoming" if ahead else "")
        lines.append(f"{html.escape(type_label)} · {status}")
        lines.append("Source: " + cited[source_ids[0]])
        texts.append("<br>".join(lines))
    return pd.Series(texts, index=events.index, dtype=object)
