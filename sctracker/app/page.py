"""What every page does first and last: configure the page, load the data, draw the shared sidebar, show
the data's problems, filter; and at the end, the way out of presentation mode."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from sctracker.app import data
from sctracker.app.sidebar import current_filters, exit_presentation_button, presentation_mode, share_view
from sctracker.app.tables import table_download
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.style import ChartLabels
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import Dataset


@dataclasses.dataclass
class PageContext:
    """What a page needs: all the data, the reader's filters, and the events they select."""

    dataset: Dataset
    filters: Filters
    events: pd.DataFrame

    def labels(self, chart: str) -> ChartLabels:
        """The words around one of the page's charts (``ChartLabels``) for the current view."""
        return ChartLabels.for_view(self.filters, self.dataset.vocab, self.dataset.documents, chart)


def setup_page(title: str, icon: str = "🔗") -> PageContext:
    """Configure the page, load the data (cached), draw the shared sidebar and apply its filters."""
    st.set_page_config(page_title=f"{title} · Supply-Chain Partnership Tracker", page_icon=icon, layout="wide")
    dataset = data.dataset()
    filters = current_filters(dataset)
    present = presentation_mode()
    share_view(filters, present)
    show_data_notices(dataset)
    return PageContext(dataset, filters, apply_filters(dataset.events, filters))


def finish_page() -> None:
    """What every page ends with: the way out of presentation mode."""
    exit_presentation_button()


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
