"""The Sectors page's views, defined once: which grid a reader's choices make, and its title and notes.

The page's controls (``app.sectors_controls``) give a ``SectorView``; ``build_view`` turns it and the
filtered events into the grid to draw, its title, its name in file names, and the notes that read it.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from sctracker.figures import crowding
from sctracker.figures.crowding import OTHER_PARTNERS, OTHER_REGION, folded_partners, other_partners_label
from sctracker.figures.sectors.grid import HOVER_TITLES, Grid, grid_notes, matrix_kind, partner_grid, period_grid, shown_sectors
from sctracker.query.words import plural
from sctracker.records.vocabularies import Vocabularies

VIEWS = {"partners": "Partners by sector", "time": "Sectors over time"}
ORDER_LABELS = {"engagement": "Number of events", "region": "Region"}


@dataclasses.dataclass(frozen=True)
class SectorView:
    """A reader's choices on the Sectors page (each also a parameter of the page's link)."""

    view: str = "partners"
    headline_only: bool = False
    order: str = "engagement"  # for the partners view
    credit_members: bool = False  # for the partners view
    period: str = "year"  # for the view over time


@dataclasses.dataclass(frozen=True)
class BuiltView:
    """What a view draws: the grid, its title, its name in file names, the notes that read it."""

    grid: Grid  # as drawn: a crowded partner grid's last row counts the partners with fewest events (``fold_rows``)
    matrix: Grid  # every row, for the CSV
    title: str
    chart: str  # the chart's name in file names
    kind: str  # the matrix CSV's name in file names
    notes: tuple[str, ...]  # a tuple: a view is kept and shared by every session (``app.data.kept``), read-only
    tick_angle: int


def build_view(events: pd.DataFrame, vocab: Vocabularies, filtered_sectors: tuple[str, ...], choice: SectorView) -> BuiltView:
    """The grid ``choice`` asks for, of ``events``, over the sectors the filters allow."""
    sectors = shown_sectors(vocab, filtered_sectors, choice.headline_only)
    if choice.view == "partners":
        matrix = partner_grid(events, vocab, sectors, choice.credit_members, choice.order)
        grid = fold_rows(matrix, events)
        notes = grid_notes(matrix, events, order=choice.order, credit_members=choice.credit_members)
        if grid is not matrix:
            notes.append(
                f"Past {crowding.PARTNER_ROWS_UP_TO} partners, those with fewest events share the last row "
                "(grey: its counts are not on the colour scale); the CSV has every partner."
            )
        kind = matrix_kind(choice.headline_only, choice.credit_members)
        return BuiltView(grid, matrix, "Events by partner and sector", "sector-matrix", kind, tuple(notes), -45)
    grid = period_grid(events, vocab, sectors, choice.period)
    notes = grid_notes(grid, events, period=choice.period)
    title = f"Events by sector and {choice.period}"
    return BuiltView(
        grid, grid, title, f"sector-by-{choice.period}", matrix_kind(choice.headline_only, period=choice.period), tuple(notes), -60
    )


def fold_rows(grid: Grid, events: pd.DataFrame) -> Grid:
    """A partner grid whose partners past ``crowding.PARTNER_ROWS_UP_TO`` (those with fewest events) share one last row,
    ``OTHER_PARTNERS``: in each column it counts their events, each once; the grid as it is if it has few enough rows.

    Args:
        grid: from ``partner_grid``.
        events: the events it counts (their order and titles).
    """
    cells = grid.cells
    events_per_row = {row: len(set().union(*ids)) for row, ids in cells.groupby("row", sort=False)["event_ids"]}
    folded = folded_partners(events_per_row)
    if not folded:
        return grid
    position = dict(zip(events["id"], range(len(events))))
    titles = events["title"].tolist()
    loose = cells[cells["row"].isin(folded)]
    other = []
    for column in grid.columns:
        ids = sorted(set().union(*loose.loc[loose["column"] == column, "event_ids"]), key=position.__getitem__)
        if ids:
            firsts = [titles[position[event_id]] for event_id in ids[:HOVER_TITLES]]
            other.append({"row": OTHER_PARTNERS, "column": column, "count": len(ids), "event_ids": ids, "titles": firsts})
    kept = cells[~cells["row"].isin(folded)]
    rows = {row: label for row, label in grid.rows.items() if row not in folded} | {OTHER_PARTNERS: other_partners_label(len(folded))}
    groups = {row: region for row, region in grid.row_groups.items() if row not in folded}
    return dataclasses.replace(
        grid,
        cells=pd.concat([kept, pd.DataFrame(other, columns=cells.columns)], ignore_index=True),
        rows=rows,
        row_groups=groups | {OTHER_PARTNERS: OTHER_REGION} if grid.row_groups else {},
    )


def cell_choices(grid: Grid) -> dict[tuple[str, str], str]:
    """Every non-empty cell of a grid in words, row by row as drawn (``Canada × Batteries: 2 events``): the list
    that does what a click on the chart does, for a reader with a keyboard or a screen reader."""
    row_order = {row: index for index, row in enumerate(grid.rows)}
    column_order = {column: index for index, column in enumerate(grid.columns)}
    cells = sorted(zip(grid.cells["row"], grid.cells["column"], grid.cells["count"]), key=lambda c: (row_order[c[0]], column_order[c[1]]))
    return {(row, column): f"{grid.rows[row]} × {grid.columns[column]}: {plural(int(count), 'event')}" for row, column, count in cells}
