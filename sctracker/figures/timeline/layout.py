"""Where the timeline puts things: a lane per partner, each event's stretch of time, sub-rows so that
nothing hides, what is upcoming, and the window the chart opens on. Pure: tables in, tables out."""

from __future__ import annotations

import html
import math
import textwrap

import numpy as np
import pandas as pd

#: Precisions drawn at a day: the day itself, and the day an 'on or before' date is known by.
DRAWN_AS_DAY = ("day", "on_or_before")
#: Statuses of events that have not happened yet.
UPCOMING_STATUSES = ("planned", "announced")
#: Height of a lane unit (a lane of one row), and the distance between a lane's sub-rows in lane units.
LANE_PIXELS = 44
SUB_ROW_UNITS = 0.34
MAX_SUB_ROWS = 6
#: Half of the room a day marker takes on the axis when lanes are packed, so that neighbours do not overlap.
_MARKER_ROOM = pd.Timedelta(days=1.5)
_MIDDAY, _ONE_DAY = np.timedelta64(12, "h"), np.timedelta64(1, "D")
#: The least padding on each side of the default window.
_MIN_PAD = pd.Timedelta(days=7)


def lanes(events: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    """The partner lanes the events need, top to bottom.

    Ordered by region (alphabetically), a region's groups first and then its countries by name, each
    country's states or provinces (``AU-WA``) right after it; a group is a lane of its own (it stands for
    events with the group as a whole, not with its members), and so is a subdivision.

    Args:
        events: events with a ``partners`` list column.
        partners: the partners' rows (``Vocabularies.partner_rows``: index code; name, kind, region, and
            ``country`` for a subdivision's country).

    Returns:
        One row per partner that has events, indexed by code, with ``name``, ``kind``, ``region``,
        ``label`` and ``tick`` (the label escaped and wrapped for the axis).
    """
    codes = set().union(*events["partners"].tolist())
    used = partners.loc[[code for code in partners.index if code in codes], ["name", "kind", "region"]].copy()
    country_of = partners["country"] if "country" in partners.columns else pd.Series(dtype=object)
    names = partners["name"].to_dict()
    used["is_country"] = used["kind"] != "group"
    # a subdivision sorts under its country's name, just after it
    used["country_name"] = [
        names.get(country_of.get(code), name) if kind == "subdivision" else name
        for code, kind, name in zip(used.index, used["kind"], used["name"])
    ]
    used["is_subdivision"] = used["kind"] == "subdivision"
    used = used.sort_values(["region", "is_country", "country_name", "is_subdivision", "name"]).drop(
        columns=["is_country", "country_name", "is_subdivision"]
    )
    used["label"] = [f"{row.name} (group)" if row.kind == "group" else row.name for row in used.itertuples()]
    used["tick"] = ["<br>".join(html.escape(line) for line in textwrap.wrap(label, 24)) for label in used["label"]]
    return used


def extents(events: pd.DataFrame) -> pd.DataFrame:
    """Where each event is drawn on the time axis: ``start``, ``end`` and ``marker`` (the open marker's place).

    A day is drawn at its middle (midday), so that a day marker sits inside its day at any zoom (so is an
    'on or before' date, at the day it is known by); a month or year runs from its first moment to the
    first moment of the next, so that the bar covers the whole period and nothing more.
    """
    # in numpy: pandas' ``where`` aligned and copied the columns, 40 ms a call at 10,000 events
    precise = events["date_precision"].isin(DRAWN_AS_DAY).to_numpy()
    day = events["date"].to_numpy(dtype="datetime64[ns]")
    last_day = events["end_date"].to_numpy(dtype="datetime64[ns]")
    last_day = np.where(np.isnat(last_day), day, last_day)
    start = np.where(precise, day + _MIDDAY, day)
    end = np.where(precise, last_day + _MIDDAY, events["period_end"].to_numpy(dtype="datetime64[ns]") + _ONE_DAY)
    return pd.DataFrame({"start": start, "end": end, "marker": start + (end - start) / 2}, index=events.index)


def lane_rows(events: pd.DataFrame, lane_table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Where each event goes in each of its partners' lanes, and how tall each lane is.

    An event with several partners is in each of their lanes. Within a lane, events that would overlap
    on the axis are put on sub-rows one above the other, so none hides another; a lane with more
    sub-rows is taller. The y axis runs down in lane units: a one-row lane is one unit tall.

    Args:
        events: the events table.
        lane_table: from ``lanes``.

    Returns:
        (rows, placed): ``rows`` has one row per event and lane, with ``index`` (the event's row in
        ``events``), ``id``, ``partner``, ``start``, ``end``, ``marker``, ``sub_row`` and ``y``;
        ``placed`` is ``lane_table`` with each lane's ``sub_rows``, ``height``, ``top`` and ``center``.
    """
    rows = events[["id", "partners"]].join(extents(events)).join(_reach(events)).explode("partners").rename(columns={"partners": "partner"})
    rows = rows.rename_axis("index").reset_index()
    rows["sub_row"] = _pack(rows)
    placed = lane_table.copy()
    placed["sub_rows"] = rows.groupby("partner")["sub_row"].max().add(1).reindex(placed.index, fill_value=1)
    placed["height"] = (placed["sub_rows"] * SUB_ROW_UNITS + 0.4).clip(lower=1.0)
    placed["top"] = placed["height"].cumsum() - placed["height"]
    placed["center"] = placed["top"] + placed["height"] / 2
    lane = placed.loc[rows["partner"]]
    rows["y"] = lane["center"].to_numpy() + (rows["sub_row"] - (lane["sub_rows"].to_numpy() - 1) / 2) * SUB_ROW_UNITS
    return rows, placed


def milestone_x(milestone: dict) -> pd.Timestamp:
    """Where a milestone's mark goes: midday of its day (or of the day it is known by), the middle of its month or year."""
    start = pd.Timestamp(milestone["date"])
    if milestone["date_precision"] in DRAWN_AS_DAY:
        return start + _MIDDAY
    return start + (pd.Timestamp(milestone["period_end"]) + pd.Timedelta(days=1) - start) / 2


def _reach(events: pd.DataFrame) -> pd.DataFrame:
    """How far along the axis each event reaches, its milestones' marks included: what a sub-row must leave free."""
    drawn = extents(events)
    start, end = drawn["start"].copy(), drawn["end"].copy()
    for index, milestones in events["milestones"].items() if "milestones" in events else ():
        if milestones:
            points = [milestone_x(milestone) for milestone in milestones]
            start[index], end[index] = min(start[index], *points), max(end[index], *points)
    return pd.DataFrame({"reach_start": start, "reach_end": end}, index=events.index)


def _pack(rows: pd.DataFrame) -> pd.Series:
    """Give each event of each lane the first sub-row where it overlaps nothing already placed (earliest first).

    A lane has at most ``MAX_SUB_ROWS``; when all are taken, an event goes on the one that frees up
    first, so a very crowded lane overlaps a little rather than growing without end.
    """
    # plain integers (nanoseconds) in plain lists: a loop over rows is the one way to pack, so keep it cheap
    starts = (rows["reach_start"] - _MARKER_ROOM).to_numpy().astype("datetime64[ns]").view("i8")
    ends = (rows["reach_end"] + _MARKER_ROOM).to_numpy().astype("datetime64[ns]").view("i8")
    lane_codes = pd.factorize(rows["partner"])[0]
    order = np.lexsort((starts - ends, starts, lane_codes))  # by lane, then start, the longest first
    starts, ends, lane_codes = starts.tolist(), ends.tolist(), lane_codes.tolist()
    sub_rows = [0] * len(rows)
    lane, row_ends, crowding = None, [], []  # crowding: events on each sub-row, to spread the overflow evenly
    for index in order.tolist():
        if lane_codes[index] != lane:
            lane, row_ends, crowding = lane_codes[index], [], []
        start, end = starts[index], ends[index]
        free = next((i for i, last_end in enumerate(row_ends) if last_end < start), None)
        if free is None and len(row_ends) < MAX_SUB_ROWS:
            row_ends.append(end)
            crowding.append(0)
            free = len(row_ends) - 1
        elif free is None:
            free = min(range(len(row_ends)), key=lambda i: (row_ends[i], crowding[i]))
        row_ends[free] = max(end, row_ends[free])
        crowding[free] += 1
        sub_rows[index] = free
    return pd.Series(sub_rows, index=rows.index, dtype=int)


def latest_held(events: pd.DataFrame) -> pd.Timestamp | None:
    """The last day on which a held event may have taken place (None when no event is held).

    Pass the whole dataset, not the filtered events: it marks where the records' past ends.
    """
    held = events.loc[events["status"] == "held", "period_end"]
    return None if held.empty else held.max()


def upcoming(events: pd.DataFrame, last_held: pd.Timestamp | None) -> pd.Series:
    """Which events are upcoming: planned or announced, and able to fall after the latest held event.

    An event known only to a month or year counts when any part of that period is after ``last_held``:
    a summit planned for "2026" is still ahead even if a held event is dated 22 January 2026.
    """
    ahead = events["status"].isin(UPCOMING_STATUSES)
    if last_held is None:
        return ahead
    return ahead & (events["period_end"] > last_held)


def densest_window(events: pd.DataFrame, share: float = 0.5, min_pad: pd.Timedelta = _MIN_PAD) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The default zoom: the shortest stretch of time holding ``share`` of the events, padded.

    Only events known to the day are counted, because an event known only to the year has no place
    within it (its 1 January would make January look busy); when no event is known to the day, every
    event counts at the middle of its period. The window is padded on each side by a quarter of its
    length and at least ``min_pad``.

    Args:
        events: the (filtered) events.
        share: the part of the events the window must hold.
        min_pad: the least padding on each side.

    Returns:
        (start, end) for the x axis, or None when there are no events.
    """
    if events.empty:
        return None
    drawn = extents(events)
    precise = events["date_precision"] == "day"
    times = (drawn.loc[precise, "start"] if precise.any() else drawn["marker"]).sort_values().reset_index(drop=True)
    needed = max(1, math.ceil(share * len(times)))
    lengths = times.shift(-(needed - 1)).iloc[: len(times) - needed + 1] - times.iloc[: len(times) - needed + 1]
    first = int(lengths.to_numpy().argmin())
    start, end = times[first], times[first + needed - 1]
    pad = max(min_pad, (end - start) / 4)
    return start - pad, end + pad


def whole_span(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The x range that shows every event whole, with a little room on each side (None when there are none)."""
    if events.empty:
        return None
    drawn = extents(events)
    start, end = drawn["start"].min(), drawn["end"].max()
    pad = max(pd.Timedelta(days=7), (end - start) / 50)
    return start - pad, end + pad


def in_window(events: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp] | None) -> pd.Series:
    """Which events are at least partly drawn inside ``window`` (all of them when there is no window)."""
    if window is None:
        return pd.Series(True, index=events.index)
    drawn = extents(events)
    return (drawn["end"] >= window[0]) & (drawn["start"] <= window[1])


def window_label(window: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    """A window in words as precise as it needs to be: ``19 Nov – 10 Dec 2025``, ``2004–2026``."""
    start, end = window
    if (end - start).days > 3 * 366:  # over three years, days would only be noise
        return f"{start:%Y}–{end:%Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def events_span_label(events: pd.DataFrame) -> str:
    """The stretch some events cover, no more precisely than their dates are known: ``Jun 2024 – Jan 2026``,
    ``2004–2026`` (a day would claim too much for an event known only to the month)."""
    start, end = events["date"].min(), events["period_end"].max()
    if (end - start).days > 3 * 366 or (events["date_precision"] == "year").all():
        return f"{start:%Y}" if start.year == end.year else f"{start:%Y}–{end:%Y}"
    return f"{start:%b %Y}" if (start.year, start.month) == (end.year, end.month) else f"{start:%b %Y} – {end:%b %Y}"


#: The timeline's time-span choices: every event (the default: nothing hidden), or the busiest stretch.
SPANS = ("all", "busiest")


def span_window(events: pd.DataFrame, span: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The x range a span choice shows: ``whole_span`` for ``all``, ``densest_window`` for ``busiest``."""
    return densest_window(events) if span == "busiest" else whole_span(events)


def span_choices(events: pd.DataFrame) -> dict[str, str]:
    """The span choices with what each shows: ``All events, 2004–2026 (29)``, ``Busiest stretch, … (14 of 29)``.

    The busiest stretch is offered only when it leaves some events out.
    """
    if events.empty:
        return {"all": "All events"}
    every = whole_span(events)
    choices = {"all": f"All events, {events_span_label(events)} ({len(events):,})"}
    busiest = densest_window(events)
    shown = int(in_window(events, busiest).sum())
    if every is not None and shown < len(events):
        choices["busiest"] = f"Busiest stretch, {window_label(busiest)} ({shown:,} of {len(events):,})"
    return choices
