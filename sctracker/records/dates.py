"""Dates with a precision: the stretch of time they cover and how to write them without overstating them.

A precision is ``day``, ``month``, ``year`` or ``on_or_before``: a bound, for what a source reports as already
done without saying when. Its stretch runs from the open past to that day; it is written ``by 4 Dec 2025``.
"""

from __future__ import annotations

import calendar
import datetime as dt


def period_end(start: dt.date, precision: str, end_date: dt.date | None = None) -> dt.date:
    """The last day an event may fall on: its end date, else the end of its day, month or year (an on_or_before
    date is itself the last day)."""
    if end_date is not None:
        return end_date
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        return dt.date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def period_start(start: dt.date, precision: str) -> dt.date | None:
    """The first day an event may fall on: its date, or None (the open past) for an on_or_before date."""
    return None if precision == "on_or_before" else start


def precision_mismatch(start: dt.date, precision: str) -> str | None:
    """Why ``start`` is not the first day of its month or year when the precision says it should be."""
    if precision == "month" and start.day != 1:
        return f"with date_precision month the date is the first of the month ({start:%Y-%m}-01), not {start}"
    if precision == "year" and (start.month, start.day) != (1, 1):
        return f"with date_precision year the date is the first of the year ({start.year}-01-01), not {start}"
    return None


def format_event_date(start: dt.date, precision: str, end_date: dt.date | None = None) -> str:
    """A date as precise as it is known: ``4 Dec 2025``, ``1–4 Dec 2025``, ``Jun 2024``, ``2018``, ``by 4 Dec 2025``."""
    if precision == "on_or_before":
        return f"by {start.day} {start:%b %Y}"
    if precision == "year":
        return f"{start.year}"
    if precision == "month":
        return f"{start:%b %Y}"
    if end_date is None or end_date == start:
        return f"{start.day} {start:%b %Y}"
    if (end_date.year, end_date.month) == (start.year, start.month):
        return f"{start.day}–{end_date.day} {start:%b %Y}"
    if end_date.year == start.year:
        return f"{start.day} {start:%b} – {end_date.day} {end_date:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end_date.day} {end_date:%b %Y}"


def today() -> dt.date:
    """Today's date: the one place 'generated on' stamps come from, so that tests can fix it."""
    return dt.date.today()
