"""The Sectors page: count grids of partners by sector and of sectors over time (``grid``), and their
figure (``figure``)."""

from sctracker.figures.sectors.figure import (
    CELL_RANGE,
    cell_colors,
    grid_figure,
)
from sctracker.figures.sectors.grid import (
    HOVER_TITLES,
    ORDERS,
    PERIODS,
    Grid,
    describe_cells,
    empty_grid_message,
    events_in_cells,
    grid_csv,
    grid_notes,
    grid_table,
    matrix_csv,
    matrix_kind,
    partner_grid,
    partner_sector_counts,
    period_grid,
    selected_cells,
    shown_sectors,
)
from sctracker.figures.sectors.views import (
    ORDER_LABELS,
    VIEWS,
    BuiltView,
    SectorView,
    build_view,
    cell_choices,
)

__all__ = [
    "CELL_RANGE",
    "HOVER_TITLES",
    "ORDERS",
    "ORDER_LABELS",
    "PERIODS",
    "VIEWS",
    "BuiltView",
    "Grid",
    "SectorView",
    "build_view",
    "cell_choices",
    "cell_colors",
    "describe_cells",
    "empty_grid_message",
    "events_in_cells",
    "grid_csv",
    "grid_figure",
    "grid_notes",
    "grid_table",
    "matrix_csv",
    "matrix_kind",
    "partner_grid",
    "partner_sector_counts",
    "period_grid",
    "selected_cells",
    "shown_sectors",
]
