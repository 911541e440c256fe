"""Sources: every source document, and one document's text with every quoted passage highlighted."""

import streamlit as st

from sctracker.markdown import escape_markdown
from sctracker.sidebar import link_parameter, view_link
from sctracker.source_view import citations_of, coverage, segments, source_markdown, sources_table
from sctracker.views import MAX_TABLE_ROWS, finish_page, setup_page, table_download

page = setup_page("Sources")
dataset, events = page.dataset, page.dataset.events
st.title("Sources")
st.caption(
    "Every document the records are curated from. 'Records citing' counts the records that match the filters; "
    "the bulletin's press releases are sources of their own (…txt#1 to #10)."
)
table = sources_table(dataset.sources, page.events)
shown = table.head(MAX_TABLE_ROWS)
if len(table) > len(shown):
    st.caption(f"The table shows the first {len(shown):,} of {len(table):,} sources; the CSV holds them all.")
st.dataframe(shown, hide_index=True, width="stretch")
table_download(table, "sources", page.filters, key="sources")

if dataset.sources.empty:
    st.stop()
# the sources in the table, and the one a link names even when it is not among them
options = [s for s in dict.fromkeys([link_parameter("source"), *shown["Source"]]) if s in dataset.sources.index]
if "source-choice" not in st.session_state and link_parameter("source") in options:
    st.session_state["source-choice"] = link_parameter("source")
chosen = st.selectbox("Document", options, format_func=lambda s: f"{s} · {dataset.sources.at[s, 'headline']}", key="source-choice")
source = dataset.sources.loc[chosen]
focus = link_parameter("record")

parts = segments(source["text"], citations_of(events, chosen))
st.subheader(escape_markdown(source["headline"]))
st.caption(
    f"{escape_markdown(source['outlet'])} · published {escape_markdown(source['published'].isoformat())} "
    f"({source['published_precision']} precision, {source['published_basis'].replace('_', ' ')}) · "
    f"{coverage(parts):.0%} of the text is quoted by {source['records']} record(s)"
)
st.markdown(
    ":orange-background[Highlighted] passages are quoted by a record (the ↗ links open it); "
    + (":violet-background[this color] marks the record you came from; " if focus else "")
    + "plain text is quoted by no record yet."
)
cited = events[events["id"].isin({r for part in parts for r in part.record_ids})]
titles = dict(zip(cited["id"], cited["date_label"] + " · " + cited["title"]))
with st.container(border=True):  # one Markdown element, its paragraphs apart: an element a paragraph cost a rerun 2 ms
    st.markdown("\n\n".join(source_markdown(parts, lambda r: (titles.get(r, r), view_link("", page.filters, record=r)), focus)))
finish_page()
