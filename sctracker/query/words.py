"""The view in words: the filters as a chart's subtitle and as a file-name part, and counts said plainly."""

from __future__ import annotations

import re

from sctracker.query.filters import Filters, choices
from sctracker.records.vocabularies import Vocabularies


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 event``, ``2 events``, ``1,200 events`` (``nouns`` for an irregular plural)."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def view_count(shown: int, total: int) -> str:
    """How many events a view shows: ``all 29 events``, ``2 of 29 events``."""
    return f"all {plural(total, 'event')}" if shown == total else f"{shown:,} of {plural(total, 'event')}"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe(filters: Filters, vocab: Vocabularies) -> str:
    """The filters in words for a chart's subtitle: ``1 Nov 2025 – … · 4 partners · Batteries``; ``All records`` when none."""
    parts = []
    chosen = filters.chosen()
    bounds = {field.test: value for field, value in chosen if field.test in _RANGE_TESTS}
    for field, value in chosen:
        if field.test in _RANGE_TESTS:
            if field.test == next(iter(bounds)):  # the range is said once, where its first bound is
                start, end = (bounds.get(test) for test in _RANGE_TESTS)
                known = " (known to fall in it)" if filters.date_match == "known" else ""
                parts.append(f"{_day(start) if start else '…'} – {_day(end) if end else '…'}{known}")
        elif field.kind == "date":
            parts.append(f"{field.label.lower()} {_day(value)}")
        elif field.kind == "choice":
            continue  # said with what it changes (the date range)
        elif field.kind == "codes":
            labels = choices(field, vocab)
            names = [labels.get(code, code) for code in value]
            parts.append(plural(len(names), field.noun) if field.max_named and len(names) > field.max_named else join_words(names))
        else:
            parts.append(f"matching “{value.strip()}”")
    return " · ".join(parts) if parts else "All records"


#: The tests of a date range's first and last day: said together as ``start – end``.
_RANGE_TESTS = ("ends_on_or_after", "starts_on_or_before")


def _day(day) -> str:
    return f"{day:%-d %b %Y}"


def slug(filters: Filters) -> str:
    """The filters as a short file-name part: ``from-20251101_partner-USA_sector-batteries``; ``all`` when none."""
    parts = []
    for field, value in filters.chosen():
        if field.kind == "codes":
            parts.append(f"{field.key}-" + "+".join(value))
        elif field.kind == "date":
            parts.append(f"{field.key}-{value:%Y%m%d}")
        else:
            parts.append(f"{field.key}-{value.strip()}")
    text = "_".join(parts) or "all"
    text = re.sub(r"[^A-Za-z0-9_+.-]+", "-", text).strip("-")
    return text[:120]
