"""How every chart reads out of context: a title, the filters in words, a source line with the date it was made.

Figure builders take a ``ChartLabels`` and call ``style_figure``; pages pass ``plotly_config`` to
``st.plotly_chart`` so that the toolbar's PNG download is twice screen resolution and named for the view.
``SlideSize`` and ``slide_figure`` give the same figure the shape of a slide image (the briefing pack's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import math
import textwrap

import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from sctracker.query.filters import Filters
from sctracker.query.summary import cited_sources
from sctracker.query.words import describe, slug
from sctracker.records.dates import today
from sctracker.records.load import Dataset
from sctracker.records.vocabularies import Vocabularies

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"

#: Every chart's house style is set on the figure itself (``style_figure``), never as a plotly template. Streamlit copies
#: a figure once plotly has drawn it, and plotly.js takes a copied template for a changed one and draws the whole chart
#: again: twice on every rerun (at 10,000 records, 0.35 s more for the Sectors page's grid). These are the values the
#: "plotly_white" template gave our charts, found by drawing each chart with and without it in Chromium.
_LAYOUT_STYLE = {
    "font": {"family": FONT, "size": 13, "color": "#222"},
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "colorway": plotly.colors.qualitative.Plotly,
    "autotypenumbers": "strict",
    "hovermode": "closest",
    "hoverlabel": {"align": "left"},
}
_AXIS_STYLE = {
    "gridcolor": "#EBF0F8",
    "ticks": "",
    "title": {"standoff": 15},
    "zerolinecolor": "#EBF0F8",
    "zerolinewidth": 2,
    "automargin": True,
}
_BAR_STYLE = {"marker": {"line": {"color": "white", "width": 0.5}, "pattern": {"fillmode": "overlay", "size": 10, "solidity": 0.2}}}
#: Every figure's ``datarevision``. With one, plotly.js takes the arrays of Streamlit's copy for the ones it drew, where it
#: would otherwise draw the chart again. One value for all: a figure's data never change while it is drawn, as Streamlit
#: draws a changed figure as a new chart (the figure is in its element's id); and the same view made again (a kept view
#: made anew) is the same figure, so that Streamlit keeps its chart and the reader's selection on it.
_DATA_REVISION = 1
#: Room on the right of a date axis: half its widest tick label, which can stand centred on the axis's end.
DATE_AXIS_END_PIXELS = 30


@dataclasses.dataclass(frozen=True)
class ChartLabels:
    """The words around a chart: what it shows, what is filtered, where it comes from, when it was made."""

    subtitle: str  # the filters in words
    source_line: str  # "Source: … from N … sources · data as of YYYY-MM-DD · generated YYYY-MM-DD"
    file_stem: str  # the view as a file name, without extension
    wrap_chars: int = 0  # characters a line of the subtitle and source line holds (0: ``WRAP_CHARS``)

    @classmethod
    def for_view(
        cls,
        filters: Filters,
        vocab: Vocabularies,
        events: pd.DataFrame,
        chart: str,
        on: dt.date | None = None,
        data_as_of: dt.date | None = None,
    ) -> ChartLabels:
        """The labels for one chart of the current view.

        Args:
            filters: the view's filters, said in words as the subtitle and in the file name.
            vocab: for the filters' names and labels.
            events: the events the chart shows, whose sources it counts (as the Overview's "Sources cited").
            chart: the chart's name in file names.
            on: the day it was made (default today).
            data_as_of: the day of the records' latest edit (``records.history.History.as_of``); None where the
                history is unknown, and then the source line does not say it.
        """
        subtitle = describe(filters, vocab)
        day = (on or today()).isoformat()
        cited = len(cited_sources(events))
        as_of = f" · data as of {data_as_of.isoformat()}" if data_as_of else ""
        source_line = (
            f"Source: Supply-Chain Partnership Tracker, from {cited} news and government {'source' if cited == 1 else 'sources'}"
            f"{as_of} · generated {day}"
        )
        return cls(subtitle=subtitle, source_line=source_line, file_stem=f"sctracker-{chart}_{slug(filters)}_{day}")

    @classmethod
    def for_dataset(cls, dataset: Dataset, filters: Filters, events: pd.DataFrame, chart: str, on: dt.date | None = None) -> ChartLabels:
        """``for_view`` for a loaded dataset: its vocabularies and, with its history, the day of the data's latest change."""
        as_of = dataset.history.as_of if dataset.history is not None else None
        return cls.for_view(filters, dataset.vocab, events, chart, on, data_as_of=as_of)


#: Characters a line of a chart's subtitle and source line holds: the narrowest chart (the main column of a
#: 1,000-pixel window) must show them whole, so they wrap rather than run off the figure.
WRAP_CHARS = 60
#: Pixels a wrapped line of 12- or 13-pixel text takes.
LINE_PIXELS = 17


def wrapped(text: str, width: int = WRAP_CHARS) -> str:
    """Text escaped for plotly's HTML subset and broken into lines of at most ``width`` characters."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width, break_on_hyphens=False)) or html.escape(text)


def wrap_width(labels: ChartLabels) -> int:
    """Characters a line of a chart's subtitle and source line holds."""
    return labels.wrap_chars or WRAP_CHARS


#: Pixels a further line of a wrapped 17-pixel bold title takes.
TITLE_LINE_PIXELS = 22


def _title_lines(title: str, labels: ChartLabels) -> str:
    """The title escaped and wrapped: its bold 17-pixel letters are about a sixth wider than the subtitle's."""
    return wrapped(title, round(wrap_width(labels) * 0.85))


def title_pixels(labels: ChartLabels, title: str = "") -> int:
    """The height ``style_figure``'s title (``title``, one line when not given) and subtitle take."""
    extra_title_lines = _title_lines(title, labels).count("<br>") if title else 0
    return 72 + TITLE_LINE_PIXELS * extra_title_lines + LINE_PIXELS * (wrapped(labels.subtitle, wrap_width(labels)).count("<br>"))


def source_pixels(labels: ChartLabels) -> int:
    """The height ``style_figure``'s source line takes below the plot, with the axis labels above it."""
    return 62 + LINE_PIXELS * (wrapped(labels.source_line, wrap_width(labels)).count("<br>") + 1)


def style_figure(fig: go.Figure, title: str, labels: ChartLabels, height: int | None = None) -> go.Figure:
    """Give a plotly figure its title, filter subtitle and source footer, in the house style (where the figure sets no
    value of its own: ``_LAYOUT_STYLE``, ``_AXIS_STYLE``, ``_BAR_STYLE``), with no template and a ``datarevision``.

    Text from the records never reaches these strings unescaped: plotly renders a subset of HTML in
    titles and annotations, so every piece is escaped here. The subtitle and source line wrap to fit
    the narrowest chart.
    """
    fig.update_layout(
        title={
            "text": f"<b>{_title_lines(title, labels)}</b><br><span style='font-size:13px;color:#444'>{wrapped(labels.subtitle, wrap_width(labels))}</span>",
            "x": 0.01,
            "xanchor": "left",
            "y": 1 - 14 / (height or fig.layout.height or 450),
            "yanchor": "top",
            "yref": "container",
        },
        margin={"t": title_pixels(labels, title) + 18, "b": source_pixels(labels), "l": 10, "r": 10},
    )
    fig.add_annotation(
        text=wrapped(labels.source_line, wrap_width(labels)),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-58,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 12, "color": "#444"},
    )
    if height:
        fig.update_layout(height=height)
    _fill(fig.layout, _LAYOUT_STYLE)
    fig.for_each_xaxis(lambda axis: _fill(axis, _AXIS_STYLE))
    fig.for_each_yaxis(lambda axis: _fill(axis, _AXIS_STYLE))
    fig.for_each_trace(lambda trace: _fill(trace, _BAR_STYLE), selector={"type": "bar"})
    fig.layout.template = None  # whatever plotly's default: importing Streamlit makes its own the default
    fig.layout.datarevision = _DATA_REVISION
    return fig


def _fill(plotly_object, style: dict) -> None:
    """Set each value of ``style`` that ``plotly_object`` leaves unset: the figure's own values win, as over a template's."""
    for key, value in style.items():
        if isinstance(value, dict):
            _fill(plotly_object[key], value)
        elif plotly_object[key] is None:
            plotly_object[key] = value


def count_axis(highest: int) -> dict:
    """An axis of counts: whole numbers only (a step of one while counts are small, where plotly would
    otherwise tick 0.2, 0.4… and print them rounded as 0, 0, 1), from zero."""
    return {"tickformat": ",d", "rangemode": "tozero", **({"dtick": 1} if highest <= 8 else {})}


#: How a reader picks on a chart whose picks the page lists (the Timeline's, the Sectors'): a click takes a point, the
#: toolbar's box select a stretch.
SELECTION_MODE = ("points", "box")
#: The layout Streamlit gives a chart of that selection mode once plotly has drawn it: a click selects, a drag pans, the
#: hover takes the nearest point. Set in the figure from the start: Streamlit's later change of ``clickmode`` made plotly
#: draw the whole chart a second time after every rerun (at 10,000 records, 0.35 s of the Sectors page's grid).
SELECTABLE_LAYOUT = {"clickmode": "event+select", "dragmode": "pan", "hovermode": "closest"}


#: The width (CSS pixels) a chart's PNG download is drawn at, whatever the window: at twice resolution and
#: placed at half the width of a 16:9 slide, its 12- and 13-pixel text stays legible.
EXPORT_WIDTH = 1000


def plotly_config(labels: ChartLabels, figure: go.Figure | None = None) -> dict:
    """The chart toolbar: a PNG at twice resolution, ``EXPORT_WIDTH`` wide (or the figure's own size), named for
    the view; no plotly logo or cloud links."""
    image = {"format": "png", "filename": labels.file_stem, "scale": 2}
    if figure is not None:
        image |= {"width": figure.layout.width or EXPORT_WIDTH, "height": figure.layout.height}
    return {"displaylogo": False, "toImageButtonOptions": image, "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d"]}


@dataclasses.dataclass(frozen=True)
class SlideSize:
    """A slide image: its size in pixels, and the CSS pixels a chart is laid out in for it.

    A chart is laid out at the size it is built for (its text as on the page) and drawn at ``pixels`` by a
    device scale: a chart that needs more room than ``canvas`` gets a larger canvas of the same shape, so
    it stays whole and its text comes out smaller.
    """

    name: str  # in file names
    pixels: tuple[int, int]
    canvas: tuple[int, int]
    placement: str  # where on a 16:9 slide it goes, in words

    def canvas_for(self, needed: tuple[float, float], max_zoom: float = 1.0) -> tuple[int, int]:
        """The canvas (CSS pixels, the image's shape) that holds a chart needing ``needed`` (width, height): the
        size's own, larger when the chart needs more, or smaller (down to ``1 / max_zoom`` of it: the chart drawn
        larger) when a chart of its own fixed size needs much less."""
        width, height = self.canvas
        grow = max(needed[0] / width, needed[1] / height)
        grow = max(grow, 1 / max_zoom) if grow < 1 else grow
        return math.ceil(width * grow), math.ceil(height * grow)

    def scale(self, canvas: tuple[int, int]) -> float:
        """The device scale that draws ``canvas`` at ``pixels``."""
        return self.pixels[0] / canvas[0]


#: The whole of a 16:9 slide (1920 × 1080) and its left or right half (960 × 1080, beside a column of text).
#: Each CSS pixel of their canvases is 2 (whole) or 1.78 (half) image pixels, so a chart's 13-pixel text is
#: about 13 and 12 points on the slide, whichever it fills. The half slide's canvas is 540 wide: the
#: narrowest every chart is built to read at (the main column of a 1,000-pixel window).
SLIDE = SlideSize("slide", (1920, 1080), (960, 540), "a whole 16:9 slide")
HALF_SLIDE = SlideSize("half-slide", (960, 1080), (540, 608), "half of a 16:9 slide, beside text")
SLIDE_SIZES = (SLIDE, HALF_SLIDE)
#: Characters a line of a chart's subtitle or source line holds on a canvas: as ``WRAP_CHARS`` on the narrowest.
_CANVAS_PIXELS_A_CHAR = 9
#: The least share of its own plot height a chart whose plot stretches keeps on a slide (timeline lanes
#: may tighten a little before the canvas grows).
MIN_PLOT_SHARE = 0.7
#: How much larger than on the page a small chart of fixed size (a grid of few partners) may be drawn on a slide.
MAX_SLIDE_ZOOM = 1.5
#: White space kept around a chart on a slide (CSS pixels): plotly sets a title of two lines a little above the
#: place it is given, which at a figure's very top cuts its first line.
SLIDE_PAD = 12


def slide_labels(labels: ChartLabels, size: SlideSize) -> ChartLabels:
    """A chart's labels for a slide canvas: the subtitle and source line wrapped to its width."""
    return dataclasses.replace(labels, wrap_chars=size.canvas[0] // _CANVAS_PIXELS_A_CHAR)


def slide_figure(fig: go.Figure, size: SlideSize) -> tuple[go.Figure, tuple[int, int]]:
    """A copy of ``fig`` laid out on a slide canvas, and that canvas (CSS pixels; draw it at ``size.scale``).

    A figure of its own fixed size (``layout.width`` set: cells that must stay square) keeps it and is
    centred on the canvas (a small one drawn up to ``MAX_SLIDE_ZOOM`` larger); any other stretches to the
    canvas, its plot taking what its title, legends and source line leave. Titles and legends placed from the
    figure's top or left (``"container"`` references) keep their distance from it, so nothing the builder
    placed moves into the plot; ``SLIDE_PAD`` is kept clear around it all.
    """
    layout = fig.layout
    width, height = layout.width, layout.height or 450
    margin = {side: layout.margin[side] or 0 for side in "lrtb"}
    if width is None:
        plot = height - margin["t"] - margin["b"]
        canvas = size.canvas_for((size.canvas[0], SLIDE_PAD + height - plot + plot * MIN_PLOT_SHARE))
        offset, box = (SLIDE_PAD, SLIDE_PAD), (canvas[0] - 2 * SLIDE_PAD, height)
        margin |= {"l": margin["l"] + SLIDE_PAD, "r": margin["r"] + SLIDE_PAD, "t": margin["t"] + SLIDE_PAD}
    else:
        canvas = size.canvas_for((width + 2 * SLIDE_PAD, height + 2 * SLIDE_PAD), max_zoom=MAX_SLIDE_ZOOM)
        offset, box = ((canvas[0] - width) / 2, (canvas[1] - height) / 2), (width, height)
        margin = {side: value + offset[side in "tb"] for side, value in margin.items()}
    placed = go.Figure(fig)
    placed.update_layout(width=canvas[0], height=canvas[1], margin=margin)
    for name in ("title", *(key for key in placed.layout if key.startswith("legend"))):
        item = placed.layout[name]
        default = "container" if name == "title" else "paper"  # plotly's own defaults
        if (item.yref or default) == "container" and item.y is not None:
            item.y = 1 - (offset[1] + (1 - item.y) * box[1]) / canvas[1]
        if (item.xref or default) == "container" and item.x is not None:
            item.x = (offset[0] + item.x * box[0]) / canvas[0]
    return placed, canvas
