"""The sidebar of filters shared by every page, made from the filter spec, and the view kept in the link.

Streamlit drops a widget's state when a page that does not draw it runs, and clears query parameters
when moving between pages. So the chosen filters live in ``st.session_state`` under a key of their own
(not a widget key), are read from the link's query parameters once per session, and are written back
to the query parameters on every run, so that the address bar always holds the current view.

Each widget is made from its ``FilterField`` (``query.filters.FILTER_FIELDS``): a date input for a date,
a multiselect of the vocabulary's choices for codes, a text box for text.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

import streamlit as st

from sctracker.query.filters import FILTER_FIELDS, FilterField, Filters, choices
from sctracker.query.link import allowed_codes, from_query, to_query
from sctracker.records.load import Dataset

_STATE = "sctracker.filters"
_NOTICES = "sctracker.query_notices"
_INITIAL_QUERY = "sctracker.initial_query"


def _widget_key(field: FilterField) -> str:
    return f"filter_{field.name}"


def _widget_value(filters: Filters, field: FilterField):
    value = getattr(filters, field.name)
    return list(value) if isinstance(value, tuple) else value


def _filter_value(field: FilterField, widget_value):
    """A widget's value as the filter holds it: codes as a tuple, an empty date or text as the default."""
    return tuple(widget_value) if field.kind == "codes" else widget_value or field.default


def _reset() -> None:
    st.session_state[_STATE] = Filters()
    for field in FILTER_FIELDS:
        st.session_state[_widget_key(field)] = _widget_value(Filters(), field)


def _widget(field: FilterField, dataset: Dataset, place) -> None:
    """Draw one filter's widget in ``place`` (the sidebar, or one of its columns)."""
    key, help_text = _widget_key(field), field.help or None
    if field.kind == "date":
        place.date_input(field.label, key=key, value=None, format="YYYY-MM-DD", help=help_text)
    elif field.kind == "codes":
        labels = choices(field, dataset.vocab)
        if field.vocabulary == "partners":
            kinds = dataset.vocab.partners["kind"].to_dict()
            labels = {code: f"{name} (group)" if kinds.get(code) == "group" else name for code, name in labels.items()}
        place.multiselect(field.label, options=list(labels), format_func=labels.get, key=key, help=help_text)
    else:
        place.text_input(field.label, key=key, placeholder="title, summary, people, quotes…", help=help_text)


def current_filters(dataset: Dataset) -> Filters:
    """Draw the filter sidebar and return what the reader has chosen.

    Args:
        dataset: the loaded data (for the choices offered).

    Returns:
        The filters, which every page passes to ``query.filters.apply_filters``.
    """
    if _STATE not in st.session_state:
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        st.session_state[_INITIAL_QUERY] = query
        st.session_state[_STATE], st.session_state[_NOTICES] = from_query(query, allowed_codes(dataset.vocab))
    chosen: Filters = st.session_state[_STATE]
    for field in FILTER_FIELDS:
        if _widget_key(field) not in st.session_state:
            st.session_state[_widget_key(field)] = _widget_value(chosen, field)

    with st.sidebar:
        st.header("Filters")
        for notice in st.session_state.get(_NOTICES, []):
            st.warning(notice)
        dates = [field for field in FILTER_FIELDS if field.kind == "date"]
        for field, column in zip(dates, st.columns(len(dates)) if dates else []):  # the date bounds side by side
            _widget(field, dataset, column)
        for field in FILTER_FIELDS:
            if field.kind != "date":
                _widget(field, dataset, st)
        st.button("Reset filters", on_click=_reset, width="stretch")

    chosen = Filters(**{field.name: _filter_value(field, st.session_state[_widget_key(field)]) for field in FILTER_FIELDS})
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
