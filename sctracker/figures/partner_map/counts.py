"""The partner map's numbers: one row a partner the filtered events name, with its count, sectors and latest
event; the members of groups with events; and the words that say what the map is restricted to.

How groups count: an event with the European Union, Central Asia or Latin America counts for the group,
not for its members. A state or province (``AU-WA``) counts for its country (``partner_countries``).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from sctracker.figures.crowding import folded_partners
from sctracker.query.filters import Filters
from sctracker.query.lists import flatten_lists, lists_holding
from sctracker.records.vocabularies import Vocabularies

#: The headline-sector switch's choice that keeps every event.
ALL_SECTORS = "all"
#: The partner choice that lists every partner's events.
ALL_PARTNERS = "all"
PARTNER_COLUMNS = ["code", "name", "kind", "events", "sectors", "latest_title", "latest_date"]


def sector_switch_options(vocab: Vocabularies) -> list[str]:
    """The headline-sector switch's choices: ``ALL_SECTORS``, then the headline sectors in vocabulary order."""
    headline = vocab.sectors.index[vocab.sectors["headline"].astype(bool)]
    return [ALL_SECTORS, *headline]


def restrict_to_sector(events: pd.DataFrame, sector: str) -> pd.DataFrame:
    """The events that have ``sector`` among their sectors (all of them for ``ALL_SECTORS``), index reset."""
    if sector == ALL_SECTORS:
        return events.reset_index(drop=True)
    return events[lists_holding(events["sectors"], sector)].reset_index(drop=True)


def partner_table(events: pd.DataFrame, vocab: Vocabularies) -> pd.DataFrame:
    """One row a partner that the events name: how many events, which sectors, the latest event.

    A group's row counts events with the group itself; its members get no count from it.

    Args:
        events: an events table (``loading.load``, usually filtered).
        vocab: the vocabularies, for partner names and kinds and sector order.

    Returns:
        Columns ``code``, ``name``, ``kind`` (country|group), ``events`` (count), ``sectors`` (labels of
        every sector of those events, in vocabulary order), ``latest_title`` and ``latest_date`` (the
        date as precisely as known) of the latest event; most events first, then by name.
    """
    # Whole columns at once, not row by row: a table of 50,000 events must take milliseconds. One item a
    # (partner, event) pair; each partner's latest event is the one latest in (date, end, id) order.
    event_of_pair, partner_of_pair = flatten_lists(events["partner_countries"].tolist())
    if not len(partner_of_pair):
        return pd.DataFrame(columns=PARTNER_COLUMNS)
    partner_index, codes = pd.factorize(np.asarray(partner_of_pair, dtype=object))
    ordered = np.lexsort((events["id"].to_numpy(), events["period_end"].to_numpy(), events["date"].to_numpy()))
    recency = np.empty(len(events), dtype=np.intp)
    recency[ordered] = np.arange(len(events))
    latest_recency = np.full(len(codes), -1, dtype=np.intp)
    np.maximum.at(latest_recency, partner_index, recency[event_of_pair])
    latest = ordered[latest_recency]
    table = pd.DataFrame(
        {
            "code": codes,
            "name": [vocab.partner_name(code) for code in codes],
            "kind": [vocab.partner_kind(code) for code in codes],
            "events": np.bincount(partner_index, minlength=len(codes)),
            "sectors": _sector_labels(events, event_of_pair, partner_index, len(codes), vocab),
            "latest_title": events["title"].iloc[latest].to_numpy(),
            "latest_date": events["date_label"].iloc[latest].to_numpy(),
        },
        columns=PARTNER_COLUMNS,
    )
    return table.sort_values(["events", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _sector_labels(
    events: pd.DataFrame, event_of_pair: np.ndarray, partner_index: np.ndarray, partners: int, vocab: Vocabularies
) -> list[list[str]]:
    """For each partner, the labels of its events' sectors in vocabulary order (ids not in it after, by id).

    Args:
        events: the events table.
        event_of_pair, partner_index: one item a (partner, event) pair: the event's row position and the
            partner's number (0 to ``partners`` - 1, each used).
        partners: how many partners.
        vocab: the vocabularies.
    """
    event_of_sector, sectors = flatten_lists(events["sectors"].tolist())
    sector_index, found = pd.factorize(np.asarray(sectors, dtype=object))
    if not len(found):
        return [[] for _ in range(partners)]
    event_has = np.zeros((len(events), len(found)), dtype=bool)
    event_has[event_of_sector, sector_index] = True
    partner_has = pd.DataFrame(event_has[event_of_pair]).groupby(partner_index).any().to_numpy()
    rank = {sector: position for position, sector in enumerate(vocab.sectors.index)}
    columns = sorted(range(len(found)), key=lambda column: (rank.get(found[column], len(rank)), found[column]))
    labels = [vocab.sector_label(found[column]) for column in columns]
    return [[label for label, has in zip(labels, row, strict=True) if has] for row in partner_has[:, columns]]


def unlinked_partners(table: pd.DataFrame) -> frozenset[str]:
    """The partners of a ``partner_table`` the map draws no line from Seoul to: on a crowded map, those the other
    charts fold into their last row (``crowding.folded_partners``), so that the lines to the partners with most
    events stay readable. At 10,000 synthetic records, lines to 583 partners were one orange tangle, and the
    slowest layer of the map's every redraw in Chromium without a GPU (0.45 s of 2.3 s)."""
    return folded_partners(dict(zip(table["code"], table["events"])))


def partner_events(events: pd.DataFrame, code: str) -> pd.DataFrame:
    """The events held with one partner (with the group itself, for a group code; with a country's states
    or provinces too, for a country), index reset."""
    return events[lists_holding(events["partner_countries"], code)].reset_index(drop=True)


@dataclasses.dataclass(frozen=True)
class Membership:
    """A country drawn as a member of a group that has events."""

    code: str  # the member's ISO code
    name: str
    group: str  # the group's code
    group_name: str
    group_events: int


def memberships(table: pd.DataFrame, vocab: Vocabularies) -> list[Membership]:
    """The member countries of every group in ``table``, each once (with its group of most events).

    Args:
        table: from ``partner_table``.
        vocab: the vocabularies, for the groups' members.
    """
    chosen: dict[str, Membership] = {}
    for row in table[table["kind"] == "group"].itertuples():  # most events first, so the first group wins
        for member in vocab.partners.at[row.code, "members"]:
            if member not in chosen:
                chosen[member] = Membership(member, vocab.partner_name(member), row.code, row.name, int(row.events))
    return list(chosen.values())


def partner_table_view(table: pd.DataFrame) -> pd.DataFrame:
    """The per-partner table as people read it, beside the map: the numbers the colours stand for."""
    return pd.DataFrame(
        {
            "Partner": table["name"],
            "Kind": table["kind"].map({"country": "Country", "group": "Group"}),
            "Events": table["events"].astype(int),
            "Sectors": table["sectors"].map(", ".join),
            "Latest event": table["latest_title"],
            "Latest date": table["latest_date"],
        }
    )


def map_subtitle(filter_words: str, sector: str, vocab: Vocabularies) -> str:
    """The filters in words with the headline-sector switch: ``Batteries events only · 2025``."""
    if sector == ALL_SECTORS:
        return filter_words
    only = f"{vocab.sector_label(sector)} events only"
    return only if filter_words == "All records" else f"{only} · {filter_words}"


def table_filters(filters: Filters, sector: str, partner: str | None) -> Filters:
    """The filters that describe the page's table (for its CSV file name): the sidebar's, narrowed to the
    switch's sector and to the partner clicked on the map."""
    narrowed = filters
    if sector != ALL_SECTORS:
        narrowed = dataclasses.replace(narrowed, sectors=(sector,))
    if partner:
        narrowed = dataclasses.replace(narrowed, partners=(partner,))
    return narrowed
