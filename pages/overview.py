"""Overview: headline numbers, the filtered events with their CSV download, and one record in detail."""

import streamlit as st

from sctracker.app.page import setup_page
from sctracker.app.record import record_detail
from sctracker.app.tables import events_table
from sctracker.query.summary import headline_numbers

page = setup_page("Supply-Chain Partnership Tracker")
with st.container(key="page-notes"):
    st.caption(
        "South Korea's supply-chain cooperation with foreign partners: forums, dialogues, negotiations, "
        "agreements and trade measures, curated from news articles and government press releases."
    )

columns = st.columns(4)
for column, (label, value) in zip(columns, headline_numbers(page.events).items()):
    column.metric(label, value)

st.header("Events")
events_table(page.events, page.filters, key="overview")
record_detail(page.dataset, page.events, filters=page.filters)
