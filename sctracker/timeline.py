"""Figure builders for the Timeline page: events on a time axis in one lane per partner, and events per month by type.

Every function here is pure (tables in, figures or tables out, no Streamlit), so that lanes, spans,
date precision and colors are tested without a browser.

How a date is drawn says how precisely it is known:

- known to the day: a filled marker at midday of that day; a multi-day event is a line from its first
  to its last day, with a filled marker at each end;
- known only to the month or year: a thick translucent bar over the whole month or year with an open
  marker in its middle, so that no reader can take it for a precise day.

Past ``SINGLE_EVENTS_UP_TO`` events the timeline counts instead: one circle per lane and week, month,
quarter or year (the finest that keeps the marks to a few thousand), its area growing with the count;
events known less precisely than that period are counted over their own month or year, as open circles
on a bar, on a row of their own. The figure then stays small however many events there are.
"""

from __future__ import annotations

import functools
import html
import math
import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from sctracker.chart_style import STATUS_COLORS, ChartLabels, style_figure
from sctracker.dates import format_event_date
from sctracker.loading import Dataset
from sctracker.model import STATUS_LABELS
from sctracker.sector_matrix import flatten_lists, group_events

#: Marker shapes for the event types, given out in the vocabulary's order.
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "star", "hexagon", "pentagon", "cross", "x", "hourglass", "bowtie")
#: Statuses of events that have not happened yet.
UPCOMING_STATUSES = ("planned", "announced")
#: Height of a lane unit (a lane of one row), and the distance between a lane's sub-rows in lane units.
LANE_PIXELS = 44
SUB_ROW_UNITS = 0.34
MAX_SUB_ROWS = 6
#: Where the legend rows start below the top of the figure (under the title) and how far apart they are.
LEGEND_TOP_PIXELS = 62
LEGEND_ROW_PIXELS = 24
#: The bottom margin ``style_figure`` leaves for the axis and the source line.
BOTTOM_PIXELS = 80
PERIOD_BAR_PIXELS = 10
SPAN_LINE_PIXELS = 3
MARKER_PIXELS = 12
#: Half of the room a day marker takes on the axis when lanes are packed, so that neighbours do not overlap.
_MARKER_ROOM = pd.Timedelta(days=1.5)
_MIDDAY = pd.Timedelta(hours=12)
#: How much of a date note the hover shows; the record detail shows it whole.
NOTE_CHARS = 160
_PRECISION_WORDS = {"day": "known to the day", "month": "known only to the month", "year": "known only to the year"}
#: Up to this many events the timeline draws each one; past it, it counts them per lane and period. At 2,000
#: the densest lanes are already a thicket of overlapping marks; one mark per event and lane made a figure of
#: 35 MB at 50,000 events, and 2,000 events take about a tenth of a second and 1.4 MB to draw one by one.
SINGLE_EVENTS_UP_TO = 2000
#: The periods a crowded timeline may count in, finest first.
BIN_PERIODS = ("week", "month", "quarter", "year")
#: A crowded timeline counts in the finest period whose counts make no more circles than this: monthly
#: counts over twenty years in sixteen lanes fit, and the figure stays under about 1.5 MB.
BINNED_MARKS_UP_TO = 4000
#: Diameter of a count's circle for one event, and for the largest count in the chart.
BIN_MARKER_PIXELS = (5, 24)
BIN_COLOR = "#3a6ea5"
#: Titles a count's hover names, each cut to a line: the hover previews a count, the table lists it whole.
BIN_HOVER_TITLES = 3
_TITLE_CHARS = 70
#: The monthly chart's note lists the years of year-only events up to this many; past it, it names the span.
_LISTED_YEARS = 6
#: Where in its one-unit lane a count is drawn, from the lane's top: counts of events known only to a
#: coarser period get a row of their own below, so that they hide none of the counts of the same time.
COUNT_ROW, VAGUE_COUNT_ROW = 0.38, 0.78
_FINENESS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


def event_symbols(event_types: pd.Index) -> dict[str, str]:
    """Each event type's marker shape, in vocabulary order (the shapes repeat after twelve types).

    Args:
        event_types: the event-type codes, in the vocabulary's order.

    Returns:
        Code to plotly symbol name (the filled shape; ``-open`` is added for imprecise dates).
    """
    return {code: SYMBOLS[i % len(SYMBOLS)] for i, code in enumerate(event_types)}


def event_type_colors(event_types: pd.Index) -> dict[str, str]:
    """Each event type's bar color in the monthly chart, in vocabulary order (a color-blind-safe palette)."""
    palette = plotly.colors.qualitative.Safe
    return {code: palette[i % len(palette)] for i, code in enumerate(event_types)}


def lanes(events: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    """The partner lanes the events need, top to bottom.

    Ordered by region (alphabetically), a region's groups first and then its countries by name; a group
    is a lane of its own (it stands for events with the group as a whole, not with its members).

    Args:
        events: events with a ``partners`` list column.
        partners: the partner vocabulary (index code; name, kind, region).

    Returns:
        One row per partner that has events, indexed by code, with ``name``, ``kind``, ``region``,
        ``label`` and ``tick`` (the label escaped and wrapped for the axis).
    """
    codes = set().union(*events["partners"].tolist())
    used = partners.loc[[code for code in partners.index if code in codes], ["name", "kind", "region"]].copy()
    used["is_country"] = used["kind"] != "group"
    used = used.sort_values(["region", "is_country", "name"]).drop(columns="is_country")
    used["label"] = [f"{row.name} (group)" if row.kind == "group" else row.name for row in used.itertuples()]
    used["tick"] = ["<br>".join(html.escape(line) for line in textwrap.wrap(label, 24)) for label in used["label"]]
    return used


def extents(events: pd.DataFrame) -> pd.DataFrame:
    """Where each event is drawn on the time axis: ``start``, ``end`` and ``marker`` (the open marker's place).

    A day is drawn at its middle (midday), so that a day marker sits inside its day at any zoom; a
    month or year runs from its first moment to the first moment of the next, so that the bar covers
    the whole period and nothing more.
    """
    precise = events["date_precision"] == "day"
    last_day = events["end_date"].fillna(events["date"])
    start = events["date"].where(~precise, events["date"] + _MIDDAY)
    end = (last_day + _MIDDAY).where(precise, events["period_end"] + pd.Timedelta(days=1))
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
    rows = events[["id", "partners"]].join(extents(events)).explode("partners").rename(columns={"partners": "partner"})
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


def _pack(rows: pd.DataFrame) -> pd.Series:
    """Give each event of each lane the first sub-row where it overlaps nothing already placed (earliest first).

    A lane has at most ``MAX_SUB_ROWS``; when all are taken, an event goes on the one that frees up
    first, so a very crowded lane overlaps a little rather than growing without end.
    """
    # plain integers (nanoseconds) in plain lists: a loop over rows is the one way to pack, so keep it cheap
    starts = (rows["start"] - _MARKER_ROOM).to_numpy().astype("datetime64[ns]").view("i8")
    ends = (rows["end"] + _MARKER_ROOM).to_numpy().astype("datetime64[ns]").view("i8")
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


def densest_window(events: pd.DataFrame, share: float = 0.5, min_pad: pd.Timedelta = pd.Timedelta(days=7)) -> tuple[pd.Timestamp, pd.Timestamp] | None:
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


@functools.lru_cache(maxsize=4096)  # partner lists, sector lists and date notes repeat from event to event
def _wrap(text: str, width: int = 70) -> str:
    """Escaped text broken into lines for a hover box."""
    text = str(text)
    if len(text) <= width:  # most are: textwrap is slow enough to matter over thousands of events
        return html.escape(text)
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width))


@functools.lru_cache(maxsize=1024)
def _inferred_note(note: str) -> str:
    return "Date inferred: " + _wrap(textwrap.shorten(note, NOTE_CHARS, placeholder=" … (see the record detail)"))


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
    known = sources.loc[sources.index.intersection(list(first_ids)), ["headline", "outlet", "published", "published_precision"]].to_dict("index")
    for source_id in first_ids:
        if source_id in known:
            source = known[source_id]
            where = f"{source['outlet']}, " if source["outlet"] != "unknown" else ""
            published = format_event_date(source["published"], source["published_precision"])
            cited[source_id] = _wrap(f"{source['headline']} ({where}{published})")
        else:
            cited[source_id] = html.escape(source_id)
    columns = ["title", "date_label", "date_precision", "date_inferred", "date_note", "partner_names", "sector_labels", "status_label", "event_type_label", "source_ids"]
    texts = []
    # plain lists zipped, not rows as dicts: a third of the time at a few thousand events
    rows = zip(*(events[column].tolist() for column in columns), upcoming_flags.reindex(events.index).tolist())
    for title, date_label, precision, inferred, note, partner_names, sector_labels, status_label, type_label, source_ids, ahead in rows:
        lines = [f"<b>{_wrap(title)}</b>", f"Date: {html.escape(date_label)} ({_PRECISION_WORDS[precision]})"]
        if inferred:
            lines.append(_inferred_note(note))
        lines.append("Partners: " + _wrap(", ".join(partner_names)))
        if sector_labels:
            lines.append("Sectors: " + _wrap(", ".join(sector_labels)))
        status = html.escape(status_label) + (" · upcoming" if ahead else "")
        lines.append(f"{html.escape(type_label)} · {status}")
        lines.append("Source: " + cited[source_ids[0]])
        texts.append("<br>".join(lines))
    return pd.Series(texts, index=events.index, dtype=object)


def _visible_middle(rows: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp] | None) -> pd.Series:
    """Where the open marker of a month or year bar goes: the middle of the part of the bar in view.

    The marker is what a reader hovers and clicks; at its true middle, a year bar's marker would be
    off screen whenever the view is zoomed into part of that year. Being open, it claims no day.
    """
    if window is None:
        return rows["marker"]
    start, end = rows["start"].clip(lower=window[0]), rows["end"].clip(upper=window[1])
    seen = start < end
    return (start + (end - start) / 2).where(seen, rows["marker"])


def _segments(rows: pd.DataFrame) -> dict[str, list]:
    """x, y and record ids of horizontal segments, one after another with a gap (None) between them."""
    x, y, ids = [], [], []
    for start, end, height, record_id in zip(rows["start"].tolist(), rows["end"].tolist(), rows["y"].tolist(), rows["id"].tolist()):
        x += [start, end, None]
        y += [height, height, None]
        ids += [record_id, record_id, None]
    return {"x": x, "y": y, "customdata": ids}


def draws_counts(events: pd.DataFrame) -> bool:
    """Whether the timeline counts these events per lane and period rather than drawing each (past ``SINGLE_EVENTS_UP_TO``)."""
    return len(events) > SINGLE_EVENTS_UP_TO


def event_bins(events: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Where a timeline counting per ``unit`` counts each event: in the period its start date falls in.

    An event known less precisely than ``unit`` (to the month, counted per week; to the year, counted
    per week, month or quarter) is counted over its own month or year instead: the period of its
    nominal first day would claim a date nobody knows.

    Args:
        events: the events table.
        unit: one of ``BIN_PERIODS``.

    Returns:
        Indexed like ``events``: ``period`` (what the event is counted in: ``unit``, or its own
        precision), ``start`` and ``end`` (the first moment of that period and of the next).
    """
    vaguer = events["date_precision"].isin([name for name, fineness in _FINENESS.items() if fineness > _FINENESS[unit]])
    period = events["date_precision"].where(vaguer, unit)
    dates = events["date"].to_numpy()
    start = np.empty(len(events), dtype="datetime64[s]")
    end = np.empty(len(events), dtype="datetime64[s]")
    for name in period.unique():
        chosen = (period == name).to_numpy()
        start[chosen], end[chosen] = _period_bounds(dates[chosen], name)
    return pd.DataFrame({"period": period, "start": start, "end": end}, index=events.index)


def _period_bounds(dates: np.ndarray, period: str) -> tuple[np.ndarray, np.ndarray]:
    """The first moment of the week (from Monday), month, quarter or year each date falls in, and of the next.

    numpy's calendar units, not pandas periods: a hundred times quicker over 50,000 dates.
    """
    if period == "week":
        days = dates.astype("datetime64[D]")
        start = days - (days.view("i8") + 3) % 7  # day 0, 1 January 1970, was a Thursday
        return start.astype("datetime64[s]"), (start + 7).astype("datetime64[s]")
    if period == "year":
        start = dates.astype("datetime64[Y]")
        return start.astype("datetime64[s]"), (start + 1).astype("datetime64[s]")
    months = 3 if period == "quarter" else 1
    start = dates.astype("datetime64[M]")
    start = start - start.view("i8") % months  # month 0, January 1970, began a quarter
    return start.astype("datetime64[s]"), (start + months).astype("datetime64[s]")


def bin_unit(events: pd.DataFrame) -> str:
    """The period a crowded timeline counts in: the finest of ``BIN_PERIODS`` whose counts make at most
    ``BINNED_MARKS_UP_TO`` circles (one per lane, period and row), else the coarsest."""
    positions, partners = flatten_lists(events["partners"].tolist())
    lane_codes = pd.factorize(np.asarray(partners, dtype=object))[0]
    for unit in BIN_PERIODS:
        bins = event_bins(events, unit)
        vague = (bins["period"] != unit).to_numpy()[positions]
        marks = pd.DataFrame({"lane": lane_codes, "vague": vague, "start": bins["start"].to_numpy()[positions]})
        if len(marks.drop_duplicates()) <= BINNED_MARKS_UP_TO:
            return unit
    return BIN_PERIODS[-1]


_BIN_KEY_SEPARATOR = "|"  # never in a record id (a date, then lowercase letters, digits and hyphens)


def bin_key(partner: str, unit: str, period: str, first_day: str) -> str:
    """What a count's circle reports when clicked: its lane, the chart's counting unit, its period and first day (ISO)."""
    return _BIN_KEY_SEPARATOR.join((partner, unit, period, first_day))


def bin_counts(events: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The counts a crowded timeline draws: each lane's events per period (``event_bins``).

    Args:
        events: the (filtered) events.
        unit: one of ``BIN_PERIODS`` (``bin_unit``).

    Returns:
        One row per partner lane and period with events: ``partner``, ``period``, ``start``, ``end``,
        ``count``, ``event_ids`` and ``titles`` (the first ``BIN_HOVER_TITLES``, in the events' order),
        and ``key`` (its ``bin_key``).
    """
    positions, partners = flatten_lists(events["partners"].tolist())
    pairs = event_bins(events, unit).iloc[positions].reset_index(drop=True).assign(event=positions, partner=partners)
    counts = group_events(pairs, ["partner", "period", "start", "end"], events, titles=BIN_HOVER_TITLES)
    first_days = counts["start"].to_numpy().astype("datetime64[D]").astype(str)
    counts["key"] = [bin_key(partner, unit, period, day) for partner, period, day in zip(counts["partner"].tolist(), counts["period"].tolist(), first_days)]
    return counts


def _events_in_bin(events: pd.DataFrame, key: str) -> list[str]:
    """The ids of the events a count's ``bin_key`` stands for (none for a key that is not one, or is stale)."""
    parts = key.split(_BIN_KEY_SEPARATOR)
    if len(parts) != 4 or parts[1] not in BIN_PERIODS:
        return []
    partner, unit, period, day = parts
    try:
        start = pd.Timestamp(day)
    except ValueError:
        return []
    bins = event_bins(events, unit)
    candidates = events[(bins["period"] == period) & (bins["start"] == start)]
    return [record_id for record_id, codes in zip(candidates["id"], candidates["partners"]) if partner in codes]


def _period_words(start: pd.Timestamp, period: str) -> str:
    """A counting period in words: ``week of 3 Mar 2025``, ``Mar 2025``, ``2025 Q1``, ``2025``."""
    if period == "week":
        return f"week of {start.day} {start:%b %Y}"
    if period == "month":
        return f"{start:%b %Y}"
    if period == "quarter":
        return f"{start.year} Q{start.quarter}"
    return f"{start:%Y}"


def _count_hover(lane: str, when: str, precision: str, count: int, titles: list[str]) -> str:
    """A count's hover box: lane, period, how many events (and how precisely their dates are known), the first titles."""
    lines = [
        f"<b>{html.escape(lane)}</b> · {when}",
        f"{count:,} event{'s' if count != 1 else ''}" + (f" {precision}" if precision else ""),
        *(f"• {html.escape(title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1] + '…')}" for title in titles),
    ]
    if count > len(titles):
        lines.append(f"… and {count - len(titles):,} more")
    return "<br>".join(lines)


def _count_traces(events: pd.DataFrame, lane_table: pd.DataFrame, unit: str) -> tuple[list[dict], pd.DataFrame]:
    """The traces of a crowded timeline: a circle per lane and period, its area growing with the count.

    Returns:
        (traces, placed): plotly trace dicts (with the legend's entries), and ``lane_table`` with every
        lane one unit tall.
    """
    counts = bin_counts(events, unit)
    placed = lane_table.assign(sub_rows=1, height=1.0, top=np.arange(len(lane_table), dtype=float))
    placed["center"] = placed["top"] + 0.5
    vague = (counts["period"] != unit).to_numpy()
    row = np.where(vague, VAGUE_COUNT_ROW, COUNT_ROW) if vague.any() else 0.5
    counts["y"] = placed["top"].reindex(counts["partner"]).to_numpy() + row
    counts["x"] = counts["start"] + (counts["end"] - counts["start"]) / 2
    smallest, largest = BIN_MARKER_PIXELS
    counts["size"] = (largest * np.sqrt(counts["count"] / counts["count"].max())).clip(lower=smallest).round(1)  # area ∝ count
    lane_labels = placed["label"].to_dict()
    periods, starts = counts["period"].tolist(), counts["start"].tolist()
    words = {(period, start): _period_words(start, period) for period, start in set(zip(periods, starts))}  # a few hundred
    counts["hover"] = [
        _count_hover(lane_labels[partner], words[period, start], _PRECISION_WORDS[period] if period != unit else "", count, titles)
        for partner, period, start, count, titles in zip(counts["partner"].tolist(), periods, starts, counts["count"].tolist(), counts["titles"])
    ]
    traces = []
    if vague.any():
        bars = counts[vague].rename(columns={"key": "id"})
        # a little short of each end, so that the bars of two neighbouring years do not read as one long bar
        inset = (bars["end"] - bars["start"]) * 0.03
        bars = bars.assign(start=bars["start"] + inset, end=bars["end"] - inset)
        traces.append({"type": "scatter", "mode": "lines", "line": {"color": BIN_COLOR, "width": PERIOD_BAR_PIXELS}, "opacity": 0.25, "hoverinfo": "skip", "showlegend": False, "name": "vague period", **_segments(bars)})
    for marks, symbol, name in ((counts[~vague], "circle", f"events per {unit}"), (counts[vague], "circle-open", "events known only to the month or year")):
        if not marks.empty:
            trace = _marker_trace(marks, marks["key"], marks["hover"], symbol, BIN_COLOR, marks["size"].to_numpy(), name)
            trace["marker"]["opacity"] = 0.85
            traces.append(trace)
    return traces + _count_legend_entries(unit, vague.any()), placed


def _marker_trace(marks: pd.DataFrame, keys: pd.Series, hover: pd.Series, symbol: str, color: str, size, name: str) -> dict:
    """A selectable marker trace: ``keys`` ride in customdata, an open symbol gets a colored outline."""
    is_open = symbol.endswith("-open")
    return {
        "type": "scatter",
        "mode": "markers",
        # numpy arrays, not Series: plotly checks every Series it is given at some length
        "x": marks["x"].to_numpy(),
        "y": marks["y"].to_numpy(),
        "customdata": keys.to_numpy(dtype=object),
        "hovertext": hover.to_numpy(dtype=object),
        "hoverinfo": "text",
        "marker": {"symbol": symbol, "color": color, "size": size, "line": {"width": 2 if is_open else 1, "color": color if is_open else "white"}},
        "showlegend": False,
        "name": name,
    }


def _event_traces(events: pd.DataFrame, dataset: Dataset, lane_table: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp] | None, last_held: pd.Timestamp | None) -> tuple[list[dict], pd.DataFrame]:
    """The traces that draw every event in each of its lanes (see the module's docstring).

    Returns:
        (traces, placed): plotly trace dicts (with the legends' entries), and ``lane_table`` placed by
        ``lane_rows``.
    """
    rows, placed = lane_rows(events, lane_table)
    rows = rows.join(events[["status", "event_type", "date_precision", "end_date"]], on="index")
    precise = rows["date_precision"] == "day"
    multi_day = precise & rows["end_date"].notna() & (rows["start"] != rows["end"])
    traces = []
    for status, color in STATUS_COLORS.items():
        periods = rows[~precise & (rows["status"] == status)]
        if not periods.empty:
            traces.append({"type": "scatter", "mode": "lines", "line": {"color": color, "width": PERIOD_BAR_PIXELS}, "opacity": 0.35, "hoverinfo": "skip", "showlegend": False, "name": f"{status} period", **_segments(periods)})
        spans = rows[multi_day & (rows["status"] == status)]
        if not spans.empty:
            traces.append({"type": "scatter", "mode": "lines", "line": {"color": color, "width": SPAN_LINE_PIXELS}, "hoverinfo": "skip", "showlegend": False, "name": f"{status} span", **_segments(spans)})

    hover = hover_texts(events, dataset.sources, upcoming(events, last_held))
    symbols = event_symbols(dataset.vocab.event_types.index)
    # lambdas, not Series: a Series assigned to an empty frame would bring its own rows with it
    day_marks = pd.concat([rows[precise].assign(x=lambda f: f["start"]), rows[multi_day].assign(x=lambda f: f["end"])])
    imprecise_marks = rows[~precise].assign(x=lambda f: _visible_middle(f, window))
    # one trace per precision, type and status: a single symbol and color each keeps big figures quick to build
    for marks, suffix in ((day_marks, ""), (imprecise_marks, "-open")):
        for (event_type, status), group in marks.groupby(["event_type", "status"], sort=False):
            color = STATUS_COLORS[status]
            name = f"{event_type} {status}{' (month or year)' if suffix else ''}"
            traces.append(_marker_trace(group, group["id"], group["index"].map(hover), symbols[event_type] + suffix, color, MARKER_PIXELS, name))
    return traces + _event_legend_entries(events, dataset), placed


def timeline_figure(
    events: pd.DataFrame,
    dataset: Dataset,
    labels: ChartLabels,
    window: tuple[pd.Timestamp, pd.Timestamp] | None,
    last_held: pd.Timestamp | None,
) -> go.Figure:
    """The timeline: every event in its partners' lanes, shaped by type, colored by status, drawn as precisely as known.

    Past ``SINGLE_EVENTS_UP_TO`` events it counts them per lane and period instead, and says so in a
    note above the plot.

    Args:
        events: the filtered events.
        dataset: the whole dataset (partner vocabulary for the lanes, event types, sources for the hover).
        labels: title, subtitle and source line words (``ChartLabels.for_view``).
        window: the x range to show (``densest_window`` or ``whole_span``); None lets plotly choose.
        last_held: from ``latest_held`` over the whole dataset; after it lies the shaded 'upcoming' region.

    Returns:
        A plotly figure. Each marker and bar carries its record id as ``customdata`` (a count carries
        its ``bin_key``), for ``selected_ids``.
    """
    in_view = int(in_window(events, window).sum())
    if in_view == len(events) and not events.empty:  # name the events' own span, not the padded axis
        title = f"Events by partner, {window_label((events['date'].min(), events['period_end'].max()))} (all {len(events):,} events)"
    elif window:
        title = f"Events by partner, {window_label(window)} ({in_view:,} of {len(events):,} events in view)"
    else:
        title = "Events by partner"
    if events.empty:
        fig = go.Figure()
        fig.add_annotation(text="No events match the filters", x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 16})
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return style_figure(fig, title, labels, height=400)

    lane_table = lanes(events, dataset.vocab.partners)
    ahead = bool(last_held is not None and upcoming(events, last_held).any())
    annotations = []
    if draws_counts(events):
        unit = bin_unit(events)
        traces, lane_table = _count_traces(events, lane_table, unit)
        vague = any(trace.get("legend") == "legend2" for trace in traces)
        legend_rows = [("legend", "Counts")] + [("legend2", "Vague dates")] * vague + [("legend4", "")] * ahead
        annotations.append(
            {
                "text": f"<b>{len(events):,} events: showing counts per {unit}; narrow the filters to see single events.</b>",
                "xref": "paper", "x": 0, "xanchor": "left", "yref": "paper", "y": 1, "yanchor": "bottom", "yshift": 4,
                "showarrow": False, "font": {"size": 12, "color": "#8a4b08"},
            }
        )  # fmt: skip
    else:
        traces, lane_table = _event_traces(events, dataset, lane_table, window, last_held)
        legend_rows = [("legend", "Status"), ("legend2", "Date")] + [("legend4", "")] * ahead + [("legend3", "Event type")]
    # one row per legend, and one more: the event types take two rows, the note on counts has its own
    top = LEGEND_TOP_PIXELS + (len(legend_rows) + 1) * LEGEND_ROW_PIXELS + 10
    lanes_height = lane_table["height"].sum()
    height = max(520, top + BOTTOM_PIXELS + round(LANE_PIXELS * lanes_height))
    shapes, region_names = _regions(lane_table)
    if ahead:
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "x0": last_held + pd.Timedelta(days=1),
                # on into the future, so that panning right keeps the shade (but not so far plotly's own range would follow it)
                "x1": extents(events)["end"].max() if window is None else window[1] + pd.Timedelta(days=3650),
                "yref": "y domain",
                "y0": 0,
                "y1": 1,
                "fillcolor": "#f7e9cc",
                "line": {"width": 0},
                "layer": "below",
                "showlegend": True,
                "legend": "legend4",
                "name": f"Upcoming: planned or announced, after the last held event ({last_held.day} {last_held:%b %Y})",
            }
        )
    layout = {
        **{name: _legend_layout(title_text, row, height) for row, (name, title_text) in enumerate(legend_rows)},
        "shapes": shapes,
        "annotations": region_names + annotations,
        "yaxis": {"tickvals": list(lane_table["center"]), "ticktext": list(lane_table["tick"]), "range": [lanes_height, 0], "showgrid": True, "gridcolor": "#eeeeee", "zeroline": False, "fixedrange": True},
        "xaxis": {"type": "date", "range": list(window) if window else None, "showgrid": True, "gridcolor": "#eeeeee", "title": None},
        "hovermode": "closest",
        # Streamlit's default drag is pan, so that a click picks an event; the toolbar's box select then
        # picks a stretch of time across every lane
        "selectdirection": "h",
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"color": "#222222", "size": 12}},
    }
    # made whole from plain dicts, the figure is validated once: call by call, plotly took most of 100 ms at 29 events
    fig = go.Figure(data=traces, layout=layout)
    style_figure(fig, title, labels, height=height)
    fig.update_layout(margin={"t": top})  # room for the legends between the title and the plot
    return fig


def _legend_layout(title: str, row: int, height: int) -> dict:
    """A legend in a row of its own above the plot, of legend-only entries (clicking them does nothing).

    The data traces stay out of the legends: they are split by precision, type and status, and color
    and shape each mean one thing across many traces, so the legends explain the encoding rather than
    toggle traces.
    """
    return {
        "title": {"text": f"<b>{title}</b>" if title else "", "side": "left", "font": {"size": 13, "color": "#222222"}},
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "y": 1 - (LEGEND_TOP_PIXELS + row * LEGEND_ROW_PIXELS) / height,
        "yref": "container",
        "yanchor": "top",
        "itemclick": False,
        "itemdoubleclick": False,
        "font": {"size": 12},
        "bgcolor": "rgba(0,0,0,0)",
    }


def _legend_entry(legend: str, name: str, **style) -> dict:
    return {"type": "scatter", "x": [None], "y": [None], "name": name, "legend": legend, "hoverinfo": "skip", **style}


_GREY = "#555555"


def _event_legend_entries(events: pd.DataFrame, dataset: Dataset) -> list[dict]:
    """The legends of the single-event timeline: status colors, date drawings, and the shapes of the types on it."""
    entries = [_legend_entry("legend", STATUS_LABELS[status], mode="markers", marker={"symbol": "circle", "color": color, "size": 11}) for status, color in STATUS_COLORS.items()]
    entries += [
        _legend_entry("legend2", "Known to the day", mode="markers", marker={"symbol": "circle", "color": _GREY, "size": 11}),
        _legend_entry("legend2", "Several days", mode="lines+markers", line={"color": _GREY, "width": SPAN_LINE_PIXELS}, marker={"symbol": "circle", "color": _GREY, "size": 9}),
        _legend_entry(
            "legend2",
            "Known only to the month or year (bar over the whole period)",
            mode="lines+markers",
            line={"color": "rgba(85,85,85,0.35)", "width": PERIOD_BAR_PIXELS},
            marker={"symbol": "circle-open", "color": _GREY, "size": 11, "line": {"width": 2}},
        ),
    ]
    symbols = event_symbols(dataset.vocab.event_types.index)
    present = set(events["event_type"].unique())
    for code in dataset.vocab.event_types.index:
        if code in present:
            entries.append(_legend_entry("legend3", dataset.vocab.event_types.at[code, "label"], mode="markers", marker={"symbol": symbols[code], "color": _GREY, "size": 11}))
    return entries


def _count_legend_entries(unit: str, vague: bool) -> list[dict]:
    """The legend of the counting timeline: what a circle counts, and (when there are some) the counts of vague dates."""
    entries = [_legend_entry("legend", f"Events of a partner in one {unit} (circle area: how many)", mode="markers", marker={"symbol": "circle", "color": BIN_COLOR, "size": 11})]
    if vague:
        entries.append(
            _legend_entry(
                "legend2",
                "Known only to the month or year: counted over that period, on a lower row",
                mode="lines+markers",
                line={"color": "rgba(58,110,165,0.25)", "width": PERIOD_BAR_PIXELS},
                marker={"symbol": "circle-open", "color": BIN_COLOR, "size": 11, "line": {"width": 2}},
            )
        )
    return entries


def _regions(lane_table: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """A thin line above each region's first lane, with the region's name, so the lanes read as groups.

    Returns:
        (shapes, annotations) for the layout.
    """
    shapes, names = [], []
    for row in lane_table.drop_duplicates("region").itertuples():
        if row.top > 0:
            shapes.append({"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": row.top, "y1": row.top, "line": {"color": "#bbbbbb", "width": 1}})
        names.append(
            {
                "text": f"<i>{html.escape(row.region)}</i>",
                "xref": "paper",
                "x": 1,
                "xanchor": "right",
                "y": row.top,
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 10, "color": "#777777"},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
        )
    return shapes, names


def _timestamp(value) -> pd.Timestamp:
    """A date-axis value from a selection: plotly gives text such as ``2025-11-28 06:00:12.5``, or epoch milliseconds."""
    return pd.Timestamp(value, unit="ms") if isinstance(value, (int, float)) else pd.Timestamp(value)


def selected_ids(selection: Mapping, events: pd.DataFrame) -> list[str]:
    """The record ids a chart selection picks, in the events table's order.

    Args:
        selection: ``st.plotly_chart(...).selection``: ``points`` (each with a record id, or a count's
            ``bin_key``, as ``customdata``) and ``box`` (each with an ``x`` pair: a stretch of time).
        events: the events the chart shows.

    Returns:
        Ids of the clicked events, of every event a clicked count counts, and of every event drawn at
        least partly inside a selected stretch.
    """
    chosen = set()
    for point in selection.get("points", []):
        record_id = point.get("customdata")
        if isinstance(record_id, list):
            record_id = record_id[0] if record_id else None
        if record_id and _BIN_KEY_SEPARATOR in record_id:
            chosen.update(_events_in_bin(events, record_id))
        elif record_id:
            chosen.add(record_id)
    for box in selection.get("box", []):
        if len(box.get("x", [])) == 2:
            start, end = sorted(_timestamp(value) for value in box["x"])
            chosen.update(events.loc[in_window(events, (start, end)), "id"])
    return [record_id for record_id in events["id"] if record_id in chosen]


def monthly_counts(events: pd.DataFrame, event_types: pd.Index) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events per month by event type, and the events that no month can honestly hold.

    An event is counted in the month it starts (a negotiation round over two months counts in its
    first). An event known to the month is counted in that month. An event known only to the year has
    no month and is left out, returned separately so that the chart can say how many.

    Args:
        events: the (filtered) events.
        event_types: event-type codes in vocabulary order (the columns' order).

    Returns:
        (counts, year_only): counts indexed by the first day of every month from the first to the last
        counted one (months without events included, as zeros), one column per event type present; and
        the events known only to the year.
    """
    year_only = events[events["date_precision"] == "year"]
    counted = events.loc[events["date_precision"] != "year", ["date", "event_type"]]
    present = set(counted["event_type"].unique())
    types = [code for code in event_types if code in present]
    if counted.empty:
        return pd.DataFrame(columns=types, dtype=int), year_only
    months = counted["date"].dt.to_period("M").dt.to_timestamp()
    counts = counted.groupby([months, "event_type"]).size().unstack(fill_value=0).reindex(columns=types, fill_value=0)
    every_month = pd.date_range(months.min(), months.max(), freq="MS")
    counts = counts.reindex(every_month, fill_value=0)
    counts.index.name = "month"
    counts.columns.name = "event_type"
    return counts, year_only


def monthly_figure(events: pd.DataFrame, dataset: Dataset, labels: ChartLabels) -> go.Figure:
    """Stacked bars of events per month by event type: the pace of engagement.

    Args:
        events: the filtered events.
        dataset: the whole dataset (event-type labels and order).
        labels: title, subtitle and source line words.

    Returns:
        A plotly figure; a note in it says how many events known only to the year are not counted.
    """
    types = dataset.vocab.event_types
    counts, year_only = monthly_counts(events, types.index)
    colors = event_type_colors(types.index)
    bars = []
    for code in counts.columns:
        label = types.at[code, "label"]
        bars.append(
            {
                "type": "bar",
                "x": counts.index,
                "y": counts[code],
                "name": label,
                "marker": {"color": colors[code]},
                "xperiod": "M1",
                "xperiodalignment": "middle",
                "hovertemplate": f"%{{x|%b %Y}} · {html.escape(label)}: %{{y}}<extra></extra>",
            }
        )
    notes = ["Each event counted in the month it starts."]
    if not year_only.empty:
        per_year = year_only["date"].dt.year.value_counts().sort_index()
        # a long list of years would run off the chart: past a few, name the span
        years = ", ".join(f"{year}: {count}" for year, count in per_year.items()) if len(per_year) <= _LISTED_YEARS else f"{per_year.index[0]}–{per_year.index[-1]}"
        notes.append(f"Not counted: {len(year_only)} event{'s' if len(year_only) != 1 else ''} known only to the year ({years}).")
    annotations = [{"text": " ".join(notes), "xref": "paper", "yref": "paper", "x": 0, "y": 1, "yanchor": "bottom", "xanchor": "left", "showarrow": False, "font": {"size": 11, "color": "#555"}}]
    if counts.empty:
        annotations.append({"text": "No events with a known month match the filters", "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper", "showarrow": False, "font": {"size": 16}})
    layout = {
        "barmode": "stack",
        "bargap": 0.15,
        "legend": {"title": {"text": "Event type"}},
        "hovermode": "closest",
        "annotations": annotations,
        "yaxis": {"title": {"text": "Events"}, "tickformat": "d", "rangemode": "tozero", "gridcolor": "#eeeeee"},
        "xaxis": {"type": "date", "gridcolor": "#eeeeee"},
    }
    fig = go.Figure(data=bars, layout=layout)  # made whole from dicts: validated once
    return style_figure(fig, "Events per month by type", labels, height=420)
