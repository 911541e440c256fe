"""Sector matrices: who Korea works with on which sectors, and which sectors rise over time, as count grids.

One function counts (``partner_sector_counts``: events in, a tidy partner × sector table out); the
grids the page draws, the matrix CSV and the command line are all built from it, so the figure, the
download and the CLI cannot disagree. The figure is a scatter of square markers on category axes
rather than a heatmap, because Streamlit returns no click selection for ``go.Heatmap``.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import math
import textwrap
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pycountry
from plotly.colors import sample_colorscale

from sctracker.chart_style import ChartLabels, style_figure
from sctracker.export import to_csv_bytes
from sctracker.loading import Vocabularies

ORDERS = ("engagement", "region")
PERIODS = ("year", "quarter")

#: Cell pitch in pixels, largest and smallest: cells shrink so that a wide grid fits the page.
CELL_RANGE = (22, 34)
_MARKER_GAP = 4  # markers leave a gap so that neighbouring cells stay apart
_MAX_WIDTH = 900  # what the page's main column holds beside the sidebar on a 1400-pixel screen
_REGION_WRAP = 16  # characters a line of a region name in the right margin
_HOVER_TITLES = 5
_CHAR_WIDTH = 7.2  # generous average width of a 13px character, to size the margins for labels
_SLANTED_CHAR_WIDTH = 6.2  # the same, measured along slanted column labels in Chromium
_TITLE_HEIGHT = 72  # title and filter subtitle
_BOTTOM = 80  # room for the source line that style_figure puts below the plot
_MIN_WIDTH = 640  # room for the title however few the columns
_SOURCE_CHAR_WIDTH = 6.6  # generous average width of a character of the 11px source line
_DIGIT_WIDTH = 0.62  # a digit's width as a share of the font size


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


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    return code if country is None else getattr(country, "common_name", country.name)


def flatten_lists(lists: list[list]) -> tuple[np.ndarray, list]:
    """The items of some lists in one run, each with the position of its list.

    What ``Series.explode`` gives, several times faster at 50,000 rows: explode also infers the items' type.

    Args:
        lists: the lists (``column.tolist()`` of a list column).

    Returns:
        (positions, items): each item's list's position, and the items, in order.
    """
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    return np.repeat(np.arange(len(lists)), lengths), list(itertools.chain.from_iterable(lists))


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
    named_event, named = flatten_lists(events["partners"].tolist())
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


def group_events(pairs: pd.DataFrame, keys: list[str], events: pd.DataFrame, titles: int = 0) -> pd.DataFrame:
    """Count the events of each combination of ``keys`` present, in order of first appearance.

    Args:
        pairs: the key columns and ``event`` (a position in ``events``), one row per key and event, in
            the events' order.
        keys: the columns to group by.
        events: the events table (ids and titles).
        titles: how many of each group's titles to give, first first (0: no ``titles`` column); a hover
            names a few, and a list of every title would cost more than the whole count.

    Returns:
        The keys, ``count``, ``event_ids`` (in the events' order) and, if asked, ``titles``.
    """
    grouped = pairs.groupby(keys, sort=False)
    groups = grouped.size().rename("count").reset_index()
    # the pairs of each group together, in the events' order: a list per group is then one slice
    events_by_group = pairs["event"].to_numpy()[np.argsort(grouped.ngroup().to_numpy(), kind="stable")]
    ends = np.cumsum(groups["count"].to_numpy())
    slices = [slice(start, end) for start, end in zip(ends - groups["count"].to_numpy(), ends)]
    ids = events["id"].to_numpy(dtype=object)[events_by_group]
    groups["event_ids"] = [ids[part].tolist() for part in slices]
    if titles:
        firsts = events["title"].to_numpy(dtype=object)[events_by_group]
        groups["titles"] = [firsts[part][:titles].tolist() for part in slices]
    groups["count"] = groups["count"].astype(int)
    return groups


def _by_partner_then_sector(cells: pd.DataFrame, vocab: Vocabularies) -> pd.DataFrame:
    sector_rank = {sector: rank for rank, sector in enumerate(vocab.sectors.index)}
    return cells.sort_values(["partner", "sector"], key=lambda column: column.map(sector_rank) if column.name == "sector" else column)


def _partner_name(vocab: Vocabularies, code: str) -> str:
    return vocab.partner_name(code) if code in vocab.partners.index else _country_name(code)


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
    counts.insert(1, "partner_name", counts["partner"].map(lambda code: _partner_name(vocab, code)))
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
    cells = _by_partner_then_sector(group_events(pairs, ["partner", "sector"], events, titles=_HOVER_TITLES), vocab)
    by_partner = pairs.groupby("partner")
    rows = pd.DataFrame({"events": by_partner["event"].nunique(), "total": by_partner.size()}).rename_axis("partner").reset_index()
    rows["name"] = [_partner_name(vocab, code) for code in rows["partner"]]
    rows["region"] = rows["partner"].map(regions)
    kinds = vocab.partners["kind"]
    rows["is_country"] = rows["partner"].map(lambda code: kinds.get(code, "country") == "country")
    keys = ["events", "total", "name"]
    if order == "region":
        keys = ["region", "is_country", *keys]
    rows = rows.sort_values(keys, ascending=[key in ("region", "is_country", "name") for key in keys], kind="stable")
    cells = cells.rename(columns={"partner": "row", "sector": "column"})[["row", "column", "count", "event_ids", "titles"]].reset_index(drop=True)
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
    cells = group_events(table, ["row", "column"], events, titles=_HOVER_TITLES)
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
    """The grid as a wide table, exactly as shown: row labels down, column labels across, empty cells blank."""
    wide = grid.cells.pivot(index="row", columns="column", values="count") if not grid.cells.empty else pd.DataFrame()
    wide = wide.reindex(index=list(grid.rows), columns=list(grid.columns))
    table = wide.map(lambda count: "" if pd.isna(count) else int(count))
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
    ids = {event_id for row, column, event_ids in grid.cells[["row", "column", "event_ids"]].itertuples(index=False) if (row, column) in wanted for event_id in event_ids}
    return events[events["id"].isin(ids)].reset_index(drop=True)


def describe_cells(grid: Grid, cells: Sequence[tuple[str, str]]) -> str:
    """Selected cells in words: ``Canada × Batteries`` (several joined with ``; ``)."""
    return "; ".join(f"{grid.rows[row]} × {grid.columns[column]}" for row, column in cells)


def cell_colors(counts: Sequence[int]) -> tuple[list[str], list[str]]:
    """Marker and text colors for counts: light to dark blue as the count rises, white text on the dark half.

    The lightest cell (a count of 1) is still clearly tinted, so that a single event is not lost.
    """
    highest = max(counts, default=1)
    shares = [(count - 1) / (highest - 1) if highest > 1 else 0.0 for count in counts]
    fills = sample_colorscale("Blues", [0.3 + 0.65 * share for share in shares])
    texts = ["white" if share >= 0.5 else "#08306b" for share in shares]
    return fills, texts


def _hover(grid: Grid, row: str, column: str, count: int, titles: list[str]) -> str:
    lines = [
        f"<b>{html.escape(grid.rows[row])}</b> × <b>{html.escape(grid.columns[column])}</b>",
        f"{count} event{'s' if count != 1 else ''}",
        *(f"• {html.escape(title)}" for title in titles[:_HOVER_TITLES]),
    ]
    if count > _HOVER_TITLES:
        lines.append(f"… and {count - _HOVER_TITLES} more")
    return "<br>".join(lines)


def grid_figure(grid: Grid, title: str, labels: ChartLabels, tick_angle: int = -45) -> go.Figure:
    """Draw a grid: one square marker a non-empty cell with its count written in it; empty cells left blank.

    The figure has a fixed pixel size so that cells are square; show it at its own width.

    Args:
        grid: from ``partner_grid`` or ``period_grid``.
        title: the chart title.
        labels: the chart's words (subtitle and source line).
        tick_angle: angle of the column labels written across the top.

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
    cell = max(smallest, min(largest, (_MAX_WIDTH - margins) // max(len(grid.columns), 1)))
    plot_width, plot_height = max(len(grid.columns), 1) * cell, max(len(grid.rows), 1) * cell
    # the source line starts at the plot's left edge and must not run off the figure
    width = max(margins + plot_width, left + int(len(labels.source_line) * _SOURCE_CHAR_WIDTH), _MIN_WIDTH)
    right = width - left - plot_width  # whatever the plot does not take, so that cells stay square
    height = _TITLE_HEIGHT + column_band + plot_height + _BOTTOM

    cells = grid.cells
    fills, text_colors = cell_colors(list(cells["count"]))
    figure = go.Figure(
        go.Scatter(
            x=[grid.columns[column] for column in cells["column"]],
            y=[grid.rows[row] for row in cells["row"]],
            mode="markers+text",
            marker={"symbol": "square", "size": cell - _MARKER_GAP, "color": fills, "line": {"width": 0}},
            text=[str(count) for count in cells["count"]],
            textposition="middle center",
            textfont={"color": text_colors, "size": _count_font_size(cell, cells["count"].max() if not cells.empty else 0)},
            customdata=list(zip(cells["row"], cells["column"])),
            hovertext=[_hover(grid, *entry) for entry in cells[["row", "column", "count", "titles"]].itertuples(index=False)],
            hovertemplate="%{hovertext}<extra></extra>",
            # a selection dims the other cells but keeps their counts legible
            unselected={"marker": {"opacity": 0.3}, "textfont": {"color": "#666"}},
            showlegend=False,
        )
    )
    style_figure(figure, title, labels)
    figure.update_layout(
        width=width,
        height=height,
        margin={"l": left, "r": right, "t": _TITLE_HEIGHT + column_band, "b": _BOTTOM, "autoexpand": False},
        title={"y": 1 - 12 / height},
        hoverlabel={"align": "left"},
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
    for index, (row, region) in enumerate(grid.row_groups.items()):
        if region == previous:
            continue
        if previous is not None:
            figure.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=index - 0.5, y1=index - 0.5, line={"color": "#999", "width": 1})
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
