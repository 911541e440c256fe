"""Numbers about a set of events: the Overview's headline figures and how many records cite each source."""

from __future__ import annotations

import pandas as pd

from sctracker.query.lists import item_counts


def headline_numbers(events: pd.DataFrame) -> dict[str, str]:
    """Events, distinct partners, distinct sources cited and the date span of an events table, as text."""
    if events.empty:
        return {"Events": "0", "Partners": "0", "Sources cited": "0", "Date span": "–"}
    partners = {code for codes in events["partners"] for code in codes}
    sources = cited_sources(events)
    first, last = events["date"].min(), events["period_end"].max()
    span = f"{first:%Y}" if first.year == last.year else f"{first:%Y}–{last:%Y}"
    return {"Events": f"{len(events):,}", "Partners": f"{len(partners):,}", "Sources cited": f"{len(sources):,}", "Date span": span}


def cited_sources(events: pd.DataFrame) -> set[str]:
    """The ids of the sources ``events`` cite."""
    return {source for ids in events["source_ids"] for source in ids}


def citing_records(events: pd.DataFrame, source_ids: pd.Index) -> pd.Series:
    """How many of ``events`` cite each source (0 for a source none cites), indexed like ``source_ids``."""
    return item_counts(events["source_ids"]).reindex(source_ids, fill_value=0).astype(int)
