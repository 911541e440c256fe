"""The "What's new" page's controls and table: the first day counted (a date or a quick choice), then the records
added, edited and removed since, each with what changed and its permalink, and the CSV of the changes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from sctracker.app.page import PageContext
from sctracker.app.tables import table_download
from sctracker.app.view_state import dashboard_root, page_choice
from sctracker.query.changes import change_counts, changes_since, quick_days
from sctracker.query.filters import Filters
from sctracker.records.dates import today
from sctracker.records.load import Dataset

SINCE_KEY = "since"


@st.cache_data(show_spinner="Comparing the records with their earlier versions…", max_entries=16)
def _changes(_dataset: Dataset, dataset_key: tuple, since: dt.date, filters: Filters, link_base: str) -> pd.DataFrame:
    """``changes_since``, kept per dataset, day, filters and address: comparing 500 edited records with their
    earlier versions took seconds, too long for every rerun."""
    del dataset_key  # only part of the cache key: the shared dataset, which changes with every load
    return changes_since(_dataset, since, filters, link_base)


def _set_since(day: dt.date) -> None:
    st.session_state[SINCE_KEY] = day


def choose_since() -> dt.date:
    """The first day counted: a date picker (default seven days ago, in the link as ``since``) and quick choices."""
    now = today()
    key = page_choice(SINCE_KEY, now - dt.timedelta(days=7), parse=dt.date.fromisoformat)
    with st.container(key="page-controls"):
        picker, *buttons = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
        picker.date_input("Changes since", key=key, max_value=now, format="YYYY-MM-DD", persist_state="session")
        for place, (label, day) in zip(buttons, quick_days(now).items()):
            place.button(label, on_click=_set_since, args=(day,), width="stretch", help=f"Since {day:%A %-d %b %Y}")
    return st.session_state[key]


def whats_new(page: PageContext) -> None:
    """The page below its title: why there is no history, or the changes since the chosen day for the view's filters."""
    if page.dataset.history is None:
        st.info(
            f"Record history is unavailable here: {page.dataset.history_unavailable}. The dashboard reads when records were "
            "added and edited from the git history of the curated folder; the other pages work as usual."
        )
        return
    since = choose_since()
    dataset = page.dataset
    changes = _changes(dataset, (id(dataset), dataset.history.head, len(dataset.events)), since, page.filters, dashboard_root())
    st.caption(f"Since {since:%A %-d %b %Y}: {change_counts(changes)}, for the records that match the filters.")
    if changes.empty:
        return
    shown = changes.assign(Partners=[", ".join(names) for names in changes["Partners"]])
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "Link": st.column_config.LinkColumn("Link", display_text="open record", width=100),
            "What changed": st.column_config.TextColumn(width="large"),
            "Title": st.column_config.TextColumn(width="medium"),
            "Record id": st.column_config.TextColumn(width="small"),
        },
    )
    table_download(changes, f"changes-since-{since:%Y%m%d}", page.filters, key="whats-new")
