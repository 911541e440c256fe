"""The Timeline page's main figure: every event on a time axis in its partners' lanes (or counts, when
crowded), with legends that explain the encoding, and the events a chart selection picks.

Pure (tables in, a plotly figure out, no Streamlit), so that lanes, spans, date precision and colors are
tested without a browser.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from sctracker.figures import crowding
from sctracker.figures.legends import LEGEND_ROW_PIXELS as LEGEND_ROW_WIDTH
from sctracker.figures.legends import legend_row_layout, wrap_legends
from sctracker.figures.style import DATE_AXIS_END_PIXELS, SELECTABLE_LAYOUT, ChartLabels, source_pixels, style_figure, title_pixels
from sctracker.figures.timeline import counts
from sctracker.figures.timeline.counts import (
    BIN_KEY_SEPARATOR,
    bin_unit,
    count_traces,
    counted_lanes,
    draws_counts,
    events_in_bin,
    fold_lanes,
)
from sctracker.figures.timeline.layout import LANE_PIXELS, events_span_label, extents, in_window, lanes, upcoming, window_label
from sctracker.figures.timeline.marks import event_traces
from sctracker.records.load import Dataset

#: How far apart the legend rows are, under the title.
LEGEND_ROW_PIXELS = 24


def timeline_figure(
    events: pd.DataFrame,
    dataset: Dataset,
    labels: ChartLabels,
    window: tuple[pd.Timestamp, pd.Timestamp] | None,
    last_held: pd.Timestamp | None,
    legend_width: float = LEGEND_ROW_WIDTH,
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
        legend_width: the widest a legend row may be (pixels; ``legend_width_for`` a slide's canvas).

    Returns:
        A plotly figure. Each marker and bar carries its record id as ``customdata`` (a count carries
        its ``bin_key``), for ``selected_ids``.
    """
    shown = in_window(events, window)
    in_view = int(shown.sum())
    if in_view == len(events) and not events.empty:  # name the events' own span, not the padded axis
        title = f"Events by partner, {events_span_label(events)} (all {len(events):,} events)"
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

    if window is not None and in_view < len(events):  # zoomed: only the lanes and events in view
        events = events[shown].reset_index(drop=True)
    ahead = bool(last_held is not None and upcoming(events, last_held).any())
    counting = draws_counts(events)
    if counting:
        folded = fold_lanes(events)  # once: the unit, the lanes and the counts all need it
        unit = bin_unit(events, folded)
        traces, lane_table = count_traces(events, counted_lanes(events, dataset.vocab, folded), unit, folded)
        legend_groups = [("legend", "Counts"), ("legend2", "Vague dates"), ("legend4", "")]
    else:
        lane_table = lanes(events, dataset.vocab.partner_rows(sorted(set().union(*events["partners"].tolist()))))
        traces, lane_table = event_traces(events, dataset, lane_table, window, last_held)
        legend_groups = [("legend", "Status"), ("legend2", "Date"), ("legend4", ""), ("legend3", "Event type")]
    left = lane_label_pixels(lane_table["tick"])
    annotations = []
    if counting:
        annotations.append(
            {
                "text": f"<b>{len(events):,} events: showing counts per {unit}; narrow the filters for single events.</b>",
                # from the figure's left edge, under the legends: over the plot alone it ran past a 1,000-pixel window
                "xref": "paper", "x": 0, "xanchor": "left", "xshift": -left,
                "yref": "paper", "y": 1, "yanchor": "bottom", "yshift": 4, "showarrow": False, "font": {"size": 12, "color": "#8a4b08"},
            }
        )  # fmt: skip
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
                "name": f"Upcoming: planned or announced after {last_held.day} {last_held:%b %Y}",
            }
        )
    legend_rows = wrap_legends([*traces, *shapes], legend_groups, legend_width)
    # a row per legend row, and one more for the note above the plot
    legends_top = title_pixels(labels, title) - 8
    top = legends_top + (len(legend_rows) + 1) * LEGEND_ROW_PIXELS + 10
    lanes_height = lane_table["height"].sum()
    height = max(520, top + source_pixels(labels) + round(LANE_PIXELS * lanes_height))
    layout = {
        **{
            name: legend_row_layout(title_text, legends_top + row * LEGEND_ROW_PIXELS, height)
            for row, (name, title_text) in enumerate(legend_rows)
        },
        "shapes": shapes,
        "annotations": region_names + annotations,
        "yaxis": {
            "tickvals": list(lane_table["center"]),
            "ticktext": list(lane_table["tick"]),
            "tickfont": {"size": 13, "color": "#222222"},
            "range": [lanes_height, 0],
            "showgrid": True,
            "gridcolor": "#eeeeee",
            "zeroline": False,
            "fixedrange": True,
        },
        "xaxis": {"type": "date", "range": list(window) if window else None, "showgrid": True, "gridcolor": "#eeeeee", "title": None},
        **SELECTABLE_LAYOUT,  # a drag pans, so that a click picks an event; the toolbar's box select picks a stretch of time
        "selectdirection": "h",  # across every lane
        "hoverlabel": {"bgcolor": "white", "font": {"color": "#222222", "size": 12}},  # left-aligned: the house style
    }
    # made whole from plain dicts, the figure is validated once: call by call, plotly took most of 100 ms at 29 events
    fig = go.Figure(data=traces, layout=layout)
    style_figure(fig, title, labels, height=height)
    # room for the legends between the title and the plot, and for the lane labels: plotly's automargin would find the
    # labels' room too, but only by measuring every label and laying the figure out again (at 462 lanes, 15 s of a
    # 20-second draw in Chromium); it still widens the margin if a label needs more (a slide's larger text)
    fig.update_layout(margin={"t": top, "l": left, "r": DATE_AXIS_END_PIXELS})
    return fig


def _too_many(events: pd.DataFrame) -> str:
    """Why a timeline counts rather than draws each event, in words."""
    if len(events) > counts.SINGLE_EVENTS_UP_TO:
        return f"Over {counts.SINGLE_EVENTS_UP_TO:,} events are too many"
    return f"Over {counts.SINGLE_EVENTS_IN_MANY_LANES_UP_TO:,} events with over {crowding.PARTNER_ROWS_UP_TO} partners are too many"


def reading_note(events: pd.DataFrame) -> str:
    """How to read the timeline drawn for ``events``: single events, or counts when they are too many."""
    if draws_counts(events):
        return (
            f"{_too_many(events)} to draw one by one: each circle counts a partner's events in one "
            "period, its area growing with the count (hover for the number and the first titles; click to list them). Events "
            "known only to the month or year are counted over that period, as open circles on a lower row. An event with "
            "several partners counts in each of their lanes. Narrow the filters to see single events."
        )
    return (
        "An event with several partners appears in each of its partners' lanes. Filled markers are dates known to the day "
        "(a line joins the first and last day of a multi-day event); an open marker on a pale bar is an event known only "
        "to the month or year, drawn over the whole period. A marker's shape is the event's type; its colour and its "
        "mark both give the status: a centre dot for announced and planned events, a dark ring for signed ones, a heavy "
        "ring for planned ones and those in force, neither for held ones. Inferred dates say so in the hover. The shaded "
        "region holds planned and announced events after the last held event in all records."
    )


def _regions(lane_table: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """A thin line above each region's first lane, with the region's name, so the lanes read as groups.

    Returns:
        (shapes, annotations) for the layout.
    """
    shapes, names = [], []
    for row in lane_table.drop_duplicates("region").itertuples():
        if row.top > 0:
            shapes.append(
                {
                    "type": "line",
                    "xref": "x domain",
                    "x0": 0,
                    "x1": 1,
                    "yref": "y",
                    "y0": row.top,
                    "y1": row.top,
                    "line": {"color": "#bbbbbb", "width": 1},
                }
            )
        names.append(
            {
                "text": f"<i>{html.escape(row.region)}</i>",
                "xref": "paper",
                "x": 1,
                "xanchor": "right",
                "y": row.top,
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 11, "color": "#555555"},
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
        if record_id and BIN_KEY_SEPARATOR in record_id:
            chosen.update(events_in_bin(events, record_id))
        elif record_id:
            chosen.add(record_id)
    for box in selection.get("box", []):
        if len(box.get("x", [])) == 2:
            start, end = sorted(_timestamp(value) for value in box["x"])
            chosen.update(events.loc[in_window(events, (start, end)), "id"])
    return [record_id for record_id in events["id"] if record_id in chosen]


#: A lane label's width per character at plotly's 12-pixel tick font (a little over the widest seen, 203 pixels for
#: 29 characters), and the room beside it.
_TICK_PIXELS_A_CHAR, _TICK_PADDING = 7.5, 16


def lane_label_pixels(ticks: pd.Series) -> int:
    """The left margin that holds the longest line of the lane labels (``<br>`` between lines)."""
    longest = max((len(html.unescape(line)) for tick in ticks for line in str(tick).split("<br>")), default=0)
    return round(longest * _TICK_PIXELS_A_CHAR) + _TICK_PADDING
