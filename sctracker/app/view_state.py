"""The view in the link: the filters and every page's own choices live in the address bar, on every page.

Streamlit keeps a widget's state only while its page draws it, and clears the query parameters when a
reader moves to another page. So:

- the link a session opens with is read once (``initial_query``), and seeds the filters and the page
  choices the first time each is drawn;
- the filter widgets are re-assigned at the start of every run (``keep_across_pages``), which makes their
  values the session's rather than one page's, and page choices are drawn with ``persist_state="session"``;
- at the end of every run ``write_link`` puts the filters, presentation mode and the choices of the page
  on screen back into the address bar, so that the address always holds the whole view.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from urllib.parse import urlencode, urljoin

import streamlit as st

from sctracker.query.filters import FILTER_FIELDS, Filters
from sctracker.query.link import to_query

_INITIAL = "sctracker.initial_query"
_CHOICES = "sctracker.page_choices"  # this run's page choices: link key -> (widget key, default)
_NOTICES = "sctracker.link_notices"
PRESENT_KEY = "present"


def initial_query() -> dict[str, list[str]]:
    """The query parameters this session was opened with (each parameter's values), read once."""
    if _INITIAL not in st.session_state:
        st.session_state[_INITIAL] = {key: st.query_params.get_all(key) for key in st.query_params}
    return st.session_state[_INITIAL]


def link_value(key: str) -> str | None:
    """The last value of ``key`` in the link this session was opened with."""
    values = initial_query().get(key) or []
    return values[-1] if values else None


def keep_across_pages(keys: Iterable[str]) -> None:
    """Make these widgets' values the session's: re-assigning a key before its widget is drawn keeps its
    value when the reader moves to a page that draws the widget anew."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def start_run() -> None:
    """Forget the last run's page choices: each run registers the choices of the page it draws."""
    st.session_state[_CHOICES] = {}


def page_choice(key: str, default: object, allowed: Collection | None = None, parse: Callable[[str], object] = str) -> str:
    """Register a page's own choice (a widget with ``key``) for the link, and seed it the first time.

    The first time a session draws it, the widget takes the link's value (``?key=value``) when it is valid,
    else ``default``. Draw the widget with ``key=key`` and ``persist_state="session"``, and no default of its own.

    Args:
        key: the widget's key, also its parameter in the link.
        default: the value that means 'as the page first opens' (left out of the link).
        allowed: the valid values (None: any); an invalid value in a link is ignored with a notice.
        parse: turns the link's text into the widget's value.

    Returns:
        ``key``, to pass to the widget.
    """
    if key not in st.session_state:
        given = link_value(key)
        value = default
        if given is not None:
            try:
                parsed = parse(given)
            except ValueError:
                parsed = None
            if parsed is not None and (allowed is None or parsed in allowed):
                value = parsed
            else:
                st.session_state.setdefault(_NOTICES, []).append(f"Ignored {key}={given!r}: not one of this page's choices.")
        st.session_state[key] = value
    elif allowed is not None and st.session_state[key] not in allowed:  # e.g. a record the filters no longer show
        st.session_state[key] = default
    st.session_state.setdefault(_CHOICES, {})[key] = (key, default)
    return key


def page_choice_keys() -> list[str]:
    """The page choices this run drew."""
    return list(st.session_state.get(_CHOICES, {}))


def reset_page_choices(keys: Iterable[str]) -> None:
    """Forget page choices (as 'Reset filters' does): each page opens as it first did."""
    for key in keys:
        st.session_state.pop(key, None)
    st.session_state.pop(_PAGE_QUERIES, None)


def link_notices() -> list[str]:
    """Notices about values in the link that were ignored, once each."""
    return st.session_state.pop(_NOTICES, [])


def current_query(filters: Filters, present: bool) -> dict[str, list[str]]:
    """The whole view as query parameters: the filters, presentation mode, the page's own choices."""
    query = to_query(filters) | ({PRESENT_KEY: ["1"]} if present else {})
    for link_key, (widget_key, default) in st.session_state.get(_CHOICES, {}).items():
        value = st.session_state.get(widget_key)
        if value is not None and value != default:
            query[link_key] = [str(value).lower() if isinstance(value, bool) else str(value)]
    return query


_PAGE_QUERIES = "sctracker.page_queries"  # each page's own choices as the link last held them


def remember_page_query(url_path: str, query: dict[str, list[str]]) -> None:
    """Keep the page choices of the page just drawn, for the links to it."""
    filters_and_mode = {field.key for field in FILTER_FIELDS} | {PRESENT_KEY}
    st.session_state.setdefault(_PAGE_QUERIES, {})[url_path] = {key: values for key, values in query.items() if key not in filters_and_mode}


def page_query(url_path: str, filters: Filters, present: bool) -> dict[str, list[str]]:
    """The query a link to a page carries: the filters, presentation mode, and the page's own last choices."""
    own = st.session_state.get(_PAGE_QUERIES, {}).get(url_path, {})
    return to_query(filters) | ({PRESENT_KEY: ["1"]} if present else {}) | own


def write_link(filters: Filters, present: bool) -> dict[str, list[str]]:
    """Put the whole view into the address bar; return it."""
    query = current_query(filters, present)
    st.query_params.from_dict(query)
    return query


def view_link(url_path: str, filters: Filters, **extra: str) -> str:
    """A relative link to a page (``""`` for the Overview) carrying the current filters and ``extra`` parameters."""
    query = to_query(filters) | {key: [value] for key, value in extra.items()}
    return f"./{url_path}?{urlencode(query, doseq=True)}"


def parse_bool(text: str) -> bool:
    """A yes/no choice as a link writes it (``true``/``false``, ``1``/``0``)."""
    lowered = text.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise ValueError(text)


def dashboard_root() -> str:
    """The dashboard's address without page or query (``http://host:8501/``); ``./`` when unknown (AppTest)."""
    url = (st.context.url or "").split("?", 1)[0]
    return urljoin(url, "./") if url else "./"


def record_permalink(record_id: str) -> str:
    """A record's permanent link: the dashboard opened on it, with no filters (``<root>?record=<id>``)."""
    return f"{dashboard_root()}?{urlencode({'record': record_id})}"
