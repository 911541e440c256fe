"""How every chart reads out of context: a title, the filters in words, a source line with the date it was made.

Figure builders take a ``ChartLabels`` and call ``style_figure``; pages pass ``plotly_config`` to
``st.plotly_chart`` so that the toolbar's PNG download is twice screen resolution and named for the view.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from sctracker.query.filters import Filters
from sctracker.query.words import describe, slug
from sctracker.records.dates import today
from sctracker.records.vocabularies import Vocabularies

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"

#: One color per status, used by every chart that colors by status.
STATUS_COLORS = {
    "held": "#1f77b4",
    "signed": "#2ca02c",
    "announced": "#ff7f0e",
    "planned": "#9467bd",
    "in_force": "#17becf",
}


#: Every figure's theme. Made plotly's default once, here, because a figure picks up the default template
#: without validating it again, while ``update_layout(template=...)`` validates a deep copy of its 7 KB:
#: about 7 ms a chart, more than all else a small chart costs.
_TEMPLATE = go.layout.Template(pio.templates["plotly_white"])
_TEMPLATE.layout.update(font={"family": FONT, "size": 13, "color": "#222"}, paper_bgcolor="white", plot_bgcolor="white")
pio.templates["sctracker"] = _TEMPLATE
pio.templates.default = "sctracker"


@dataclasses.dataclass(frozen=True)
class ChartLabels:
    """The words around a chart: what it shows, what is filtered, where it comes from, when it was made."""

    subtitle: str  # the filters in words
    source_line: str  # "Source: … curated from N documents · generated YYYY-MM-DD"
    file_stem: str  # the view as a file name, without extension

    @classmethod
    def for_view(cls, filters: Filters, vocab: Vocabularies, documents: int, chart: str, on: dt.date | None = None) -> ChartLabels:
        """The labels for one chart of the current view.

        Args:
            filters: the view's filters, said in words as the subtitle and in the file name.
            vocab: for the filters' names and labels.
            documents: how many source documents the records are curated from.
            chart: the chart's name in file names.
            on: the day it was made (default today).
        """
        subtitle = describe(filters, vocab)
        day = (on or today()).isoformat()
        source_line = f"Source: Supply-Chain Partnership Tracker, curated from {documents} documents · generated {day}"
        return cls(subtitle=subtitle, source_line=source_line, file_stem=f"sctracker-{chart}_{slug(filters)}_{day}")


#: Characters a line of a chart's subtitle and source line holds: the narrowest chart (the main column of a
#: 1,000-pixel window) must show them whole, so they wrap rather than run off the figure.
WRAP_CHARS = 60
#: Pixels a wrapped line of 12- or 13-pixel text takes.
LINE_PIXELS = 17


def wrapped(text: str, width: int = WRAP_CHARS) -> str:
    """Text escaped for plotly's HTML subset and broken into lines of at most ``width`` characters."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width, break_on_hyphens=False)) or html.escape(text)


def title_pixels(labels: ChartLabels) -> int:
    """The height ``style_figure``'s title and subtitle take."""
    return 72 + LINE_PIXELS * (wrapped(labels.subtitle).count("<br>"))


def source_pixels(labels: ChartLabels) -> int:
    """The height ``style_figure``'s source line takes below the plot, with the axis labels above it."""
    return 62 + LINE_PIXELS * (wrapped(labels.source_line).count("<br>") + 1)


def style_figure(fig: go.Figure, title: str, labels: ChartLabels, height: int | None = None) -> go.Figure:
    """Give a plotly figure its title, filter subtitle and source footer, in a clean light theme.

    Text from the records never reaches these strings unescaped: plotly renders a subset of HTML in
    titles and annotations, so every piece is escaped here. The subtitle and source line wrap to fit
    the narrowest chart.
    """
    fig.update_layout(
        title={
            "text": f"<b>{html.escape(title)}</b><br><span style='font-size:13px;color:#444'>{wrapped(labels.subtitle)}</span>",
            "x": 0.01,
            "xanchor": "left",
            "y": 1 - 14 / (height or fig.layout.height or 450),
            "yanchor": "top",
            "yref": "container",
        },
        margin={"t": title_pixels(labels) + 18, "b": source_pixels(labels), "l": 10, "r": 10},
    )
    fig.add_annotation(
        text=wrapped(labels.source_line),
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
    return fig


def count_axis(highest: int) -> dict:
    """An axis of counts: whole numbers only (a step of one while counts are small, where plotly would
    otherwise tick 0.2, 0.4… and print them rounded as 0, 0, 1), from zero."""
    return {"tickformat": ",d", "rangemode": "tozero", **({"dtick": 1} if highest <= 8 else {})}


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
