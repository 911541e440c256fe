"""The pages' slide downloads: "Download for slides" beside a chart (its whole-slide image) and "Download briefing
deck" for the view, both made only when clicked.

A click runs the making in a thread of its own while the button shows a spinner (Streamlit's deferred
download), so a rerun never pays for it. Drawing needs the ``briefing`` extra and Debian's Chromium; where
either is missing, a note says what to install instead of a button that would fail.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from sctracker.briefing.browser import CHROMIUM
from sctracker.briefing.charts import SlideChart, deck_file_name, slide_file_name
from sctracker.figures.style import SLIDE, ChartLabels
from sctracker.query.filters import Filters
from sctracker.records.load import Dataset

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
#: What a machine needs to draw slides, and how to get it.
_NEEDS = "the briefing extra (`make .venv/.installed-briefing`) and Debian's Chromium (`apt-get install chromium`)"


@functools.cache
def slides_unavailable() -> str | None:
    """Why slide images and decks cannot be made here (None when they can); looked up once a server."""
    missing = [name for name in ("playwright", "pptx") if importlib.util.find_spec(name) is None]
    if not Path(CHROMIUM).exists():
        missing.append(CHROMIUM)
    return f"Slide downloads need {_NEEDS}; missing here: {', '.join(missing)}." if missing else None


def chart_slide_download(make_chart: Callable[[], SlideChart], labels: ChartLabels, key: str) -> None:
    """A "Download for slides" button: the chart ``make_chart`` builds, alone, as a 1920×1080 PNG for a whole
    16:9 slide (``make briefing`` also writes a half-slide one)."""
    missing = slides_unavailable()
    if missing:
        st.caption(missing)
        return

    def image() -> bytes:
        from sctracker.briefing.render import slide_png

        return slide_png(make_chart(), SLIDE)

    with st.container(key=f"page-controls-slide-{key}"):  # hidden in presentation mode, like the page's other controls
        _slide_button(image, labels, key)


def _slide_button(image: Callable[[], bytes], labels: ChartLabels, key: str) -> None:
    st.download_button(
        "Download for slides",
        data=image,
        file_name=slide_file_name(labels, SLIDE),
        mime="image/png",
        key=f"slide-{key}",
        on_click="ignore",
        icon=":material/slideshow:",
        help="This chart alone, 1920 × 1080 pixels, with its title, filters, legend and source line: drawn when you click (a few seconds).",
    )


def deck_download(dataset: Dataset, filters: Filters) -> None:
    """The sidebar's "Download briefing deck": the view's charts, events and sources as a PowerPoint file."""
    missing = slides_unavailable()
    if missing:
        st.sidebar.caption(missing)
        return

    def deck() -> bytes:
        from sctracker.briefing.pack import view_deck

        return view_deck(dataset, filters)

    st.sidebar.download_button(
        "Download briefing deck",
        data=deck,
        file_name=deck_file_name(filters),
        mime=PPTX_MIME,
        key="download-briefing-deck",
        on_click="ignore",
        icon=":material/co_present:",
        width="stretch",
        help="A PowerPoint deck of this view: a title slide, each chart under its takeaway (its summary in the speaker "
        "notes), the events and the sources cited. Drawn when you click: about half a minute.",
    )
