"""The Sources page's document view: one source's text with every quoted passage highlighted and linked to
the records that quote it. Document text is data: every piece is Markdown-escaped."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sctracker.app.sidebar import link_parameter, view_link
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.sources_view import citations_of, coverage, segments, source_markdown
from sctracker.query.filters import Filters
from sctracker.query.words import plural
from sctracker.records.load import Dataset

_CHOICE = "source-choice"


def choose_source(dataset: Dataset, listed: pd.Series) -> str:
    """A picker of the sources ``listed`` (and of the one a link names, even when it is not among them)."""
    linked = link_parameter("source")
    options = [s for s in dict.fromkeys([linked, *listed]) if s in dataset.sources.index]
    if _CHOICE not in st.session_state and linked in options:
        st.session_state[_CHOICE] = linked
    return st.selectbox("Document", options, format_func=lambda s: f"{s} · {dataset.sources.at[s, 'headline']}", key=_CHOICE)


def source_document(dataset: Dataset, events: pd.DataFrame, source_id: str, filters: Filters) -> None:
    """Show one source: headline, provenance, how much of it the filtered records quote, and its text.

    Args:
        dataset: the loaded data (the source's text and details).
        events: the records in view: their quotes are highlighted and linked.
        source_id: the source to show.
        filters: the view, carried by the links to records.
    """
    source = dataset.sources.loc[source_id]
    focus = link_parameter("record")
    citations = citations_of(events, source_id)
    parts = segments(source["text"], citations)
    citing = len({record for record, _ in citations})
    st.subheader(escape_markdown(source["headline"]))
    st.caption(
        f"{escape_markdown(source['outlet'])} · published {escape_markdown(source['published'].isoformat())} "
        f"({source['published_precision']} precision, {source['published_basis'].replace('_', ' ')}) · "
        f"{coverage(parts):.0%} of the text is quoted by {plural(citing, 'record')} in view"
    )
    st.markdown(
        ":orange-background[Highlighted] passages are quoted by a record (the ↗ links open it); "
        + (":violet-background[this color] marks the record you came from; " if focus else "")
        + "plain text is quoted by no record yet."
    )
    cited = events[events["id"].isin({r for part in parts for r in part.record_ids})]
    titles = dict(zip(cited["id"], cited["date_label"] + " · " + cited["title"]))
    with st.container(border=True):  # one Markdown element, its paragraphs apart: an element a paragraph cost a rerun 2 ms
        st.markdown("\n\n".join(source_markdown(parts, lambda r: (titles.get(r, r), view_link("", filters, record=r)), focus)))
