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
from sctracker.records.dates import today

SINCE_KEY = "since"


def _changes(page: PageContext, since: dt.date) -> pd.DataFrame:
    """``changes_since`` for the view, kept while its dataset lives (``PageContext.kept``): comparing 500 edited
    records with their earlier versions took seconds, too long for every rerun. (A cache keyed by the dataset's
    ``id`` alone could hand a later dataset, made at a freed one's address, the freed one's changes.)"""
    link_base = dashboard_root()

    def compare() -> pd.DataFrame:
        with st.spinner("Comparing the records with their earlier versions…"):
            return changes_since(page.dataset, since, page.filters, link_base)

    return page.kept(("changes", since, link_base), compare)


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
    changes = _changes(page, since)
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
