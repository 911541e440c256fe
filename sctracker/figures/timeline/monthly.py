"""The pace of engagement: events per month by type, as stacked bars, honest about year-only dates (per quarter or
year over a span too long for a bar a month)."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from sctracker.figures.palettes import event_type_style
from sctracker.figures.style import DATE_AXIS_END_PIXELS, ChartLabels, count_axis, style_figure
from sctracker.figures.timeline.counts import PERIODS_ACROSS_UP_TO, periods_spanned
from sctracker.records.load import Dataset

#: The monthly chart's note lists the years of year-only events up to this many; past it, it names the span.
_LISTED_YEARS = 6
#: Over a few months plotly ticks days ("Nov 16", the middle of a month's bar); up to this many months, every
#: month is ticked and named under its bar instead. Over more, plotly's own ticks fall on month starts.
_MONTH_TICKS_UP_TO = 12
_MONTH_TICKS = {"dtick": "M1", "tickformat": "%b %Y", "ticklabelmode": "period"}
#: The margins' room, in pixels, measured in Chromium (13-pixel text) and rounded up: the count axis's title and its
#: standoff, a character of a tick label; the legend's symbols and its gap from the plot, a character of an entry.
_AXIS_TITLE_PIXELS, _TICK_CHAR_PIXELS = 40, 8
_LEGEND_PIXELS, _LEGEND_CHAR_PIXELS = 78, 7.6


#: The pace chart's bars are months, or quarters when its axis would hold more than ``PERIODS_ACROSS_UP_TO`` months,
#: or years: the counting timeline's rule, so that the two charts of the page count alike. A bar a month over 23
#: years (276 bars, under 3 pixels each in a 1,000-pixel window) read as one mass; at 10,000 synthetic records a bar a
#: quarter (92 bars of 10 patterned types) still took 0.8 s of every filter change in Chromium, a bar a year a tenth.
#: Each period the bars may count by: its pandas frequency (period, first days) and its length in plotly's terms.
PACE_PERIODS = {"month": ("M", "MS", "M1"), "quarter": ("Q", "QS", "M3"), "year": ("Y", "YS", "M12")}


def pace_period(dates: pd.Series) -> str:
    """The period the pace chart counts by for events starting on ``dates``: the finest of ``PACE_PERIODS`` that
    makes at most ``PERIODS_ACROSS_UP_TO`` bars from the first to the last."""
    if dates.empty:
        return "month"
    return next(
        (period for period in ("month", "quarter") if periods_spanned(dates.min(), dates.max(), period) <= PERIODS_ACROSS_UP_TO), "year"
    )


def period_label(start: pd.Timestamp, period: str) -> str:
    """A bar's period in words: ``Jan 2026``, ``Q1 2026``, ``2026``."""
    if period == "quarter":
        return f"Q{start.quarter} {start.year}"
    return f"{start.year}" if period == "year" else f"{start:%b %Y}"


#: Precisions that name no month: the year, and a bound ('done by 4 Dec 2025', any time before).
_NO_MONTH = ("year", "on_or_before")


def _counted(events: pd.DataFrame) -> pd.DataFrame:
    """The events a month holds: their start dates and types."""
    return events.loc[~events["date_precision"].isin(_NO_MONTH), ["date", "event_type"]]


def pace_title(events: pd.DataFrame) -> str:
    """The pace chart's title for these events: ``Events per month by type`` (quarter, year: ``pace_period``)."""
    return f"Events per {pace_period(_counted(events)['date'])} by type"


def monthly_counts(events: pd.DataFrame, event_types: pd.Index) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events per month (or per ``pace_period``) by event type, and the events that no month can honestly hold.

    An event is counted in the month (quarter, year) it starts (a negotiation round over two months counts in its
    first). An event known to the month is counted in that month. An event known only to the year, or only
    as done by a day (``on_or_before``), has no month and is left out, returned separately so that the chart
    can say how many.

    Args:
        events: the (filtered) events.
        event_types: event-type codes in vocabulary order (the columns' order).

    Returns:
        (counts, year_only): counts indexed by the first day of every period from the first to the last
        counted one (periods without events included, as zeros), the index named for the period (``month``,
        ``quarter``, ``year``), one column per event type present; and the events no month holds (known only
        to the year, or as done by a day).
    """
    year_only = events[events["date_precision"].isin(_NO_MONTH)]
    counted = _counted(events)
    present = set(counted["event_type"].unique())
    types = [code for code in event_types if code in present]
    if counted.empty:
        return pd.DataFrame(columns=pd.Index(types, name="event_type"), index=pd.DatetimeIndex([], name="month"), dtype=int), year_only
    period = pace_period(counted["date"])
    code, first_days, _ = PACE_PERIODS[period]
    starts = counted["date"].dt.to_period(code).dt.to_timestamp()
    counts = counted.groupby([starts, "event_type"]).size().unstack(fill_value=0).reindex(columns=types, fill_value=0)
    counts = counts.reindex(pd.date_range(starts.min(), starts.max(), freq=first_days), fill_value=0)
    counts.index.name = period
    counts.columns.name = "event_type"
    return counts, year_only


def monthly_figure(events: pd.DataFrame, dataset: Dataset, labels: ChartLabels) -> go.Figure:
    """Stacked bars of events per month (quarter, year: ``pace_period``) by event type: the pace of engagement.

    Args:
        events: the filtered events.
        dataset: the whole dataset (event-type labels and order).
        labels: title, subtitle and source line words.

    Returns:
        A plotly figure; a note in it says how many events known only to the year are not counted.
    """
    types = dataset.vocab.event_types
    legend_title = "Event type"
    counts, year_only = monthly_counts(events, types.index)
    period = counts.index.name
    styles = event_type_style(types.index)
    words = pd.Series([period_label(start, period) for start in counts.index], index=counts.index)
    bars = []
    for code in counts.columns:
        label = types.at[code, "label"]
        # only the periods with events of the type: plotly draws a bar of nothing too, and for the real records
        # 424 bars, 11 of them with events, took 0.28 s of every change in Chromium (0.11 s with the 11 alone)
        held = counts[code] > 0
        bars.append(
            {
                "type": "bar",
                "x": counts.index[held],
                "y": counts[code][held].tolist(),  # a list: a typed array would be drawn twice (``marks.marker_trace``)
                "name": label,
                "marker": {"color": styles[code][0], "pattern": {"shape": styles[code][1]}},
                "xperiod": PACE_PERIODS[period][2],
                "xperiodalignment": "middle",
                "customdata": words[held],
                "hovertemplate": f"%{{customdata}} · {html.escape(label)}: %{{y}}<extra></extra>",
            }
        )
    notes = [f"Each event counted in the {period} it starts."]
    by_only = year_only[year_only["date_precision"] == "on_or_before"]
    year_only = year_only[year_only["date_precision"] == "year"]
    if not year_only.empty:
        per_year = year_only["date"].dt.year.value_counts().sort_index()
        # a long list of years would run off the chart: past a few, name the span
        years = (
            ", ".join(f"{year}: {count}" for year, count in per_year.items())
            if len(per_year) <= _LISTED_YEARS
            else f"{per_year.index[0]}–{per_year.index[-1]}"
        )
        notes.append(f"Not counted: {len(year_only)} event{'s' if len(year_only) != 1 else ''} known only to the year ({years}).")
    if not by_only.empty:
        notes.append(f"Not counted: {len(by_only)} event{'s' if len(by_only) != 1 else ''} known only as done by a date.")
    annotations = [
        {
            "text": "<br>".join(textwrap.wrap(" ".join(notes), 90)),
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 1,
            "yanchor": "bottom",
            "xanchor": "left",
            "showarrow": False,
            "font": {"size": 12, "color": "#444"},
        }
    ]
    if counts.empty:
        annotations.append(
            {
                "text": "No events with a known month match the filters",
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 16},
            }
        )
    highest = int(counts.sum(axis=1).max()) if not counts.empty else 0  # the tallest bar
    layout = {
        "barmode": "stack",
        "bargap": 0.15,
        "legend": {"title": {"text": legend_title}},
        "annotations": annotations,
        "yaxis": {
            "title": {"text": "Events"},
            "gridcolor": "#eeeeee",
            **count_axis(highest),
        },
        "xaxis": {
            "type": "date",
            "gridcolor": "#eeeeee",
            **(_MONTH_TICKS if period == "month" and len(counts) <= _MONTH_TICKS_UP_TO else {}),
        },
    }
    fig = go.Figure(data=bars, layout=layout)  # made whole from dicts: validated once
    style_figure(fig, pace_title(events), labels, height=420)
    fig.update_layout(margin=_margins(highest, [bar["name"] for bar in bars], legend_title))
    return fig


def _margins(highest: int, names: list[str], legend_title: str) -> dict:
    """Room for the count axis on the left and the legend on the right, generous: plotly's automargin finds the room
    too, but by drawing the chart once more in the browser (a third of the Timeline page's plotly.js time, at the real
    records); it still widens a margin that is short."""
    tick = f"{int(highest * 1.1) + 1:,}"  # the top tick can pass the highest count
    left = _AXIS_TITLE_PIXELS + _TICK_CHAR_PIXELS * len(tick)
    shown = len(names) > 1  # plotly shows no legend for a single trace
    right = _LEGEND_PIXELS + _LEGEND_CHAR_PIXELS * max(map(len, [*names, legend_title])) if shown else DATE_AXIS_END_PIXELS
    return {"l": round(left), "r": round(right)}
