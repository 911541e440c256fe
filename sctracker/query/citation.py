"""A record as a citation a person pastes into a briefing note: title, date, partners, each source (outlet, headline,
date, URL, from its provenance in ``seeds/sources.yaml``) and the record's permalink, as plain text."""

from __future__ import annotations

import pandas as pd

from sctracker.records.dates import format_event_date

TRACKER = "Supply-Chain Partnership Tracker"


def _published(source: pd.Series) -> str:
    precision = source["published_precision"]
    if precision in ("day", "month", "year"):
        return format_event_date(source["published"], precision)
    return source["published"].isoformat()


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def citation_text(record: dict | pd.Series, sources: pd.DataFrame, link: str) -> str:
    """The citation of one record (an events-table row), as plain text lines.

    Args:
        record: the record's row of the events table.
        sources: the sources table (``Dataset.sources``), for each cited source's provenance.
        link: the record's permalink (the dashboard opened on it).
    """
    lines = [
        f"{record['title']} ({record['date_label']}; {record['status_label'].lower()})",
        f"Partners: {', '.join(record['partner_names'])}",
        "Sources:",
    ]
    for source_id in record["source_ids"]:
        if source_id not in sources.index:
            lines.append(f"- {source_id}")
            continue
        source = sources.loc[source_id]
        url = source["url"] or f"no URL; {source_id} in the tracker's seeds"
        lines.append(f"- {source['outlet']}, “{source['headline']}”, published {_published(source)}. {url}")
    dated = ", ".join(
        part for part in (f"added {_day(record.get('added'))}" if _day(record.get("added")) else "",
                          f"last edited {_day(record.get('last_edited'))}" if _day(record.get("last_edited")) else "") if part
    )  # fmt: skip
    lines.append(f"{TRACKER}, record {record['id']}{f' ({dated})' if dated else ''}: {link}")
    return "\n".join(lines)
