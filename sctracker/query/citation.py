"""A record as a citation a person pastes into a briefing note: title, date, partners, each source (outlet, headline,
date, URL, from its provenance in ``seeds/sources.yaml``) and the record's permalink, as plain text."""

from __future__ import annotations

import pandas as pd

from sctracker.records.sources import short_citation

TRACKER = "Supply-Chain Partnership Tracker"


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
        cited = short_citation(source["outlet"], source["headline"], source["published"], source["published_precision"], source["url"])
        lines.append(f"- {cited}" if source["url"] else f"- {cited} (no URL: {source_id} in the tracker's seeds)")
    dated = ", ".join(
        part for part in (f"added {_day(record.get('added'))}" if _day(record.get("added")) else "",
                          f"last edited {_day(record.get('last_edited'))}" if _day(record.get("last_edited")) else "") if part
    )  # fmt: skip
    lines.append(f"{TRACKER}, record {record['id']}{f' ({dated})' if dated else ''}: {link}")
    return "\n".join(lines)
