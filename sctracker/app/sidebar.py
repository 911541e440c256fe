"""The sidebar every page shares, made from the filter spec: the filters, reset, presentation mode, the link.

Each widget is made from its ``FilterField`` (``query.filters.FILTER_FIELDS``): a date input for a date,
a multiselect of the vocabulary's choices for codes, a text box for text. The filters are read from the
link the session opened with, once (bad values are set aside with a notice), and kept across pages
(``view_state``).
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

import streamlit as st

from sctracker.app import view_state
from sctracker.app.theme import PRESENTATION_CSS
from sctracker.query.filters import FILTER_FIELDS, FilterField, Filters, choices
from sctracker.query.link import allowed_codes, from_query
from sctracker.records.load import Dataset

_SEEDED = "sctracker.filters_seeded"
_PRESENT = "sctracker.present"
#: Every page choice a session has drawn, so that 'Reset filters' can put each page back as it opened.
_PAGE_CHOICE_KEYS = "sctracker.page_choice_keys"


def _widget_key(field: FilterField) -> str:
    return f"filter_{field.name}"


WIDGET_KEYS = [_widget_key(field) for field in FILTER_FIELDS]


def _widget_value(filters: Filters, field: FilterField):
    value = getattr(filters, field.name)
    return list(value) if isinstance(value, tuple) else value


def _filter_value(field: FilterField, widget_value):
    """A widget's value as the filter holds it: codes as a tuple, an empty date or text as the default."""
    return tuple(widget_value) if field.kind == "codes" else widget_value or field.default


def _set_filters(filters: Filters) -> None:
    for field in FILTER_FIELDS:
        st.session_state[_widget_key(field)] = _widget_value(filters, field)


def _reset() -> None:
    _set_filters(Filters())
    view_state.reset_page_choices(st.session_state.get(_PAGE_CHOICE_KEYS, set()))


def remember_page_choices(keys: list[str]) -> None:
    """Note the page choices drawn, for 'Reset filters'."""
    st.session_state.setdefault(_PAGE_CHOICE_KEYS, set()).update(keys)


def _widget(field: FilterField, dataset: Dataset, place) -> None:
    """Draw one filter's widget in ``place`` (the sidebar, or one of its columns)."""
    key, help_text = _widget_key(field), field.help or None
    if field.kind == "date":
        place.date_input(field.label, key=key, format="YYYY-MM-DD", help=help_text)
    elif field.kind == "codes":
        labels = choices(field, dataset.vocab)  # plain names: "European Union (group)" was cut in a 300-pixel sidebar
        place.multiselect(field.label, options=list(labels), format_func=labels.get, key=key, help=help_text)
    elif field.kind == "choice":
        labels = choices(field, dataset.vocab)
        place.radio(field.label, options=list(labels), format_func=labels.get, key=key, help=help_text)
    else:
        place.text_input(field.label, key=key, placeholder="title, summary, people, quotes…", help=help_text)


def current_filters(dataset: Dataset) -> Filters:
    """Draw the filter sidebar and return what the reader has chosen.

    Args:
        dataset: the loaded data (for the choices offered).

    Returns:
        The filters, which every page passes to ``query.filters.apply_filters``.
    """
    notices: list[str] = []
    if _SEEDED not in st.session_state:  # the session's first run: the link's filters, bad values set aside
        filters, notices = from_query(view_state.initial_query(), allowed_codes(dataset.vocab))
        _set_filters(filters)
        st.session_state[_SEEDED] = True
    view_state.keep_across_pages(WIDGET_KEYS)

    with st.sidebar:
        st.header("Filters")
        for notice in notices + view_state.link_notices():
            st.warning(notice)
        for field in FILTER_FIELDS:  # one a row: side by side, a typed date was cut at 1,000 pixels
            _widget(field, dataset, st)
        st.button("Reset filters", on_click=_reset, width="stretch", help="Back to all records, and every page as it first opens.")

    chosen = Filters(**{field.name: _filter_value(field, st.session_state[_widget_key(field)]) for field in FILTER_FIELDS})
    if chosen.date_from and chosen.date_to and chosen.date_from > chosen.date_to:
        st.sidebar.warning("'From' is after 'To': the date range is ignored.")
        chosen = dataclasses.replace(chosen, date_from=None, date_to=None)
    return chosen


def presentation_mode() -> bool:
    """The presentation-mode switch: hides the sidebar, page chrome and page controls for a clean screenshot.

    It is on when the link says ``present=1`` (a briefing pack opens pages so) or the reader turns it on;
    a button at the bottom of the page turns it off again.
    """
    if _PRESENT not in st.session_state:
        st.session_state[_PRESENT] = view_state.link_value(view_state.PRESENT_KEY) == "1"
    view_state.keep_across_pages([_PRESENT])
    st.sidebar.toggle("Presentation mode", key=_PRESENT, help="Hide the sidebar, page chrome and page controls for screenshots.")
    if st.session_state[_PRESENT]:
        st.html(PRESENTATION_CSS)  # constant CSS of ours, never data
    return st.session_state[_PRESENT]


def exit_presentation_button() -> None:
    """The way back from presentation mode, placed at the bottom of the page so screenshots stay clean."""
    if st.session_state.get(_PRESENT):
        st.button("Exit presentation mode", key="exit-presentation", on_click=lambda: st.session_state.update({_PRESENT: False}))


def copy_link(query: dict[str, list[str]]) -> None:
    """Offer the view's address to copy."""
    base = (st.context.url or "").split("?", 1)[0]
    link = f"{base}?{urlencode(query, doseq=True)}" if query else base
    with st.sidebar.expander("Copy link to this view"):
        st.code(link or "(open the dashboard in a browser to get its address)", language=None, wrap_lines=True)
        st.caption("Opening this link shows this page with the same filters and choices.")
