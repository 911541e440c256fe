"""The sidebar of filters shared by every page: the only place filter widgets are made.

Streamlit drops a widget's state when a page that does not draw it runs, and clears query parameters
when moving between pages. So the chosen filters live in ``st.session_state`` under a key of their own
(not a widget key), are read from the link's query parameters once per session, and are written back
to the query parameters on every run, so that the address bar always holds the current view.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

import streamlit as st

from sctracker.filters import Filters, from_query, to_query
from sctracker.loading import Dataset
from sctracker.model import STATUS_LABELS, STATUSES

_STATE = "sctracker.filters"
_NOTICES = "sctracker.query_notices"
_INITIAL_QUERY = "sctracker.initial_query"
_WIDGETS = {
    "date_from": "filter_date_from",
    "date_to": "filter_date_to",
    "partners": "filter_partners",
    "sectors": "filter_sectors",
    "event_types": "filter_event_types",
    "statuses": "filter_statuses",
    "text": "filter_text",
}


def allowed_codes(dataset: Dataset) -> dict[str, set[str]]:
    """The valid values of each list filter."""
    vocab = dataset.vocab
    return {
        "partners": set(vocab.partners.index),
        "sectors": set(vocab.sectors.index),
        "event_types": set(vocab.event_types.index),
        "statuses": set(STATUSES),
    }


def _widget_value(filters: Filters, field: str):
    value = getattr(filters, field)
    return list(value) if isinstance(value, tuple) else value


def _reset() -> None:
    st.session_state[_STATE] = Filters()
    for field, key in _WIDGETS.items():
        st.session_state[key] = _widget_value(Filters(), field)


def current_filters(dataset: Dataset) -> Filters:
    """Draw the filter sidebar and return what the reader has chosen.

    Args:
        dataset: the loaded data (for the choices offered).

    Returns:
        The filters, which every page passes to ``filters.apply_filters``.
    """
    if _STATE not in st.session_state:
        query = {key: st.query_params.get_all(key) for key in st.query_params.keys()}
        st.session_state[_INITIAL_QUERY] = query
        st.session_state[_STATE], st.session_state[_NOTICES] = from_query(query, allowed_codes(dataset))
    chosen: Filters = st.session_state[_STATE]
    for field, key in _WIDGETS.items():
        if key not in st.session_state:
            st.session_state[key] = _widget_value(chosen, field)

    vocab = dataset.vocab
    # plain dicts and a plain sort: the options are a few dozen, and a pandas lookup per option cost more
    # than the rest of the sidebar
    partner_labels = {
        code: f"{name} (group)" if kind == "group" else name
        for code, name, kind in zip(vocab.partners.index, vocab.partners["name"], vocab.partners["kind"])
    }
    partner_order = sorted(
        zip(vocab.partners.index, vocab.partners["kind"], vocab.partners["region"], vocab.partners["name"]),
        key=lambda entry: (entry[1] != "group", entry[2], entry[3]),  # groups first, then by region and name
    )
    type_labels = vocab.event_types["label"].to_dict()
    with st.sidebar:
        st.header("Filters")
        for notice in st.session_state.get(_NOTICES, []):
            st.warning(notice)
        start, end = st.columns(2)
        start.date_input("From", key=_WIDGETS["date_from"], value=None, format="YYYY-MM-DD")
        end.date_input("To", key=_WIDGETS["date_to"], value=None, format="YYYY-MM-DD")
        st.multiselect(
            "Partners",
            options=[entry[0] for entry in partner_order],
            format_func=partner_labels.get,
            key=_WIDGETS["partners"],
            help="A group (EU, Central Asia, Latin America) finds events held with the group as a whole.",
        )
        st.multiselect("Sectors", options=list(vocab.sectors.index), format_func=vocab.sectors["label"].to_dict().get, key=_WIDGETS["sectors"])
        st.multiselect(
            "Event types",
            options=list(vocab.event_types.index),
            format_func=type_labels.get,
            key=_WIDGETS["event_types"],
        )
        st.multiselect("Status", options=list(STATUSES), format_func=STATUS_LABELS.get, key=_WIDGETS["statuses"])
        st.text_input("Search", key=_WIDGETS["text"], placeholder="title, summary, people, quotes…")
        st.button("Reset filters", on_click=_reset, width="stretch")

    chosen = Filters(
        date_from=st.session_state[_WIDGETS["date_from"]],
        date_to=st.session_state[_WIDGETS["date_to"]],
        partners=tuple(st.session_state[_WIDGETS["partners"]]),
        sectors=tuple(st.session_state[_WIDGETS["sectors"]]),
        event_types=tuple(st.session_state[_WIDGETS["event_types"]]),
        statuses=tuple(st.session_state[_WIDGETS["statuses"]]),
        text=st.session_state[_WIDGETS["text"]] or "",
    )
    if chosen.date_from and chosen.date_to and chosen.date_from > chosen.date_to:
        st.sidebar.warning("'From' is after 'To': the date range is ignored.")
        chosen = dataclasses.replace(chosen, date_from=None, date_to=None)
    st.session_state[_STATE] = chosen
    return chosen


_PRESENT = "sctracker.present"

_PRESENTATION_CSS = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 2.5rem !important; }
</style>
"""


def presentation_mode() -> bool:
    """The presentation-mode switch: hides the sidebar and page chrome for a clean screenshot.

    It is on when the link says ``present=1`` (a briefing pack opens pages so) or the reader turns it on;
    a button at the bottom of the page turns it off again.
    """
    if _PRESENT not in st.session_state:
        st.session_state[_PRESENT] = (st.session_state.get(_INITIAL_QUERY, {}).get("present") or [""])[-1] == "1"
    st.sidebar.toggle("Presentation mode", key=_PRESENT, help="Hide the sidebar and page chrome for screenshots.")
    if st.session_state[_PRESENT]:
        st.html(_PRESENTATION_CSS)  # constant CSS of ours, never data
    return st.session_state[_PRESENT]


def exit_presentation_button() -> None:
    """The way back from presentation mode, placed at the bottom of the page so screenshots stay clean."""
    if st.session_state.get(_PRESENT):
        st.button("Exit presentation mode", key="exit-presentation", on_click=lambda: st.session_state.update({_PRESENT: False}))


def share_view(filters: Filters, present: bool) -> None:
    """Write the view into the address bar, and offer it as a link to copy."""
    query = to_query(filters) | ({"present": ["1"]} if present else {})
    st.query_params.from_dict(query)
    base = st.context.url or ""
    link = f"{base}?{urlencode(query, doseq=True)}" if query else base
    with st.sidebar.expander("Copy link to this view"):
        st.code(link or "(open the dashboard in a browser to get its address)", language=None, wrap_lines=True)
        st.caption("Opening this link shows the same filters on this page.")


def link_parameter(name: str) -> str | None:
    """A page's own parameter (``record``, ``source``) from the link this session was opened with."""
    values = st.session_state.get(_INITIAL_QUERY, {}).get(name) or []
    return values[-1] if values else None


def view_link(page: str, filters: Filters, **extra: str) -> str:
    """A relative link to ``page`` ("" for the overview) that carries the current filters and ``extra`` parameters."""
    query = to_query(filters) | {key: [value] for key, value in extra.items()}
    return f"./{page}?{urlencode(query, doseq=True)}"
