"""Page pieces every page shares: set-up, the data notices, the events table, the CSV download and a record's detail.

Record and source text is data: it is shown with Markdown escaped (and never as HTML), so that a
record cannot format, link, load an image or run a script on the page.
"""

from __future__ import annotations

import dataclasses
import pandas as pd
import streamlit as st

from sctracker import app_data
from sctracker.export import events_csv, export_filename, to_csv_bytes
from sctracker.filters import Filters, apply_filters
from sctracker.loading import Dataset
from sctracker.markdown import escape_markdown
from sctracker.sidebar import current_filters, exit_presentation_button, link_parameter, presentation_mode, share_view, view_link

@dataclasses.dataclass
class PageContext:
    """What a page needs: all the data, the reader's filters, and the events they select."""

    dataset: Dataset
    filters: Filters
    events: pd.DataFrame


def setup_page(title: str, icon: str = "🔗") -> PageContext:
    """Configure the page, load the data (cached), draw the shared sidebar and apply its filters."""
    st.set_page_config(page_title=f"{title} · Supply-Chain Partnership Tracker", page_icon=icon, layout="wide")
    dataset = app_data.dataset()
    filters = current_filters(dataset)
    present = presentation_mode()
    share_view(filters, present)
    show_data_notices(dataset)
    return PageContext(dataset, filters, apply_filters(dataset.events, filters))


def finish_page() -> None:
    """What every page ends with: the way out of presentation mode."""
    exit_presentation_button()


def show_data_notices(dataset: Dataset) -> None:
    """Visible notices for problems with the folders or vocabularies and for rejected records; the valid records still show."""
    rejected_paths = set(dataset.rejected["path"])
    general = [p for p in dataset.problems if p.path not in rejected_paths]
    if general:
        more = f" … and {len(general) - 5} more" if len(general) > 5 else ""
        st.error("The data folders have problems: " + "; ".join(escape_markdown(str(p)) for p in general[:5]) + more)
    if dataset.rejected.empty:
        return
    st.warning(
        f"{len(dataset.rejected)} of {dataset.files_read} record files were rejected and are not shown. "
        "Run `python -m sctracker validate` to see the same list."
    )
    with st.expander("Rejected records and why"):
        table = pd.DataFrame([{"File": row.path, "Problem": problem} for row in dataset.rejected.itertuples() for problem in row.problems])
        st.dataframe(table, hide_index=True, width="stretch")
        table_download(table, "rejected-records", Filters(), key="rejected-records")


def table_view(events: pd.DataFrame) -> pd.DataFrame:
    """The columns the pages' tables show, named for people."""
    return pd.DataFrame(
        {
            "Date": events["date_label"],
            "Title": events["title"],
            "Type": events["event_type_label"],
            "Status": events["status_label"],
            "Partners": events["partner_names"].map(", ".join),
            "Sectors": events["sector_labels"].map(", ".join),
            "Place": events["city"].fillna(""),
            "Sources": events["source_ids"].map(len),
        }
    )


#: The most rows a page's table sends to the browser; the CSV download always holds every row.
MAX_TABLE_ROWS = 1_000
#: Past this many rows the CSV is made when the reader clicks, not on every rerun.
EAGER_CSV_ROWS = 2_000


def events_table(events: pd.DataFrame, filters: Filters, key: str) -> None:
    """The events as a table (the latest ``MAX_TABLE_ROWS`` of them), with the CSV download of every row."""
    count = f"{len(events):,} event{'s' if len(events) != 1 else ''}"
    if len(events) > MAX_TABLE_ROWS:
        count += f" · the table shows the {MAX_TABLE_ROWS:,} most recent; the CSV holds them all"
    st.caption(count)
    st.dataframe(table_view(events.tail(MAX_TABLE_ROWS)), hide_index=True, width="stretch")
    st.download_button(
        "Download these events as CSV",
        data=events_csv(events) if len(events) <= EAGER_CSV_ROWS else lambda: events_csv(events),
        file_name=export_filename("events", filters),
        mime="text/csv",
        key=f"download-{key}",
        disabled=events.empty,
    )


def record_detail(dataset: Dataset, events: pd.DataFrame, key: str, filters: Filters = Filters()) -> None:
    """Choose one of ``events`` and show its summary, date reasoning, people, figures and quoted sources.

    The record named by the link's ``record`` parameter is chosen first; each quote links to its
    passage on the Sources page.
    """
    if events.empty:
        return
    linked = link_parameter("record")
    offered = events.tail(MAX_TABLE_ROWS)
    if linked and linked not in set(offered["id"]):
        offered = pd.concat([events[events["id"] == linked], offered])
    labels = dict(zip(offered["id"], offered["date_label"] + " · " + offered["title"]))
    widget = f"record-{key}"
    if widget not in st.session_state and linked in labels:
        st.session_state[widget] = linked
    chosen = st.selectbox("Record", options=list(labels), format_func=labels.get, key=widget)
    row = offered[offered["id"] == chosen].iloc[0]
    # a few Markdown elements of several paragraphs each, not an element a paragraph: each element costs a rerun
    heading = [
        f"#### {escape_markdown(row['title'])}",
        f"**{escape_markdown(row['date_label'])}** · {escape_markdown(row['event_type_label'])} · "
        f"{escape_markdown(row['status_label'])} · {escape_markdown(', '.join(row['partner_names']))}",
    ]
    if row["sector_labels"]:
        heading.append("Sectors: " + escape_markdown(", ".join(row["sector_labels"])))
    st.markdown("\n\n".join([*heading, escape_markdown(row["summary"])]))
    if row["date_inferred"]:
        st.info("Date inferred: " + escape_markdown(row["date_note"]))
    if row["curation_note"]:
        st.caption("Curation note: " + escape_markdown(row["curation_note"]))
    details = []
    if row["participants"]:
        details.append("**People named**\n\n" + "\n".join(f"- {escape_markdown(_person(p))}" for p in row["participants"]))
    if row["figures"]:
        details.append("**Figures stated**\n\n" + "\n".join(f"- {escape_markdown(_figure(f))}" for f in row["figures"]))
    st.markdown("\n\n".join([*details, "**Sources**"]))
    for source_id in row["source_ids"]:
        source = dataset.sources.loc[source_id]
        link = view_link("Sources", filters, source=source_id, record=chosen)
        quotes = [ref["quote"] for ref in row["sources"] if ref["source"] == source_id]
        st.markdown(
            f"{escape_markdown(source['headline'])} — {escape_markdown(source['outlet'])}, "
            f"{escape_markdown(source['published'].isoformat())} · [show the passages in {escape_markdown(source_id)}]({link})"
            "\n\n" + "\n>\n".join(f"> {escape_markdown(quote)}" for quote in quotes)
        )
    if row["related"]:
        st.caption("Related records: " + escape_markdown(", ".join(row["related"])))


def table_download(table: pd.DataFrame, kind: str, filters: Filters, key: str) -> None:
    """A CSV download of any table as shown (formulas neutralized, UTF-8 with BOM, the view in the file name)."""
    st.download_button(
        "Download this table as CSV",
        data=to_csv_bytes(table) if len(table) <= EAGER_CSV_ROWS else lambda: to_csv_bytes(table),
        file_name=export_filename(kind, filters),
        mime="text/csv",
        key=f"download-{key}",
        disabled=table.empty,
    )


def _person(person: dict) -> str:
    details = ", ".join(part for part in (person["role"], person["organization"]) if part)
    return f"{person['name']} ({person['side']}){': ' + details if details else ''}"


def _figure(figure: dict) -> str:
    value = f"{figure['value']:g}"
    words = " ".join(part for part in (figure["qualifier"], value, figure["unit"]) if part)
    return f"{figure['label']}: {words}"
