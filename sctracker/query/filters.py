"""The filters: what a reader can choose, defined once, and the one function every page and the CLI filter with.

Each filter is one attribute of ``Filters``, with its spec (``FilterField``) beside it: its key in a link
and on the command line, its label and help in the sidebar, the events-table column it tests and how.
The sidebar's widgets, the link's parameters, the CLI's options, the words under a chart and the file
names are all derived from ``FILTER_FIELDS``, so a new filter is one attribute here (and, for a new
kind of widget, its widget in the sidebar).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from sctracker.records.model import STATUS_LABELS
from sctracker.records.vocabularies import Vocabularies

#: What a filter holds: one day, several codes of a vocabulary, a text, or one of a few fixed choices.
KINDS = ("date", "codes", "text", "choice")
#: How the date range treats an event known only to the month or year (or a span) that reaches over an edge.
DATE_MATCHES = {"may": "May fall in the range", "known": "Known to fall in the range"}


@dataclasses.dataclass(frozen=True)
class FilterField:
    """One filter's spec: everything that is said or derived about it.

    Args:
        name: the attribute of ``Filters``.
        default: the value that means 'no restriction'.
        key: its parameter in a link (``?sector=batteries``) and in file names.
        option: its command-line option (``--sector``); the key when empty.
        label: its label in the sidebar.
        kind: ``date`` (one day), ``codes`` (several codes from a vocabulary), ``text`` or ``choice`` (one of
            the vocabulary's fixed choices).
        column: the events-table column it tests.
        test: how: ``ends_on_or_after``, ``starts_on_or_before`` (the date range's bounds), ``on_or_after`` (a day on
            or after; never an empty one), ``any_in_list``, ``any_of`` or ``contains``; ""
            for a choice that changes how other filters test (``date_match``).
        known_column: for a date bound, the column it tests when the reader asks for events known to fall in the
            range (``date_match``), rather than events that may.
        vocabulary: for codes, which list the choices come from (``choices``).
        noun: for codes, what one code is, for 'N partners' in words and for the CLI's help.
        max_named: for codes, name at most this many in a chart's subtitle (else 'N nouns'); 0: no limit.
        help: the sidebar's help text.
    """

    name: str
    default: object
    key: str
    label: str
    kind: str
    column: str
    test: str
    option: str = ""
    known_column: str = ""
    vocabulary: str = ""
    noun: str = ""
    max_named: int = 0
    help: str = ""

    @property
    def cli_option(self) -> str:
        return f"--{self.option or self.key}"


def _spec(default: object, **spec: object) -> dataclasses.Field:
    return dataclasses.field(default=default, metadata={"filter": spec})


@dataclasses.dataclass(frozen=True)
class Filters:
    """What a reader has chosen. Empty tuples, None and "" mean 'no restriction'."""

    date_from: dt.date | None = _spec(
        None, key="from", label="From", kind="date", column="span_end", known_column="span_start", test="ends_on_or_after",
        help="Events on or after this day. An event known only to the month or year counts when its month or year reaches it, "
        "an agreement when one of its milestones does, unless you choose 'Known to fall in the range' below.",
    )  # fmt: skip
    date_to: dt.date | None = _spec(
        None, key="to", label="To", kind="date", column="span_start", known_column="span_end", test="starts_on_or_before",
        help="Events on or before this day (something reported only as done by a date may have happened any time before it).",
    )  # fmt: skip
    date_match: str = _spec(
        "may", key="dates", label="Events known only to the month or year", kind="choice", column="", test="", vocabulary="date_matches",
        help="With a date range: keep an event whose month or year reaches into the range (it may fall in it), or only events known to fall in it.",
    )  # fmt: skip
    partners: tuple[str, ...] = _spec(
        (), key="partner", label="Partners", kind="codes", column="partner_countries", test="any_in_list", vocabulary="partners",
        noun="partner", max_named=3,
        help="Groups (the European Union, Central Asia, Latin America and the Caribbean…) come first; a group finds events held "
        "with the group as a whole, not with its members; a country also finds events with one of its states or provinces.",
    )  # fmt: skip
    sectors: tuple[str, ...] = _spec(
        (), key="sector", label="Sectors", kind="codes", column="sectors", test="any_in_list", vocabulary="sectors", noun="sector",
    )  # fmt: skip
    event_types: tuple[str, ...] = _spec(
        (), key="type", label="Event types", kind="codes", column="event_type", test="any_of", vocabulary="event_types", noun="event type",
    )  # fmt: skip
    statuses: tuple[str, ...] = _spec(
        (), key="status", label="Status", kind="codes", column="status", test="any_of", vocabulary="statuses", noun="status",
    )  # fmt: skip
    added_since: dt.date | None = _spec(
        None, key="added", label="Added since", kind="date", column="added", test="on_or_after",
        help="Records added to the data on or after this day, as the repository's history dates them (empty where there is none).",
    )  # fmt: skip
    text: str = _spec(
        "", key="q", option="search", label="Search", kind="text", column="search_text", test="contains",
        help="Titles, summaries, names, places, people and quotes; not case-sensitive.",
    )  # fmt: skip

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def chosen(self) -> list[tuple[FilterField, object]]:
        """The filters that restrict, each with its value, in spec order."""
        return [(field, getattr(self, field.name)) for field in FILTER_FIELDS if _restricts(field, getattr(self, field.name))]


#: Every filter's spec, in the order the sidebar, links, file names and words list them.
FILTER_FIELDS: tuple[FilterField, ...] = tuple(
    FilterField(name=field.name, default=field.default, **field.metadata["filter"]) for field in dataclasses.fields(Filters)
)
FIELDS_BY_NAME = {field.name: field for field in FILTER_FIELDS}


def _restricts(field: FilterField, value: object) -> bool:
    if field.kind == "choice":
        return value != field.default
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def choices(field: FilterField, vocab: Vocabularies | None = None) -> dict[str, str]:
    """A codes or choice filter's choices (code -> label), in the order the sidebar offers them (the fixed
    choices and statuses need no ``vocab``).

    Partners: groups first, then by region and name; sectors and event types in vocabulary order; statuses
    in their lifecycle order.
    """
    if field.vocabulary == "partners":
        # plain dicts and a plain sort: a pandas lookup per option cost more than the rest of the sidebar
        partners = vocab.partners
        order = sorted(
            zip(partners.index, partners["kind"], partners["region"], partners["name"]),
            key=lambda entry: (entry[1] != "group", entry[2], entry[3]),
        )
        return {code: name for code, kind, _, name in order if kind != "subdivision"}  # a state is found by its country
    if field.vocabulary == "sectors":
        return vocab.sectors["label"].to_dict()
    if field.vocabulary == "event_types":
        return vocab.event_types["label"].to_dict()
    if field.vocabulary == "statuses":
        return dict(STATUS_LABELS)
    if field.vocabulary == "date_matches":
        return dict(DATE_MATCHES)
    raise ValueError(f"filter {field.name!r} names no known vocabulary ({field.vocabulary!r})")


def _lists_meet(lists: pd.Series, wanted: set[str]) -> np.ndarray:
    # a plain loop over the lists: several times faster than Series.map at 50,000 rows
    return np.fromiter((not wanted.isdisjoint(values) for values in lists.to_numpy()), bool, len(lists))


_TESTS = {
    "ends_on_or_after": lambda column, value: column >= pd.Timestamp(value),
    "starts_on_or_before": lambda column, value: column.isna() | (column <= pd.Timestamp(value)),  # empty: the open past
    "on_or_after": lambda column, value: column >= pd.Timestamp(value),  # empty (NaT): never
    "any_in_list": lambda column, value: _lists_meet(column, set(value)),
    "any_of": lambda column, value: column.isin(value),
    "contains": lambda column, value: column.str.contains(value.strip().lower(), regex=False),
}


def apply_filters(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events that match every chosen filter.

    An event matches a date range when the stretch it may fall in overlaps it: a day, a span, a whole
    month or year for a less precise date, everything up to the day for an 'on or before' date, and for an
    agreement or measure from its first milestone to its last; with ``date_match="known"``, when that
    stretch lies inside it (an 'on or before' date never does). It matches partners, sectors, types and
    statuses when it has any of the chosen ones: choosing a group (EUU) finds events with the group, not
    with its members; choosing a country finds events with one of its subdivisions (AU-WA counts for
    AUS). The text search is case-insensitive over titles, summaries, names, places, people and quotes.

    Args:
        events: the events table from ``records.load``.
        filters: the reader's choice.

    Returns:
        The matching rows, in the table's order, with the index reset.
    """
    keep = np.ones(len(events), dtype=bool)
    known = filters.date_match == "known"
    for field, value in filters.chosen():
        if field.test:
            column = field.known_column if known and field.known_column else field.column
            keep &= np.asarray(_TESTS[field.test](events[column], value), dtype=bool)
    return events[keep].reset_index(drop=True)


def may_fall_outside(events: pd.DataFrame, filters: Filters) -> int:
    """How many of the filtered ``events`` reach over an edge of the date range: known only to the month or
    year, spanning days, known only as done by a day, or with milestones outside it, and so only possibly in
    it. None do when the reader asked for 'known to fall'."""
    if filters.date_match == "known" or not (filters.date_from or filters.date_to):
        return 0
    outside = np.zeros(len(events), dtype=bool)
    if filters.date_from:
        outside |= (events["span_start"].isna() | (events["span_start"] < pd.Timestamp(filters.date_from))).to_numpy()
    if filters.date_to:
        outside |= (events["span_end"] > pd.Timestamp(filters.date_to)).to_numpy()
    return int(outside.sum())
