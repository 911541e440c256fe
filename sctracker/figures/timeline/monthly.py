"""The pace of engagement: events per month by type, as stacked bars, honest about year-only dates."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from sctracker.figures.palettes import event_type_style
from sctracker.figures.style import ChartLabels, count_axis, style_figure
from sctracker.records.load import Dataset

#: The monthly chart's note lists the years of year-only events up to this many; past it, it names the span.
_LISTED_YEARS = 6
#: Over a few months plotly ticks days ("Nov 16", the middle of a month's bar); up to this many months, every
#: month is ticked and named under its bar instead. Over more, plotly's own ticks fall on month starts.
_MONTH_TICKS_UP_TO = 12
_MONTH_TICKS = {"dtick": "M1", "tickformat": "%b %Y", "ticklabelmode": "period"}


#: Precisions that name no month: the year, and a bound ('done by 4 Dec 2025', any time before).
_NO_MONTH = ("year", "on_or_before")


def monthly_counts(events: pd.DataFrame, event_types: pd.Index) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events per month by event type, and the events that no month can honestly hold.

    An event is counted in the month it starts (a negotiation round over two months counts in its
    first). An event known to the month is counted in that month. An event known only to the year, or only
    as done by a day (``on_or_before``), has no month and is left out, returned separately so that the chart
    can say how many.

    Args:
        events: the (filtered) events.
        event_types: event-type codes in vocabulary order (the columns' order).

    Returns:
        (counts, year_only): counts indexed by the first day of every month from the first to the last
        counted one (months without events included, as zeros), one column per event type present; and
        the events no month holds (known only to the year, or as done by a day).
    """
    year_only = events[events["date_precision"].isin(_NO_MONTH)]
    counted = events.loc[~events["date_precision"].isin(_NO_MONTH), ["date", "event_type"]]
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
    styles = event_type_style(types.index)
    bars = []
    for code in counts.columns:
        label = types.at[code, "label"]
        bars.append(
            {
                "type": "bar",
                "x": counts.index,
                "y": counts[code],
                "name": label,
                "marker": {"color": styles[code][0], "pattern": {"shape": styles[code][1]}},
                "xperiod": "M1",
                "xperiodalignment": "middle",
                "hovertemplate": f"%{{x|%b %Y}} · {html.escape(label)}: %{{y}}<extra></extra>",
            }
        )
    notes = ["Each event counted in the month it starts."]
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
    layout = {
        "barmode": "stack",
        "bargap": 0.15,
        "legend": {"title": {"text": "Event type"}},
        "hovermode": "closest",
        "annotations": annotations,
        "yaxis": {
            "title": {"text": "Events"},
            "gridcolor": "#eeeeee",
            **count_axis(int(counts.sum(axis=1).max()) if not counts.empty else 0),
        },
        "xaxis": {"type": "date", "gridcolor": "#eeeeee", **(_MONTH_TICKS if len(counts) <= _MONTH_TICKS_UP_TO else {})},
    }
    fig = go.Figure(data=bars, layout=layout)  # made whole from dicts: validated once
    return style_figure(fig, "Events per month by type", labels, height=420)
