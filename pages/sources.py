"""Sources: every source document, and one document's text with every quoted passage highlighted."""

import streamlit as st

from sctracker.app.page import setup_page
from sctracker.app.source_document import choose_source, source_document
from sctracker.app.tables import MAX_TABLE_ROWS, table_download
from sctracker.figures.sources_view import sources_table

page = setup_page("Sources")
with st.container(key="page-notes"):
    st.caption(
        "Every document the records are curated from, as cited: outlet, headline, date. 'Records citing' counts the "
        "records that match the filters; each press release of a bulletin is a source of its own."
    )
table = sources_table(page.dataset.sources, page.events)
shown = table.head(MAX_TABLE_ROWS)
if len(table) > len(shown):
    st.caption(f"The table shows the first {len(shown):,} of {len(table):,} sources; the CSV holds them all.")
st.dataframe(shown, hide_index=True, width="stretch")
table_download(table, "sources", page.filters, key="sources")

if not page.dataset.sources.empty:
    source_document(page.dataset, page.events, choose_source(page.dataset, shown["Source id"]), page.filters)
