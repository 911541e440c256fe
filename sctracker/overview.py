"""Numbers for the overview page's headline."""

from __future__ import annotations

import pandas as pd


def headline_numbers(events: pd.DataFrame) -> dict[str, str]:
    """Events, distinct partners, distinct sources cited and the date span of an events table, as text."""
    if events.empty:
        return {"Events": "0", "Partners": "0", "Sources cited": "0", "Date span": "–"}
    partners = {code for codes in events["partners"] for code in codes}
    sources = {source for ids in events["source_ids"] for source in ids}
    first, last = events["date"].min(), events["period_end"].max()
    span = f"{first:%Y}" if first.year == last.year else f"{first:%Y}–{last:%Y}"
    return {"Events": str(len(events)), "Partners": str(len(partners)), "Sources cited": str(len(sources)), "Date span": span}
