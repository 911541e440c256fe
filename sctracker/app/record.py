"""One record in detail: its summary, how its date was worked out, people, figures and every quoted source,
each quote linked to its passage on the Sources page. All record text is shown with Markdown escaped."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sctracker.app.pages import SOURCES_PAGE
from sctracker.app.tables import MAX_TABLE_ROWS
from sctracker.app.view_state import link_value, page_choice, record_permalink, view_link
from sctracker.figures.markdown import escape_markdown
from sctracker.query.citation import citation_text
from sctracker.query.filters import Filters
from sctracker.records.load import Dataset
from sctracker.records.sources import short_citation


def record_detail(dataset: Dataset, events: pd.DataFrame, filters: Filters) -> None:
    """Choose one of ``events`` and show its summary, date reasoning, people, figures and quoted sources.

    The choice is the link's ``record`` parameter; each quote links to its passage on the Sources page.
    Nothing is drawn when there are no events.
    """
    if events.empty:
        return
    st.header("Record detail")
    linked = link_value("record")
    offered = events.tail(MAX_TABLE_ROWS)
    if linked and linked not in set(offered["id"]):
        offered = pd.concat([events[events["id"] == linked], offered])
    labels = dict(zip(offered["id"], offered["date_label"] + " · " + offered["title"]))
    key = page_choice("record", next(iter(labels)), labels)
    chosen = st.selectbox("Record", options=list(labels), format_func=labels.get, key=key, persist_state="session")
    row = offered[offered["id"] == chosen].iloc[0]
    # a few Markdown elements of several paragraphs each, not an element a paragraph: each element costs a rerun
    heading = [
        f"### {escape_markdown(row['title'])}",
        f"**{escape_markdown(row['date_label'])}** · {escape_markdown(row['event_type_label'])} · "
        f"{escape_markdown(row['status_label'])} · {escape_markdown(', '.join(row['partner_names']))}",
    ]
    if row["sector_labels"]:
        heading.append("Sectors: " + escape_markdown(", ".join(row["sector_labels"])))
    st.markdown("\n\n".join([*heading, escape_markdown(row["summary"])]))
    permalink = record_permalink(chosen)
    with st.expander("Cite this record: permalink and citation"):
        st.caption("The link opens the dashboard on this record; the citation below copies with the button at its corner.")
        st.code(citation_text(row, dataset.sources, permalink), language=None, wrap_lines=True)
    if row["date_inferred"] or row["date_precision"] == "on_or_before":
        st.info("Date inferred: " + escape_markdown(row["date_note"]))
    if row["curation_note"]:
        st.caption("Curation note: " + escape_markdown(row["curation_note"]))
    details = []
    if row["participants"]:
        details.append("**Taking part**\n\n" + "\n".join(f"- {escape_markdown(_person(p))}" for p in row["participants"]))
    if row["figures"]:
        details.append("**Figures stated**\n\n" + "\n".join(f"- {escape_markdown(_figure(f))}" for f in row["figures"]))
    if row["milestones"]:
        details.append("**Milestones**\n\n" + "\n".join(f"- {escape_markdown(m['label'])}" for m in row["milestones"]))
    st.markdown("\n\n".join([*details, "**Sources**"]))
    for source_id in row["source_ids"]:
        source = dataset.sources.loc[source_id]
        link = view_link(SOURCES_PAGE.link_path, filters, source=source_id, record=chosen)
        quotes = [ref["quote"] for ref in row["sources"] if ref["source"] == source_id]
        st.markdown(
            escape_markdown(
                short_citation(source["outlet"], source["headline"], source["published"], source["published_precision"], source["url"])
            )
            + f" · [show the passages in the source]({link})"
            "\n\n" + "\n>\n".join(f"> {escape_markdown(quote)}" for quote in quotes)
        )
    if row["related"]:
        st.caption("Related records: " + escape_markdown(", ".join(row["related"])))


def _person(person: dict) -> str:
    details = ", ".join(part for part in (person["role"], person["organization"]) if part)
    return f"{person['name']} ({person['side']}){': ' + details if details else ''}"


def _figure(figure: dict) -> str:
    return f"{figure['label']}: {figure['text']}"


def source_quotes(events: pd.DataFrame) -> None:
    """What the sources say about each of a few events: its date and title, then every quote with its source."""
    st.markdown("**What the sources say**")
    for event in events.itertuples():
        quotes = "\n\n".join(f"> {escape_markdown(ref['quote'])}  \n> — {escape_markdown(ref['source'])}" for ref in event.sources)
        st.markdown(f"**{escape_markdown(event.date_label)} · {escape_markdown(event.title)}**\n\n{quotes}")
