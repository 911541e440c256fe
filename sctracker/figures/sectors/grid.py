"""Sector matrices: who Korea works with on which sectors, and which sectors rise over time, as count grids.

One function counts (``partner_sector_counts``: events in, a tidy partner × sector table out); the
grids the page draws (``figure``), the matrix CSV and the command line are all built from it, so the
figure, the download and the CLI cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from sctracker.export import to_csv_bytes
from sctracker.query.lists import flatten_lists, group_events
from sctracker.records.vocabularies import Vocabularies

ORDERS = ("engagement", "region")
PERIODS = ("year", "quarter")

#: How many of a cell's event titles its hover names.
HOVER_TITLES = 5


@dataclasses.dataclass(frozen=True)
class Grid:
    """A count grid as shown: its non-empty cells, and its rows and columns in display order.

    ``cells`` has one row per non-empty cell: ``row`` and ``column`` (keys), ``count``, ``event_ids``
    (in the events' order) and ``titles`` (of the first five of those events, all that the hover shows).
    """

    cells: pd.DataFrame
    rows: dict[str, str]  # row key -> label, top row first
    columns: dict[str, str]  # column key -> label, left column first
    row_title: str
    column_title: str
    row_groups: dict[str, str] = dataclasses.field(default_factory=dict)  # row key -> region, when grouped
    divider_after_row: int = 0  # a rule below this many leading rows (the headline sectors, before others); 0: none
    divider_after_column: int = 0  # the same for columns
    quiet_columns: frozenset[str] = frozenset()  # merged stretches of periods without events

    @property
    def event_ids(self) -> set[str]:
        """Every event counted in some cell."""
        return {event_id for ids in self.cells["event_ids"] for event_id in ids}


def shown_sectors(vocab: Vocabularies, chosen: Iterable[str] = (), headline_only: bool = False) -> list[str]:
    """The sector columns to show, in vocabulary order (the four headline sectors first).

    Args:
        vocab: the vocabularies.
        chosen: the sectors the reader filtered on; none means every sector.
        headline_only: keep only the headline sectors.

    Returns:
        Sector ids in display order.
    """
    chosen = set(chosen)
    sectors = vocab.sectors
    return [s for s in sectors.index if (not chosen or s in chosen) and (not headline_only or bool(sectors.at[s, "headline"]))]


def _headline_divider(vocab: Vocabularies, sectors: Sequence[str]) -> int:
    """How many of the first ``sectors`` are headline sectors, when others follow them; else 0 (no rule)."""
    count = 0
    while count < len(sectors) and bool(vocab.sectors.at[sectors[count], "headline"]):
        count += 1
    return count if count < len(sectors) else 0


def _credited_pairs(events: pd.DataFrame, vocab: Vocabularies, credit_members: bool) -> tuple[pd.DataFrame, dict[str, str]]:
    """Each (partner, sector) each event counts in, once, in the events' order.

    Made from flattened list columns rather than by a loop over events and partners, so that
    50,000 events take milliseconds.

    Returns:
        (pairs, regions): ``pairs`` has ``event`` (the event's position in ``events``), ``partner`` and
        ``sector``; ``regions`` gives each credited partner's region (a member missing from the
        vocabulary takes the region of the first group it is met in).
    """
    partners = vocab.partners
    known_regions = partners["region"].to_dict()
    groups = partners.index[partners["kind"] == "group"] if credit_members else partners.index[:0]
    named_event, named = flatten_lists(events["partner_countries"].tolist())  # a state or province counts for its country
    # one list per partner code, shared: a new list per event would leave the garbage collector much to scan
    credited_codes = {code: list(partners.at[code, "members"]) if code in groups else [code] for code in set(named)}
    credited_of_named, credited = flatten_lists([credited_codes[code] for code in named])
    named = np.asarray(named, dtype=object)[credited_of_named]
    table = pd.DataFrame({"event": named_event[credited_of_named], "partner": credited, "named": named})
    firsts = table.drop_duplicates("partner")
    regions = {member: known_regions.get(member, known_regions.get(code)) for member, code in zip(firsts["partner"], firsts["named"])}
    sector_event, sector = flatten_lists(events["sectors"].tolist())
    sectors = pd.DataFrame({"event": sector_event, "sector": sector}).drop_duplicates()
    pairs = table[["event", "partner"]].drop_duplicates().merge(sectors, on="event").sort_values("event", kind="stable")
    return pairs.reset_index(drop=True), regions


def _by_partner_then_sector(cells: pd.DataFrame, vocab: Vocabularies) -> pd.DataFrame:
    sector_rank = {sector: rank for rank, sector in enumerate(vocab.sectors.index)}
    return cells.sort_values(["partner", "sector"], key=lambda column: column.map(sector_rank) if column.name == "sector" else column)


def partner_sector_counts(events: pd.DataFrame, vocab: Vocabularies, credit_members: bool = False) -> pd.DataFrame:
    """Count the events of each partner in each sector.

    Args:
        events: an events table (``loading.load``, usually filtered).
        vocab: the vocabularies (names, regions, group members).
        credit_members: count a group's event once for each member country instead of for the group
            (an event naming both a group and one of its members counts once for that member).

    Returns:
        One row per (partner, sector) with at least one event: ``partner``, ``partner_name``, ``region``,
        ``sector``, ``sector_label``, ``count`` and ``event_ids`` (in the events' order); sorted by
        partner code, then sector in vocabulary order.
    """
    pairs, regions = _credited_pairs(events, vocab, credit_members)
    counts = _by_partner_then_sector(group_events(pairs, ["partner", "sector"], events), vocab)
    counts.insert(1, "partner_name", counts["partner"].map(vocab.partner_name))
    counts.insert(2, "region", counts["partner"].map(regions))
    counts.insert(4, "sector_label", counts["sector"].map(vocab.sector_label))
    return counts.reset_index(drop=True)


def partner_grid(
    events: pd.DataFrame,
    vocab: Vocabularies,
    sectors: Sequence[str],
    credit_members: bool = False,
    order: str = "engagement",
) -> Grid:
    """Partners (rows) by sectors (columns), as the page shows them.

    Args:
        events: the events to count.
        vocab: the vocabularies.
        sectors: the sector columns, in display order (``shown_sectors``).
        credit_members: credit a group's events to its member countries (``partner_sector_counts``).
        order: ``engagement``: rows by the number of events in these sectors, most first (then by the
            sum of the row, then by name); ``region``: by region A–Z, groups before countries, then
            as for engagement.

    Returns:
        The grid; only partners with at least one event in ``sectors`` have a row, every sector has a column.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    pairs, regions = _credited_pairs(events, vocab, credit_members)
    pairs = pairs[pairs["sector"].isin(sectors)]
    cells = _by_partner_then_sector(group_events(pairs, ["partner", "sector"], events, titles=HOVER_TITLES), vocab)
    by_partner = pairs.groupby("partner")
    rows = pd.DataFrame({"events": by_partner["event"].nunique(), "total": by_partner.size()}).rename_axis("partner").reset_index()
    rows["name"] = [vocab.partner_name(code) for code in rows["partner"]]
    rows["region"] = rows["partner"].map(regions)
    kinds = vocab.partners["kind"]
    rows["is_country"] = rows["partner"].map(lambda code: kinds.get(code, "country") == "country")
    keys = ["events", "total", "name"]
    if order == "region":
        keys = ["region", "is_country", *keys]
    rows = rows.sort_values(keys, ascending=[key in ("region", "is_country", "name") for key in keys], kind="stable")
    cells = cells.rename(columns={"partner": "row", "sector": "column"})[["row", "column", "count", "event_ids", "titles"]].reset_index(
        drop=True
    )
    return Grid(
        cells=cells,
        rows=dict(zip(rows["partner"], rows["name"])),
        columns={sector: vocab.sector_label(sector) for sector in sectors},
        row_title="Partner",
        column_title="Sector",
        row_groups=dict(zip(rows["partner"], rows["region"])) if order == "region" else {},
        divider_after_column=_headline_divider(vocab, sectors),
    )


def _period_label(period: pd.Period) -> str:
    return f"{period.year}" if period.freqstr.startswith("Y") else f"{period.year} Q{period.quarter}"


def _period_columns(periods: list[pd.Period]) -> tuple[dict[str, str], dict[str, str]]:
    """Every period from the first to the last, with each run of two or more empty periods merged into
    one empty column, so that time reads in order without a page of blank columns.

    Returns:
        The columns (key -> label) and the column key of each period that has events.
    """
    if not periods:
        return {}, {}
    used = set(periods)
    columns: dict[str, str] = {}
    column_of: dict[str, str] = {}
    span = pd.period_range(min(periods), max(periods))
    empty_run: list[pd.Period] = []

    def close_run() -> None:
        if len(empty_run) == 1:
            columns[str(empty_run[0])] = _period_label(empty_run[0])
        elif empty_run:
            first, last = empty_run[0], empty_run[-1]
            # "2023 Q3–Q4" within a year, "2004 Q2–2017 Q4" across years, "2005–2017" for years
            end = f"Q{last.quarter}" if first.freqstr.startswith("Q") and first.year == last.year else _period_label(last)
            columns[f"{first}/{last}"] = f"{_period_label(first)}–{end}"
        empty_run.clear()

    for period in span:
        if period in used:
            close_run()
            columns[str(period)] = _period_label(period)
            column_of[str(period)] = str(period)
        else:
            empty_run.append(period)
    close_run()
    return columns, column_of


def period_grid(events: pd.DataFrame, vocab: Vocabularies, sectors: Sequence[str], period: str = "year") -> Grid:
    """Sectors (rows) by year or quarter (columns): each event counted in the period of its start date.

    Args:
        events: the events to count.
        vocab: the vocabularies.
        sectors: the sector rows, in display order (``shown_sectors``).
        period: ``year`` or ``quarter``.

    Returns:
        The grid; every sector in ``sectors`` has a row; columns run from the first to the last period
        with an event in these sectors, with runs of two or more empty periods merged into one column.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    frequency = "Y" if period == "year" else "Q"
    event, sector = flatten_lists(events["sectors"].tolist())
    table = pd.DataFrame({"event": event, "row": sector}).drop_duplicates()
    table = table[table["row"].isin(sectors)]
    # each distinct period named once, not once for each event
    period_of_event, periods = pd.factorize(events["date"].dt.to_period(frequency))
    period_codes = period_of_event[table["event"].to_numpy()]
    columns, column_of = _period_columns([periods[code] for code in np.unique(period_codes)])
    table["column"] = np.array([column_of.get(str(period)) for period in periods], dtype=object)[period_codes]
    cells = group_events(table, ["row", "column"], events, titles=HOVER_TITLES)
    return Grid(
        cells=cells,
        rows={sector: vocab.sector_label(sector) for sector in sectors},
        columns=columns,
        row_title="Sector",
        column_title="Year" if period == "year" else "Quarter",
        divider_after_row=_headline_divider(vocab, sectors),
        quiet_columns=frozenset(key for key in columns if "/" in key),
    )


def grid_table(grid: Grid) -> pd.DataFrame:
    """The grid as a wide table: row labels down, column labels across, a count in every cell (0 where the
    figure leaves a cell blank), so that a spreadsheet or pandas reads whole numbers."""
    wide = grid.cells.pivot(index="row", columns="column", values="count") if not grid.cells.empty else pd.DataFrame()
    wide = wide.reindex(index=list(grid.rows), columns=list(grid.columns))
    table = wide.fillna(0).astype(int)
    table.index = pd.Index(list(grid.rows.values()), name=grid.row_title)
    table.columns = list(grid.columns.values())
    return table


def grid_csv(grid: Grid) -> bytes:
    """The grid as the CSV the page offers: ``grid_table`` through the dashboard's one CSV writer."""
    return to_csv_bytes(grid_table(grid), index=True)


def matrix_csv(
    events: pd.DataFrame,
    vocab: Vocabularies,
    sectors: Iterable[str] = (),
    headline_only: bool = False,
    credit_members: bool = False,
    order: str = "engagement",
) -> bytes:
    """The partner × sector matrix of ``events`` as CSV, the same bytes as the Sectors page's download.

    Args:
        events: the events (already filtered, as ``filters.apply_filters`` returns them).
        vocab: the vocabularies.
        sectors: the sector filter (restricts the columns); none means every sector.
        headline_only: only the four headline sectors.
        credit_members: credit a group's events to its member countries.
        order: ``engagement`` or ``region`` (see ``partner_grid``).

    Returns:
        UTF-8 CSV bytes: a ``Partner`` column, then one column per sector, blank where there is no event.
    """
    grid = partner_grid(events, vocab, shown_sectors(vocab, sectors, headline_only), credit_members, order)
    return grid_csv(grid)


def matrix_kind(headline_only: bool = False, credit_members: bool = False, period: str | None = None) -> str:
    """The view as the ``kind`` part of an export file name: ``matrix``, ``matrix-headline-members``, ``matrix-by-year``."""
    parts = ["matrix"]
    if period:
        parts.append(f"by-{period}")
    if headline_only:
        parts.append("headline")
    if credit_members:
        parts.append("members")
    return "-".join(parts)


def selected_cells(grid: Grid, points: Iterable[dict]) -> list[tuple[str, str]]:
    """The grid's non-empty cells among a chart selection's points (their ``customdata`` is (row, column)).

    Points for cells the grid no longer has (a selection left over from other filters) are ignored.
    """
    present = set(zip(grid.cells["row"], grid.cells["column"]))
    cells = []
    for point in points:
        data = point.get("customdata") or []
        cell = tuple(data[:2])
        if len(cell) == 2 and cell in present and cell not in cells:
            cells.append(cell)
    return cells


def events_in_cells(events: pd.DataFrame, grid: Grid, cells: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """The events counted in the given cells, each once, in the events table's order."""
    wanted = set(cells)
    ids = {
        event_id
        for row, column, event_ids in grid.cells[["row", "column", "event_ids"]].itertuples(index=False)
        if (row, column) in wanted
        for event_id in event_ids
    }
    return events[events["id"].isin(ids)].reset_index(drop=True)


def describe_cells(grid: Grid, cells: Sequence[tuple[str, str]]) -> str:
    """Selected cells in words: ``Canada × Batteries`` (several joined with ``; ``)."""
    return "; ".join(f"{grid.rows[row]} × {grid.columns[column]}" for row, column in cells)


def grid_notes(
    grid: Grid, events: pd.DataFrame, order: str | None = None, credit_members: bool = False, period: str | None = None
) -> list[str]:
    """What a reader must know to read a grid right: how events count, how rows or columns are ordered and
    merged, and how many of the events in view it does not count.

    Args:
        grid: the grid drawn.
        events: the events in view.
        order: for a partner grid, its row order (``ORDERS``).
        credit_members: for a partner grid, whether group events are credited to members.
        period: for a grid over time, its period (``PERIODS``).
    """
    notes = ["An event with several partners or sectors counts in each of its cells."]
    if period is None:
        notes.append(
            "Rows: partners with at least one event in these sectors, "
            + ("by region, then " if order == "region" else "")
            + "by number of events."
        )
        if credit_members:
            notes.append("A group's event is counted once for each member country, so row totals exceed the number of events.")
    else:
        notes.append(
            f"Each event is counted in the {period} of its start date"
            + ("; an event dated only to a year falls in its first quarter." if period == "quarter" else ".")
        )
        notes.append("A stretch of two or more periods without events is merged into one grey column.")
    if grid.divider_after_column or grid.divider_after_row:
        notes.append("A rule sets the headline sectors apart.")
    uncounted = len(events) - len(grid.event_ids)
    if uncounted:
        notes.append(f"{uncounted} of {len(events)} events in view tag none of these sectors and are not counted.")
    return notes


def empty_grid_message(events: pd.DataFrame, headline_only: bool) -> str:
    """Why a grid has no cell, and what would fill it."""
    if events.empty:
        return "No events match the filters. Widen them (or press Reset filters) to see the matrix."
    if headline_only:
        return "No event in view is tagged with a headline sector. Switch off 'Headline sectors only', or widen the filters."
    return "No event in view is tagged with these sectors. Widen the filters to see the matrix."
