"""The Sources page's document view: one source's text with every quoted passage highlighted and linked to
the records that quote it. Document text is data: every piece is Markdown-escaped."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sctracker.app.view_state import page_choice, view_link
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.sources_view import citations_of, citing_order, coverage, segments, source_markdown
from sctracker.query.filters import Filters
from sctracker.query.words import plural
from sctracker.records.load import Dataset


def choose_source(dataset: Dataset, listed: pd.Series) -> str:
    """A picker of the sources ``listed`` (and of the one a link names, even when it is not among them): the
    link's ``source`` parameter."""
    sources = dataset.sources
    options = list(listed)
    key = page_choice("source", options[0], set(sources.index))
    if st.session_state[key] not in options:
        options.insert(0, st.session_state[key])
    return st.selectbox(
        "Document",
        options,
        format_func=lambda s: f"{sources.at[s, 'outlet']} · {sources.at[s, 'headline']}",
        key=key,
        persist_state="session",
    )


def source_document(dataset: Dataset, events: pd.DataFrame, source_id: str, filters: Filters) -> None:
    """Show one source: headline, provenance, how much of it the filtered records quote, its text, and the
    records behind each numbered link.

    Args:
        dataset: the loaded data (the source's text and details).
        events: the records in view: their quotes are highlighted and linked.
        source_id: the source to show.
        filters: the view, carried by the links to records.
    """
    source = dataset.sources.loc[source_id]
    focus = st.session_state.get(page_choice("record", None, {*events["id"], None}))
    citations = citations_of(events, source_id)
    parts = segments(source["text"], citations)
    citing = citing_order(parts)
    st.header(escape_markdown(source["headline"]))
    st.caption(
        f"{escape_markdown(source['outlet'])} · published {escape_markdown(source['published'].isoformat())} "
        f"({source['published_precision']} precision, {source['published_basis'].replace('_', ' ')}) · "
        f"{coverage(parts):.0%} of the text is quoted by {plural(len(citing), 'record')} in view"
    )
    st.markdown(
        ":orange-background[Highlighted] passages are quoted by a record; the numbers after them link to it (listed below). "
        + (":blue-background[**Bold blue**] marks the record you came from. " if focus else "")
        + "Plain text is quoted by no record in view."
    )
    urls = {record: view_link("", filters, record=record) for record in citing}
    with st.container(border=True):  # one Markdown element, its paragraphs apart: an element a paragraph cost a rerun 2 ms
        st.markdown("\n\n".join(source_markdown(parts, urls, focus)))
    if citing:
        titles = events.set_index("id").loc[citing, ["date_label", "title"]]
        st.markdown(
            "\n".join(
                f"{number}. [{escape_markdown(row.date_label)} · {escape_markdown(row.title)}]({urls[record].replace(')', '%29')})"
                + (" (the record you came from)" if record == focus else "")
                for number, (record, row) in enumerate(titles.iterrows(), start=1)
            )
        )
