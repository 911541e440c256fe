"""The app shell: what every run does around the page on screen, and what a page asks it for.

``run_app`` (the entry script's one call) configures the page, loads the data, draws the shared sidebar,
filters once, shows the data's problems, runs the page the reader chose through ``st.navigation``, and
then writes the whole view into the address bar. A page script calls ``setup_page`` for its data.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from sctracker.app import data, view_state
from sctracker.app.pages import PAGES, PageSpec
from sctracker.app.sidebar import copy_link, current_filters, exit_presentation_button, presentation_mode, remember_page_choices
from sctracker.app.tables import table_download
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.style import ChartLabels
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import Dataset

_CONTEXT = "sctracker.page_context"


@dataclasses.dataclass
class PageContext:
    """What a page needs: all the data, the reader's filters, the events they select, and the display mode."""

    dataset: Dataset
    filters: Filters
    events: pd.DataFrame
    present: bool = False

    def labels(self, chart: str) -> ChartLabels:
        """The words around one of the page's charts (``ChartLabels``) for the current view."""
        return ChartLabels.for_view(self.filters, self.dataset.vocab, self.dataset.documents, chart)


def run_app(pages: tuple[PageSpec, ...] = PAGES) -> None:
    """One run of the dashboard: shell, sidebar and filters, the chosen page, the view into the link."""
    st.set_page_config(page_title="Supply-Chain Partnership Tracker", page_icon="🔗", layout="wide")
    view_state.start_run()
    dataset = data.dataset()
    filters = current_filters(dataset)
    present = presentation_mode()
    st.session_state[_CONTEXT] = PageContext(dataset, filters, apply_filters(dataset.events, filters), present)
    navigation = st.navigation(
        [
            st.Page(page.script, title=page.title, url_path=page.url_path or None, default=not page.url_path, icon=page.icon)
            for page in PAGES
        ]
    )
    show_data_notices(dataset)
    navigation.run()
    exit_presentation_button()
    query = view_state.write_link(filters, present)
    remember_page_choices(view_state.page_choice_keys())
    copy_link(query)


def setup_page() -> PageContext:
    """The data, filters and filtered events of this run, for the page on screen."""
    return st.session_state[_CONTEXT]


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
