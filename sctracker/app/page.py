"""The app shell: what every run does around the page on screen, and what a page asks it for.

``run_app`` (the entry script's one call) configures the page, loads the data, draws the shared sidebar,
filters once, shows the data's problems, runs the page the reader chose through ``st.navigation``, and
then writes the whole view into the address bar. A page script calls ``setup_page`` for its data, and
``chart_in_words`` under each chart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from sctracker.app import data, view_state
from sctracker.app.pages import PAGES, PageSpec
from sctracker.app.sidebar import copy_link, current_filters, exit_presentation_button, presentation_mode, remember_page_choices
from sctracker.app.slides import deck_download
from sctracker.app.tables import table_download
from sctracker.app.theme import LAYOUT_CSS
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.style import ChartLabels
from sctracker.figures.summaries import ChartText
from sctracker.query.filters import Filters, apply_filters
from sctracker.query.words import describe, view_count
from sctracker.records.dates import today
from sctracker.records.load import Dataset

T = TypeVar("T")

_CONTEXT = "sctracker.page_context"
_IN_SHELL = "sctracker.in_shell"


@dataclasses.dataclass
class PageContext:
    """What a page needs: all the data, the reader's filters, the events they select, and the display mode."""

    dataset: Dataset
    filters: Filters
    events: pd.DataFrame
    present: bool = False

    def labels(self, chart: str) -> ChartLabels:
        """The words around one of the page's charts (``ChartLabels``) for the current view."""
        return ChartLabels.for_dataset(self.dataset, self.filters, self.events, chart)

    def kept(self, what: tuple, build: Callable[[], T]) -> T:
        """``build()`` for this view, worked out once a day and shared (``data.kept``): ``what`` names the chart and
        every choice ``build`` reads besides the dataset, the filters and the day (words and titles say 'today')."""
        return data.kept(self.dataset, (self.filters, today(), *what), build)


def run_app(pages: tuple[PageSpec, ...] = PAGES) -> None:
    """One run of the dashboard: shell, sidebar and filters, the chosen page, the view into the link.

    The menu is the app's own (``page_menu``): Streamlit's would open a page without the view's query, and
    writing the query back afterwards added a second step to the browser's history for every page change.
    """
    st.session_state[_IN_SHELL] = True
    try:
        _run_shell(pages)
    finally:
        st.session_state[_IN_SHELL] = False


def _run_shell(pages: tuple[PageSpec, ...]) -> None:
    st.set_page_config(page_title="Supply-Chain Partnership Tracker", page_icon="🔗", layout="wide")
    st.html(LAYOUT_CSS)  # constant CSS of ours, never data
    view_state.start_run()
    menu = st.sidebar.container()  # filled once the filters are known: each link carries them
    dataset = data.dataset()
    filters = current_filters(dataset)
    present = presentation_mode()
    events = data.kept(dataset, (filters, "events"), lambda: apply_filters(dataset.events, filters))
    st.session_state[_CONTEXT] = PageContext(dataset, filters, events, present)
    streamlit_pages = {
        page.url_path: st.Page(page.script, title=page.title, url_path=page.url_path, default=page is pages[0], icon=page.icon)
        for page in pages
    }
    navigation = st.navigation(list(streamlit_pages.values()), position="hidden")
    page_menu(menu, pages, streamlit_pages, filters, present)
    show_data_notices(dataset)
    navigation.run()
    exit_presentation_button()
    query = view_state.write_link(filters, present)
    view_state.remember_page_query(navigation.url_path, query)
    remember_page_choices(view_state.page_choice_keys())
    copy_link(query)
    deck_download(dataset, filters)


def page_menu(place, pages: tuple[PageSpec, ...], streamlit_pages: dict, filters: Filters, present: bool) -> None:
    """The menu of pages, each link carrying the view: the filters, and that page's own last choices."""
    with place:
        for page in pages:
            query = view_state.page_query(page.url_path, filters, present)
            st.page_link(streamlit_pages[page.url_path], label=page.title, icon=page.icon, query_params=query, width="stretch")
        st.divider()


def setup_page(title: str) -> PageContext:
    """Draw the page's title and the view in words under it (``Batteries · 2 of 3 events``); return the data,
    filters and filtered events of this run.

    A page script run on its own, without the entry script, runs the whole app around itself and stops: Streamlit
    does that with a folder named ``pages/`` (its older multipage layout) on a fresh server's first run, and
    AppTest on every run. The shell's ``st.navigation`` then runs this page in its place, sidebar and all.
    """
    if not st.session_state.get(_IN_SHELL):
        run_app()
        st.stop()
    page: PageContext = st.session_state[_CONTEXT]
    st.title(title)
    with st.container(key="view-line"):
        st.caption(
            escape_markdown(f"{describe(page.filters, page.dataset.vocab)} · {view_count(len(page.events), len(page.dataset.events))}")
        )
    return page


def chart_in_words(text: ChartText) -> None:
    """The chart in words under it (``figures.summaries``, the same words as the briefing's speaker notes): what a
    screen reader reads for the picture, and the numbers for anyone who wants them."""
    st.caption("In words: " + escape_markdown(text.summary))


def show_data_notices(dataset: Dataset) -> None:
    """Visible notices for problems with the folders or vocabularies and for rejected records; the valid records still show."""
    rejected_paths = set(dataset.rejected["path"])
    general = [p for p in dataset.problems if p.path not in rejected_paths]
    if general:
        more = f" … and {len(general) - 5} more" if len(general) > 5 else ""
        st.error("The data folders have problems: " + "; ".join(escape_markdown(str(p)) for p in general[:5]) + more)
    if dataset.rejected.empty:
        return
    st.warning(
        f"{len(dataset.rejected)} of {dataset.files_read} record files were rejected and are not shown. "
        "Run `python -m sctracker validate` to see the same list."
    )
    with st.expander("Rejected records and why"):
        table = pd.DataFrame([{"File": row.path, "Problem": problem} for row in dataset.rejected.itertuples() for problem in row.problems])
        st.dataframe(table, hide_index=True, width="stretch")
        table_download(table, "rejected-records", Filters(), key="rejected-records")
