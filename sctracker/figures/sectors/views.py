"""The Sectors page's views, defined once: which grid a reader's choices make, and its title and notes.

The page's controls (``app.sectors_controls``) give a ``SectorView``; ``build_view`` turns it and the
filtered events into the grid to draw, its title, its name in file names, and the notes that read it.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from sctracker.figures.sectors.grid import Grid, grid_notes, matrix_kind, partner_grid, period_grid, shown_sectors
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

    grid: Grid
    title: str
    chart: str  # the chart's name in file names
    kind: str  # the matrix CSV's name in file names
    notes: list[str]
    tick_angle: int


def build_view(events: pd.DataFrame, vocab: Vocabularies, filtered_sectors: tuple[str, ...], choice: SectorView) -> BuiltView:
    """The grid ``choice`` asks for, of ``events``, over the sectors the filters allow."""
    sectors = shown_sectors(vocab, filtered_sectors, choice.headline_only)
    if choice.view == "partners":
        grid = partner_grid(events, vocab, sectors, choice.credit_members, choice.order)
        notes = grid_notes(grid, events, order=choice.order, credit_members=choice.credit_members)
        return BuiltView(
            grid, "Events by partner and sector", "sector-matrix", matrix_kind(choice.headline_only, choice.credit_members), notes, -45
        )
    grid = period_grid(events, vocab, sectors, choice.period)
    notes = grid_notes(grid, events, period=choice.period)
    title = f"Events by sector and {choice.period}"
    return BuiltView(grid, title, f"sector-by-{choice.period}", matrix_kind(choice.headline_only, period=choice.period), notes, -60)


def cell_choices(grid: Grid) -> dict[tuple[str, str], str]:
    """Every non-empty cell of a grid in words, row by row as drawn (``Canada × Batteries: 2 events``): the list
    that does what a click on the chart does, for a reader with a keyboard or a screen reader."""
    row_order = {row: index for index, row in enumerate(grid.rows)}
    column_order = {column: index for index, column in enumerate(grid.columns)}
    cells = sorted(zip(grid.cells["row"], grid.cells["column"], grid.cells["count"]), key=lambda c: (row_order[c[0]], column_order[c[1]]))
    return {(row, column): f"{grid.rows[row]} × {grid.columns[column]}: {plural(int(count), 'event')}" for row, column, count in cells}
