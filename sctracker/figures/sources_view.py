"""A source document as passages: which stretches some record quotes (and which records), which none does."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from sctracker.figures.markdown import escape_markdown
from sctracker.query.summary import citing_records
from sctracker.records.sources import quote_spans


@dataclasses.dataclass(frozen=True)
class Segment:
    """A stretch of a source's text and the records whose quotes cover it (empty: nobody quotes it)."""

    text: str
    record_ids: tuple[str, ...]


def citations_of(events: pd.DataFrame, source_id: str) -> list[tuple[str, str]]:
    """(record id, quote) for every quote of ``source_id`` in the events table."""
    citing = [source_id in ids for ids in events["source_ids"].to_numpy()]
    return [
        (record, ref["quote"])
        for record, refs in zip(events["id"][citing], events["sources"][citing])
        for ref in refs
        if ref["source"] == source_id
    ]


def segments(text: str, citations: list[tuple[str, str]]) -> list[Segment]:
    """Cut ``text`` at every quote's start and end, and name the records covering each piece.

    Args:
        text: the source's text.
        citations: (record id, quote) pairs; a quote is found with whitespace runs matched loosely.

    Returns:
        Consecutive segments that join back into ``text``.
    """
    spans = [(start, end, record) for record, quote in citations for start, end in quote_spans(text, quote)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        covering = tuple(sorted({record for s, e, record in spans if s <= start and end <= e}))
        if out and out[-1].record_ids == covering:
            out[-1] = Segment(out[-1].text + text[start:end], covering)
        else:
            out.append(Segment(text[start:end], covering))
    return out


def coverage(parts: list[Segment]) -> float:
    """Share of the text's non-space characters that some quote covers."""
    total = sum(len("".join(part.text.split())) for part in parts)
    cited = sum(len("".join(part.text.split())) for part in parts if part.record_ids)
    return cited / total if total else 0.0


def sources_table(dataset_sources: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every source as people cite it (outlet, headline, date), how many of ``events`` cite it, and its id."""
    table = dataset_sources.reset_index()
    return pd.DataFrame(
        {
            "Outlet": table["outlet"],
            "Headline": table["headline"],
            "Published": [
                _published(day, precision) + (" (inferred)" if basis == "inferred" else "")
                for day, precision, basis in zip(table["published"], table["published_precision"], table["published_basis"])
            ],
            "Records citing": citing_records(events, dataset_sources.index).to_numpy(),
            "Source id": table["id"],
        }
    )


def _published(day: dt.date, precision: str) -> str:
    """A publication date written to its precision (only that one written: 28,000 sources at 50,000 records)."""
    if precision == "day":
        return day.isoformat()
    return f"{day:%Y-%m}" if precision == "month" else f"{day:%Y}"


def citing_order(parts: list[Segment]) -> list[str]:
    """The records whose quotes a document's segments carry, in order of their first quote."""
    return list(dict.fromkeys(record for part in parts for record in part.record_ids))


def source_markdown(parts: list[Segment], record_urls: dict[str, str], focus_record: str | None = None) -> list[str]:
    """The source as Markdown paragraphs: every quoted passage highlighted and followed by short numbered links
    to its records (numbered in ``citing_order``; the page lists what each number stands for).

    Args:
        parts: the segments of ``segments``.
        record_urls: record id -> URL of that record's detail.
        focus_record: a record whose passages stand out, in another colour and bold (the one a reader came from).

    Returns:
        One Markdown string a paragraph. All document text is escaped, so it shows literally.
    """
    numbers = {record: number for number, record in enumerate(citing_order(parts), start=1)}
    paragraphs, current = [], []
    for part in parts:
        pieces = part.text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                paragraphs.append("".join(current))
                current = []
            if not piece.strip():
                current.append(escape_markdown(piece))
                continue
            if part.record_ids:
                text = escape_markdown(piece)
                current.append(f":blue-background[**{text}**]" if focus_record in part.record_ids else f":orange-background[{text}]")
                if index == len(pieces) - 1:
                    current.append(" " + " ".join(f"[\\[{numbers[r]}\\]]({_escaped_url(record_urls.get(r, ''))})" for r in part.record_ids))
            else:
                current.append(escape_markdown(piece))
    paragraphs.append("".join(current))
    return [p for p in paragraphs if p.strip()]


def _escaped_url(url: str) -> str:
    return url.replace(")", "%29").replace(" ", "%20")
