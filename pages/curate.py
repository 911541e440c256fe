"""Curate: a new article in, its draft records reviewed, edited and published (or discarded)."""

import streamlit as st

from sctracker.app.curate import curate, show_message
from sctracker.app.page import setup_page

page = setup_page("Curate a new article")
st.caption(
    "The machine drafts, the curator decides: each event the article states becomes a draft record with its "
    "evidence highlighted. Check every field against the quotes, then Publish (into curated/events/) or Discard."
)
show_message()
curate(page.dataset)
