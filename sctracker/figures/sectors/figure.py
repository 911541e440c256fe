"""The Sectors page's figure: a count grid drawn as a scatter of square markers on category axes.

Not a heatmap, because Streamlit returns no click selection for ``go.Heatmap``; a square marker a cell,
with its count written in it, sized so that cells stay square whatever the grid's shape.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go

from sctracker.figures.crowding import OTHER_PARTNERS
from sctracker.figures.palettes import grid_colors
from sctracker.figures.sectors.grid import HOVER_TITLES, Grid
from sctracker.figures.style import SELECTABLE_LAYOUT, ChartLabels, source_pixels, style_figure, title_pixels, wrap_width, wrapped

#: Cell pitch in pixels, largest and smallest: cells shrink so that a wide grid fits the page.
CELL_RANGE = (18, 34)
_MARKER_GAP = 4  # markers leave a gap so that neighbouring cells stay apart
_MAX_WIDTH = 520  # what the page's main column holds beside the sidebar in a 1,000-pixel window
_REGION_WRAP = 16  # characters a line of a region name in the right margin
_CHAR_WIDTH = 7.2  # generous average width of a 13px character, to size the margins for labels
_SLANTED_CHAR_WIDTH = 6.2  # the same, measured along slanted column labels in Chromium
_MIN_WIDTH = 480  # room for the title and the source line however few the columns
_SOURCE_CHAR_WIDTH = 6.6  # generous average width of a character of the 12px source line
_DIGIT_WIDTH = 0.62  # a digit's width as a share of the font size
#: The cells of the row of other partners (``crowding``): neutral, as their counts are not one partner's.
POOLED_FILL, POOLED_TEXT = "#d9d9d9", "#222222"


def cell_colors(counts: Sequence[int], highest: int | None = None) -> tuple[list[str], list[str]]:
    """Marker and text colors for counts: light to dark blue as the count rises to ``highest`` (default: the largest
    count), white text on the dark half.

    The lightest cell (a count of 1) is still clearly tinted, so that a single event is not lost.
    """
    highest = max(counts, default=1) if highest is None else highest
    shares = [min(1.0, (count - 1) / (highest - 1)) if highest > 1 else 0.0 for count in counts]
    fills = grid_colors(shares)
    texts = ["white" if share >= 0.5 else "#08306b" for share in shares]
    return fills, texts


def _hover(grid: Grid, row: str, column: str, count: int, titles: list[str]) -> str:
    lines = [
        f"<b>{html.escape(grid.rows[row])}</b> × <b>{html.escape(grid.columns[column])}</b>",
        f"{count} event{'s' if count != 1 else ''}",
        *(f"• {html.escape(title)}" for title in titles[:HOVER_TITLES]),
    ]
    if count > HOVER_TITLES:
        lines.append(f"… and {count - HOVER_TITLES} more")
    return "<br>".join(lines)


def grid_figure(
    grid: Grid, title: str, labels: ChartLabels, tick_angle: int = -45, max_width: int = _MAX_WIDTH, max_height: int | None = None
) -> go.Figure:
    """Draw a grid: one square marker a non-empty cell with its count written in it; empty cells left blank.

    The figure has a fixed pixel size so that cells are square; show it at its own width.

    Args:
        grid: from ``partner_grid`` or ``period_grid``.
        title: the chart title.
        labels: the chart's words (subtitle and source line).
        tick_angle: angle of the column labels written across the top.
        max_width, max_height: the room the grid's cells should fit (the page's main column; a slide's canvas):
            cells shrink to fit it, down to the smallest of ``CELL_RANGE``.

    Returns:
        A figure whose points carry ``customdata`` (row key, column key), for click selection.
    """
    left = int(max((len(label) for label in grid.rows.values()), default=4) * _CHAR_WIDTH) + 24
    slant = math.radians(abs(tick_angle))
    column_band = int(max((len(label) for label in grid.columns.values()), default=4) * _SLANTED_CHAR_WIDTH * math.sin(slant)) + 16
    # the right margin holds the last column label, which slants out to the right, and the region names
    last_label = int(len(list(grid.columns.values())[-1]) * _SLANTED_CHAR_WIDTH * math.cos(slant)) if grid.columns else 0
    regions = int(max((len(line) for region in grid.row_groups.values() for line in _wrap(region)), default=0) * _CHAR_WIDTH) + 16
    margins = left + max(last_label, regions, 20)
    smallest, largest = CELL_RANGE
    cell = max(smallest, min(largest, (max_width - margins) // max(len(grid.columns), 1)))
    if max_height is not None:
        room = max_height - title_pixels(labels, title) - column_band - source_pixels(labels)
        cell = max(smallest, min(cell, room // max(len(grid.rows), 1)))
    plot_width, plot_height = max(len(grid.columns), 1) * cell, max(len(grid.rows), 1) * cell
    # the source line starts at the plot's left edge and must not run off the figure
    longest_line = max(len(line) for line in wrapped(labels.source_line, wrap_width(labels)).split("<br>"))
    width = max(margins + plot_width, left + int(longest_line * _SOURCE_CHAR_WIDTH), _MIN_WIDTH)
    right = width - left - plot_width  # whatever the plot does not take, so that cells stay square
    height = title_pixels(labels, title) + column_band + plot_height + source_pixels(labels)

    cells = grid.cells
    # the row of other partners pools many partners' events: grey, and off the scale, which it would flatten
    pooled = (cells["row"] == OTHER_PARTNERS).to_numpy()
    fills, text_colors = cell_colors(list(cells["count"]), highest=int(cells["count"][~pooled].max()) if (~pooled).any() else None)
    fills = [POOLED_FILL if is_pooled else fill for fill, is_pooled in zip(fills, pooled)]
    text_colors = [POOLED_TEXT if is_pooled else color for color, is_pooled in zip(text_colors, pooled)]
    cells_trace = {
        "type": "scatter",
        "x": [grid.columns[column] for column in cells["column"]],
        "y": [grid.rows[row] for row in cells["row"]],
        "mode": "markers+text",
        "marker": {"symbol": "square", "size": cell - _MARKER_GAP, "color": fills, "line": {"width": 0}},
        "text": [str(count) for count in cells["count"]],
        "textposition": "middle center",
        "textfont": {"color": text_colors, "size": _count_font_size(cell, cells["count"].max() if not cells.empty else 0)},
        "customdata": list(zip(cells["row"], cells["column"])),
        "hovertext": [_hover(grid, *entry) for entry in cells[["row", "column", "count", "titles"]].itertuples(index=False)],
        "hovertemplate": "%{hovertext}<extra></extra>",
        # a selection dims the other cells but keeps their counts legible
        "unselected": {"marker": {"opacity": 0.3}, "textfont": {"color": "#666"}},
        "showlegend": False,
    }
    # from a dict, the trace is validated once (a ``go.Scatter`` is validated again by the figure: 0.1 s at 800 cells)
    figure = go.Figure(data=[cells_trace])
    style_figure(figure, title, labels)
    figure.update_layout(
        width=width,
        height=height,
        margin={"l": left, "r": right, "t": title_pixels(labels, title) + column_band, "b": source_pixels(labels), "autoexpand": False},
        title={"y": 1 - 14 / height},
        **SELECTABLE_LAYOUT,
    )
    grid_lines = {"showgrid": True, "gridcolor": "#eeeeee", "zeroline": False, "showline": False, "ticks": ""}
    figure.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(grid.columns.values()),
        range=[-0.5, len(grid.columns) - 0.5],
        side="top",
        tickangle=tick_angle,
        fixedrange=True,  # a grid is read whole: no zoom or pan to lose it in
        title=None,
        **grid_lines,
    )
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(grid.rows.values()),
        range=[len(grid.rows) - 0.5, -0.5],  # first row at the top
        fixedrange=True,
        title=None,
        **grid_lines,
    )
    _mark_groups(figure, grid)
    _mark_dividers_and_gaps(figure, grid)
    return figure


def _count_font_size(cell: int, highest: int) -> int:
    """The size of the counts written in cells: 13 or 11 pixels by the cell's size, smaller when the largest
    count would not fit its square (a thousand events and more, in a large corpus)."""
    digits = len(str(highest))
    return min(13 if cell >= 28 else 11, int((cell - _MARKER_GAP) / (_DIGIT_WIDTH * digits)))


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, _REGION_WRAP) or [text]


def _mark_groups(figure: go.Figure, grid: Grid) -> None:
    """Name each region beside its first row, with a thin rule between regions."""
    previous = None
    for index, region in enumerate(grid.row_groups.values()):
        if region == previous:
            continue
        if previous is not None:
            figure.add_shape(
                type="line", xref="paper", x0=0, x1=1, yref="y", y0=index - 0.5, y1=index - 0.5, line={"color": "#999", "width": 1}
            )
        figure.add_annotation(
            text="<br>".join(f"<b>{html.escape(line)}</b>" for line in _wrap(region)),
            xref="paper",
            x=1,
            xshift=8,
            xanchor="left",
            yref="y",
            y=index - 0.45,  # from the top of the region's first row down
            yanchor="top",
            align="left",
            showarrow=False,
            font={"size": 12, "color": "#555"},
        )
        previous = region


def _mark_dividers_and_gaps(figure: go.Figure, grid: Grid) -> None:
    """A rule after the headline sectors, and a grey band behind each merged stretch of empty periods."""
    rule = {"color": "#888", "width": 1.5}
    if OTHER_PARTNERS in grid.rows and not grid.row_groups:  # by region, the rule before the region "Others" does it
        y = len(grid.rows) - 1.5
        figure.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=y, y1=y, line={"color": "#999", "width": 1})
    if 0 < grid.divider_after_column < len(grid.columns):
        x = grid.divider_after_column - 0.5
        figure.add_shape(type="line", xref="x", x0=x, x1=x, yref="paper", y0=0, y1=1, line=rule)
    if 0 < grid.divider_after_row < len(grid.rows):
        y = grid.divider_after_row - 0.5
        figure.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=y, y1=y, line=rule)
    for index, column in enumerate(grid.columns):
        if column in grid.quiet_columns:
            figure.add_shape(
                type="rect", xref="x", x0=index - 0.5, x1=index + 0.5, yref="paper", y0=0, y1=1,
                fillcolor="#f0f0f0", line={"width": 0}, layer="below",
            )  # fmt: skip
