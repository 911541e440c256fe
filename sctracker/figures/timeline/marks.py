"""How the timeline draws single events: marker shapes by type, colors by status, bars for month- or
year-precise dates, spans for multi-day events (each event's hover box is ``hover``'s).

Status is never told by colour alone (issue 19): a mark also has a centre dot for what has not happened yet
(announced, planned) and a ring, none for what was held, a heavy one for what is in force or planned
(``STATUS_MARKS``), so that every status differs from every other in a grey-scale copy too.

How a date is drawn says how precisely it is known:

- known to the day: a filled marker at midday of that day; a multi-day event is a line from its first
  to its last day, with a filled marker at each end;
- known only to the month or year: a thick translucent bar over the whole month or year with an open
  marker in its middle, so that no reader can take it for a precise day;
- known only as done by a day (``on_or_before``: a source reports it as done and says no more): a ▶| mark
  whose bar stands at that day, pointing from the past, and "by 4 Dec 2025" in the hover.

An agreement's or a measure's milestones (signed, in force, …) are small marks of their own in its lanes,
joined to the event by a thin dotted line, so that it shows when it was signed and when it took effect.
"""

from __future__ import annotations

import html

import pandas as pd

from sctracker.figures.palettes import STATUS_COLORS
from sctracker.figures.timeline.hover import PRECISION_WORDS, escaped_lines, hover_texts, inferred_note
from sctracker.figures.timeline.layout import lane_rows, milestone_x, upcoming
from sctracker.records.load import Dataset
from sctracker.records.model import STAGE_LABELS, STATUS_LABELS

#: Marker shapes for the event types, given out in the vocabulary's order: each has plotly's ``-open`` (an
#: imprecise date), ``-dot`` and ``-open-dot`` (a status not yet carried out) variants.
SYMBOLS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "triangle-down",
    "star",
    "hexagon",
    "pentagon",
    "cross",
    "x",
    "triangle-left",
    "hexagram",
)
PERIOD_BAR_PIXELS = 10
SPAN_LINE_PIXELS = 3
MARKER_PIXELS = 12
#: The mark of an event known only as done by a day: ▶| with its bar at that day.
BY_SYMBOL = "arrow-bar-right"
#: Milestones' marks, by stage, and their size.
STAGE_SYMBOLS = {"announced": "circle-open", "signed": "diamond-tall", "in_force": "star", "ended": "x-thin"}
MILESTONE_PIXELS = 9
#: Symbols plotly draws with their outline only: their outline takes the mark's color.
_LINE_SYMBOLS = (BY_SYMBOL, "x-thin")
GREY = "#555555"
#: Each status's mark beside its colour: (a centre dot: not carried out yet; its ring: 0 none, 1 a ring, 2 a heavy
#: ring). No two statuses share both.
STATUS_MARKS: dict[str, tuple[bool, int]] = {
    "held": (False, 0),
    "signed": (False, 1),
    "in_force": (False, 2),
    "announced": (True, 1),
    "planned": (True, 2),
}
RING_COLOR = "#1a1a1a"
#: The line in pixels that draws each ring: around a filled mark, near-black (no ring: a thin white edge, which
#: parts marks that overlap); as the line of an open mark or a ▶|, wider in the status's color (plotly draws an
#: open mark's line in the mark's color). An open mark stays thin enough to read as open: past 3 pixels, small
#: stars and triangles filled up (seen in Chromium), so its rings differ less than a filled mark's.
FILLED_EDGE_PIXELS = (1, 1.5, 3)
OPEN_LINE_PIXELS = (2, 2.5, 3)
BY_LINE_PIXELS = (2, 3, 4.5)
#: The centre dot drawn over a ▶| mark, which has no ``-dot`` variant in plotly.
BY_DOT_PIXELS = 4


def event_symbols(event_types: pd.Index) -> dict[str, str]:
    """Each event type's marker shape, in vocabulary order (the shapes repeat after twelve types).

    Args:
        event_types: the event-type codes, in the vocabulary's order.

    Returns:
        Code to plotly symbol name (the filled shape; ``-open`` is added for imprecise dates).
    """
    return {code: SYMBOLS[i % len(SYMBOLS)] for i, code in enumerate(event_types)}


def visible_middle(rows: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp] | None) -> pd.Series:
    """Where the open marker of a month or year bar goes: the middle of the part of the bar in view.

    The marker is what a reader hovers and clicks; at its true middle, a year bar's marker would be
    off screen whenever the view is zoomed into part of that year. Being open, it claims no day.
    """
    if window is None:
        return rows["marker"]
    start, end = rows["start"].clip(lower=window[0]), rows["end"].clip(upper=window[1])
    seen = start < end
    return (start + (end - start) / 2).where(seen, rows["marker"])


def segments(rows: pd.DataFrame) -> dict[str, list]:
    """x, y and record ids of horizontal segments, one after another with a gap (None) between them."""
    x, y, ids = [], [], []
    for start, end, height, record_id in zip(rows["start"].tolist(), rows["end"].tolist(), rows["y"].tolist(), rows["id"].tolist()):
        x += [start, end, None]
        y += [height, height, None]
        ids += [record_id, record_id, None]
    return {"x": x, "y": y, "customdata": ids}


def status_marker(symbol: str, color: str, status: str | None = None) -> dict:
    """A mark's symbol and outline: an open or line-drawn symbol draws its line in ``color``, a filled one has a
    thin white edge; with a ``status``, its ``STATUS_MARKS`` as well: the ``-dot`` variant, and its ring drawn as
    ``FILLED_EDGE_PIXELS``, ``OPEN_LINE_PIXELS`` or ``BY_LINE_PIXELS`` say."""
    dot, ring = STATUS_MARKS[status] if status else (False, 0)
    if symbol in _LINE_SYMBOLS:
        line = {"width": BY_LINE_PIXELS[ring], "color": color}
    elif symbol.endswith("-open"):
        line = {"width": OPEN_LINE_PIXELS[ring], "color": color}
    else:
        line = {"width": FILLED_EDGE_PIXELS[ring], "color": RING_COLOR if ring else "white"}
    if dot and symbol not in _LINE_SYMBOLS:  # a ▶| has no -dot variant: event_traces draws its dot
        symbol += "-dot"
    return {"symbol": symbol, "color": color, "line": line}


def marker_trace(
    marks: pd.DataFrame, keys: pd.Series, hover: pd.Series, symbol: str, color: str, size, name: str, status: str | None = None
) -> dict:
    """A selectable marker trace: ``keys`` ride in customdata; its marks as ``status_marker`` draws them."""
    return {
        "type": "scatter",
        "mode": "markers",
        # numpy arrays, not Series: plotly checks every Series it is given at some length; the lanes as a list, as a numeric
        # array would reach plotly.js as a typed array, which it takes for changed after Streamlit's copy (``style_figure``)
        "x": marks["x"].to_numpy(),
        "y": marks["y"].tolist(),
        "customdata": keys.to_numpy(dtype=object),
        "hovertext": hover.to_numpy(dtype=object),
        "hoverinfo": "text",
        "marker": {**status_marker(symbol, color, status), "size": size},
        "showlegend": False,
        "name": name,
    }


def legend_entry(legend: str, name: str, **style) -> dict:
    return {"type": "scatter", "x": [None], "y": [None], "name": name, "legend": legend, "hoverinfo": "skip", **style}


def event_traces(
    events: pd.DataFrame,
    dataset: Dataset,
    lane_table: pd.DataFrame,
    window: tuple[pd.Timestamp, pd.Timestamp] | None,
    last_held: pd.Timestamp | None,
) -> tuple[list[dict], pd.DataFrame]:
    """The traces that draw every event in each of its lanes (see the module's docstring).

    Returns:
        (traces, placed): plotly trace dicts (with the legends' entries), and ``lane_table`` placed by
        ``lane_rows``.
    """
    rows, placed = lane_rows(events, lane_table)
    rows = rows.join(events[["status", "event_type", "date_precision", "end_date"]], on="index")
    precise = rows["date_precision"] == "day"
    by = rows["date_precision"] == "on_or_before"
    multi_day = precise & rows["end_date"].notna() & (rows["start"] != rows["end"])
    traces = []
    for status, color in STATUS_COLORS.items():
        periods = rows[~precise & ~by & (rows["status"] == status)]
        if not periods.empty:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "line": {"color": color, "width": PERIOD_BAR_PIXELS},
                    "opacity": 0.35,
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "name": f"{status} period",
                    **segments(periods),
                }
            )
        spans = rows[multi_day & (rows["status"] == status)]
        if not spans.empty:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "line": {"color": color, "width": SPAN_LINE_PIXELS},
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "name": f"{status} span",
                    **segments(spans),
                }
            )

    hover = hover_texts(events, dataset.sources, upcoming(events, last_held))
    symbols = event_symbols(dataset.vocab.event_types.index)
    # lambdas, not Series: a Series assigned to an empty frame would bring its own rows with it
    day_marks = pd.concat([rows[precise].assign(x=lambda f: f["start"]), rows[multi_day].assign(x=lambda f: f["end"])])
    imprecise_marks = rows[~precise & ~by].assign(x=lambda f: visible_middle(f, window))
    # one trace per precision, type and status: a single symbol and color each keeps big figures quick to build
    for marks, suffix in ((day_marks, ""), (imprecise_marks, "-open")):
        for (event_type, status), group in marks.groupby(["event_type", "status"], sort=False):
            color = STATUS_COLORS[status]
            name = f"{event_type} {status}{' (month or year)' if suffix else ''}"
            traces.append(
                marker_trace(
                    group, group["id"], group["index"].map(hover), symbols[event_type] + suffix, color, MARKER_PIXELS, name, status
                )
            )
    for status, group in rows[by].assign(x=lambda f: f["start"]).groupby("status", sort=False):
        traces.append(
            marker_trace(
                group, group["id"], group["index"].map(hover), BY_SYMBOL, STATUS_COLORS[status], MARKER_PIXELS, f"{status} by", status
            )
        )
        if STATUS_MARKS[status][0]:
            traces.append(by_dots(group, status))
    traces += milestone_traces(events, rows)
    return traces + event_legend_entries(events, dataset), placed


def by_dots(marks: pd.DataFrame, status: str) -> dict:
    """The centre dots of ▶| marks of a status not carried out yet (plotly has no ``arrow-bar-right-dot``): drawn
    over them, neither hovered nor clicked (the mark beneath answers)."""
    return {
        "type": "scatter",
        "mode": "markers",
        "x": marks["x"].to_numpy(),
        "y": marks["y"].tolist(),  # a list, as in ``marker_trace``
        "marker": {"symbol": "circle", "color": RING_COLOR, "size": BY_DOT_PIXELS, "line": {"width": 0}},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": f"{status} by dot",
    }


def milestone_traces(events: pd.DataFrame, rows: pd.DataFrame) -> list[dict]:
    """An agreement's or a measure's milestones in each of its lanes: a thin dotted line from the event to its
    farthest milestone, and a small mark a milestone (shaped by stage, with its own hover), carrying the
    record's id like the event's own mark.

    Args:
        events: the events table (``milestones``: the records of ``records.events_table``).
        rows: one row per event and lane (``lane_rows``), with ``index``, ``id``, ``start`` and ``y``.
    """
    having = rows[[bool(events.at[index, "milestones"]) for index in rows["index"]]] if len(rows) else rows
    if having.empty:
        return []
    line = {"x": [], "y": [], "customdata": []}
    marks = []
    for index, record_id, start, y in zip(having["index"], having["id"], having["start"], having["y"]):
        title = events.at[index, "title"]
        points = [milestone_x(milestone) for milestone in events.at[index, "milestones"]]
        line["x"] += [min([start, *points]), max([start, *points]), None]
        line["y"] += [y, y, None]
        line["customdata"] += [record_id, record_id, None]
        for milestone, x in zip(events.at[index, "milestones"], points):
            text = f"<b>{escaped_lines(title)}</b><br>{html.escape(milestone['label'][:1].upper() + milestone['label'][1:])} ({PRECISION_WORDS[milestone['date_precision']]})"
            if milestone["date_note"]:
                text += "<br>" + inferred_note(milestone["date_note"])
            marks.append({"x": x, "y": y, "id": record_id, "stage": milestone["stage"], "hover": text})
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "line": {"color": GREY, "width": 1, "dash": "dot"},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "milestones",
            **line,
        }
    ]
    table = pd.DataFrame(marks)
    for stage, group in table.groupby("stage", sort=False):
        traces.append(marker_trace(group, group["id"], group["hover"], STAGE_SYMBOLS[stage], GREY, MILESTONE_PIXELS, f"milestone {stage}"))
    return traces


def event_legend_entries(events: pd.DataFrame, dataset: Dataset) -> list[dict]:
    """The legends of the single-event timeline: status colors and marks, date drawings, and the shapes of the types
    on it."""
    entries = [
        legend_entry("legend", STATUS_LABELS[status], mode="markers", marker={**status_marker("circle", color, status), "size": 11})
        for status, color in STATUS_COLORS.items()
    ]
    entries += [
        legend_entry("legend2", "Known to the day", mode="markers", marker={"symbol": "circle", "color": GREY, "size": 11}),
        legend_entry(
            "legend2",
            "Several days",
            mode="lines+markers",
            line={"color": GREY, "width": SPAN_LINE_PIXELS},
            marker={"symbol": "circle", "color": GREY, "size": 9},
        ),
        legend_entry(
            "legend2",
            "Known only to the month or year (bar over the whole period)",
            mode="lines+markers",
            line={"color": "rgba(85,85,85,0.35)", "width": PERIOD_BAR_PIXELS},
            marker={"symbol": "circle-open", "color": GREY, "size": 11, "line": {"width": 2}},
        ),
    ]
    if (events["date_precision"] == "on_or_before").any():
        entries.append(
            legend_entry(
                "legend2",
                "Done by a date, day unknown",
                mode="markers",
                marker={"symbol": BY_SYMBOL, "color": GREY, "size": 11, "line": {"width": 2, "color": GREY}},
            )
        )
    stages = {milestone["stage"] for milestones in events["milestones"] for milestone in milestones}
    for stage in (stage for stage in STAGE_SYMBOLS if stage in stages):
        entries.append(
            legend_entry(
                "legend2",
                STAGE_LABELS[stage].capitalize(),
                mode="lines+markers",
                line={"color": GREY, "width": 1, "dash": "dot"},
                marker={"symbol": STAGE_SYMBOLS[stage], "color": GREY, "size": MILESTONE_PIXELS},
            )
        )
    symbols = event_symbols(dataset.vocab.event_types.index)
    present = set(events["event_type"].unique())
    for code in dataset.vocab.event_types.index:
        if code in present:
            entries.append(
                legend_entry(
                    "legend3",
                    dataset.vocab.event_types.at[code, "label"],
                    mode="markers",
                    marker={"symbol": symbols[code], "color": GREY, "size": 11},
                )
            )
    return entries
