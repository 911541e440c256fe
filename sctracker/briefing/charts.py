"""The charts of a view as slides take them: each chart's figure (or map), its words, and its name in files.

Pure (no browser, no Streamlit): the pages build the chart on screen with their own choices and offer its
slide image; the briefing pack and deck build every chart of a view with each page's first choices.
``render`` draws them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from sctracker.figures import partner_map, sectors, summaries, timeline
from sctracker.figures.legends import legend_width_for
from sctracker.figures.style import ChartLabels, SlideSize
from sctracker.query.filters import Filters
from sctracker.query.words import slug
from sctracker.records.dates import today
from sctracker.records.load import Dataset
from sctracker.records.vocabularies import Vocabularies

#: The partner map's title, as its page's heading says it.
MAP_TITLE = "Number of events with each partner"


@dataclasses.dataclass(frozen=True)
class MapView:
    """What the partner map draws: the events it counts, its partner table, and its subtitle (the filters and the
    page's sector switch, in words)."""

    events: pd.DataFrame
    table: pd.DataFrame
    subtitle: str
    vocab: Vocabularies


@dataclasses.dataclass(frozen=True)
class SlideChart:
    """One chart for a slide: a plotly figure built for given labels, or the partner map; and its words."""

    name: str  # the chart in file names: timeline, timeline-per-month, sector-matrix, sector-by-year, partner-map
    title: str
    labels: ChartLabels
    text: summaries.ChartText
    figure: Callable[[ChartLabels, tuple[int, int]], go.Figure] | None = None  # built for labels, to fit a canvas
    map: MapView | None = None

    def file_name(self, size: SlideSize) -> str:
        return slide_file_name(self.labels, size)


def slide_file_name(labels: ChartLabels, size: SlideSize) -> str:
    """A slide image's file name: the chart, the view, the day, the size (``sctracker-timeline_partner-EUU_2025-12-05_slide.png``)."""
    return f"{labels.file_stem}_{size.name}.png"


def deck_file_name(filters: Filters, on: dt.date | None = None) -> str:
    """The briefing deck's file name: ``sctracker-briefing_partner-EUU_2025-12-05.pptx``."""
    return f"sctracker-briefing_{slug(filters)}_{(on or today()).isoformat()}.pptx"


def _labels(dataset: Dataset, filters: Filters, events: pd.DataFrame, chart: str, on: dt.date | None) -> ChartLabels:
    return ChartLabels.for_dataset(dataset, filters, events, chart, on)


def timeline_chart(dataset: Dataset, filters: Filters, events: pd.DataFrame, span: str = "all", on: dt.date | None = None) -> SlideChart:
    """The Timeline page's main chart, over the time span the page shows (``timeline.SPANS``)."""
    window = timeline.span_window(events, span)
    last_held = timeline.latest_held(dataset.events)
    return SlideChart(
        "timeline",
        "Events by partner",
        _labels(dataset, filters, events, "timeline", on),
        summaries.timeline_text(events, dataset.vocab, on),
        figure=lambda labels, canvas: timeline.timeline_figure(events, dataset, labels, window, last_held, legend_width_for(canvas[0])),
    )


def monthly_chart(dataset: Dataset, filters: Filters, events: pd.DataFrame, on: dt.date | None = None) -> SlideChart:
    """The Timeline page's events per month (quarter, year) by type."""
    return SlideChart(
        "timeline-per-month",
        timeline.pace_title(events),
        _labels(dataset, filters, events, "timeline-per-month", on),
        summaries.monthly_text(events, dataset.vocab),
        figure=lambda labels, canvas: timeline.monthly_figure(events, dataset, labels),
    )


def sectors_chart(
    dataset: Dataset, filters: Filters, events: pd.DataFrame, choice: sectors.SectorView, on: dt.date | None = None
) -> SlideChart | None:
    """The Sectors page's grid for the reader's ``choice`` (partners by sector, or sectors over time); None when
    it has no cell to draw."""
    built = sectors.build_view(events, dataset.vocab, filters.sectors, choice)
    if built.grid.cells.empty:
        return None
    text = (summaries.partner_sector_text if choice.view == "partners" else summaries.sector_time_text)(built.matrix, events)
    return SlideChart(
        built.chart,
        built.title,
        _labels(dataset, filters, events, built.chart, on),
        text,
        figure=lambda labels, canvas: sectors.grid_figure(
            built.grid, built.title, labels, tick_angle=built.tick_angle, max_width=canvas[0], max_height=canvas[1]
        ),
    )


def map_chart(
    dataset: Dataset, filters: Filters, events: pd.DataFrame, sector: str = partner_map.ALL_SECTORS, on: dt.date | None = None
) -> SlideChart:
    """The partner map, restricted to one headline sector by the page's switch (``partner_map.ALL_SECTORS``: none)."""
    shown = partner_map.restrict_to_sector(events, sector)
    table = partner_map.partner_table(shown, dataset.vocab)
    labels = _labels(dataset, filters, events, "partner-map", on)
    return SlideChart(
        "partner-map",
        MAP_TITLE,
        labels,
        summaries.partner_map_text(shown, dataset.vocab, table),
        map=MapView(shown, table, partner_map.map_subtitle(labels.subtitle, sector, dataset.vocab), dataset.vocab),
    )


def view_charts(dataset: Dataset, filters: Filters, events: pd.DataFrame, on: dt.date | None = None) -> list[SlideChart]:
    """Every chart of a view, in the order of the pages, each as its page first shows it: the timeline, the
    events per month, partners by sector, sectors over time (by year), the partner map. A sector grid with
    no cell is left out."""
    charts = [
        timeline_chart(dataset, filters, events, on=on),
        monthly_chart(dataset, filters, events, on=on),
        sectors_chart(dataset, filters, events, sectors.SectorView(view="partners"), on=on),
        sectors_chart(dataset, filters, events, sectors.SectorView(view="time"), on=on),
        map_chart(dataset, filters, events, on=on),
    ]
    return [chart for chart in charts if chart is not None]
