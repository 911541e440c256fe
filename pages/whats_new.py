"""What's new: the records added, edited and removed since a day, each with what changed and a link to it."""

import streamlit as st

from sctracker.app.page import setup_page
from sctracker.app.whats_new import whats_new

page = setup_page("What's new")
with st.container(key="page-notes"):
    st.caption(
        "What changed in the data since a day, from the repository's history: a record added, edited (and how) or "
        "removed. Removed records are matched against the filters as they were."
    )
whats_new(page)
