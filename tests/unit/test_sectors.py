"""Sector matrices: counting, crediting, ordering, periods, the CSV and the figure."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from plotly.colors import sample_colorscale

from sctracker.figures import crowding, summaries
from sctracker.figures.sectors import (
    CELL_RANGE,
    POOLED_FILL,
    Grid,
    SectorView,
    build_view,
    cell_choices,
    cell_colors,
    describe_cells,
    events_in_cells,
    grid_csv,
    grid_figure,
    grid_table,
    matrix_csv,
    matrix_kind,
    partner_grid,
    partner_sector_counts,
    period_grid,
    selected_cells,
    shown_sectors,
)
from sctracker.figures.style import ChartLabels
from sctracker.records.load import load
from sctracker.records.vocabularies import Vocabularies

HEADLINE = ["semiconductors", "batteries", "critical_minerals", "defense"]


@pytest.fixture
def vocab() -> Vocabularies:
    """Two groups (one with a member missing from the vocabulary), four countries, six sectors."""
    partners = pd.DataFrame(
        [
            ("EUU", "European Union", "group", "Europe", ["FRA", "DEU"]),
            ("CAS", "Central Asia", "group", "Central Asia", ["KAZ", "UZB"]),
            ("FRA", "France", "country", "Europe", []),
            ("KAZ", "Kazakhstan", "country", "Central Asia", []),
            ("USA", "United States", "country", "North America", []),
            ("CAN", "Canada", "country", "North America", []),
        ],
        columns=["code", "name", "kind", "region", "members"],
    ).set_index("code")
    sectors = pd.DataFrame(
        [
            ("semiconductors", "Semiconductors", True),
            ("batteries", "Batteries", True),
            ("critical_minerals", "Critical minerals", True),
            ("defense", "Defense", True),
            ("ai", "Artificial intelligence", False),
            ("steel", "Steel", False),
        ],
        columns=["id", "label", "headline"],
    ).set_index("id")
    return Vocabularies(partners=partners, sectors=sectors, event_types=pd.DataFrame({"label": []}))


def _events(rows: list[tuple[str, str, list[str], list[str], str]]) -> pd.DataFrame:
    """An events table with the columns the matrix reads: (id, title, partners, sectors, start date)."""
    events = pd.DataFrame(rows, columns=["id", "title", "partners", "sectors", "date"])
    events["date"] = pd.to_datetime(events["date"])
    events["partner_countries"] = events["partners"]
    return events.sort_values(["date", "id"]).reset_index(drop=True)


@pytest.fixture
def events() -> pd.DataFrame:
    return _events(
        [
            ("e1", "Chip talks", ["USA"], ["semiconductors", "ai"], "2024-03-10"),
            ("e2", "Fab visit", ["USA"], ["semiconductors"], "2024-05-01"),
            ("e3", "EU battery rules", ["EUU"], ["batteries", "steel"], "2025-02-01"),
            ("e4", "EU–France battery forum", ["EUU", "FRA"], ["batteries"], "2025-02-15"),
            ("e5", "Lithium MoU", ["KAZ"], ["critical_minerals"], "2025-11-01"),
            ("e6", "Central Asia summit", ["CAS"], ["critical_minerals", "defense"], "2025-11-20"),
            ("e7", "Canada talks", ["CAN"], [], "2025-12-01"),
            ("e8", "Submarine shortlist", ["CAN"], ["defense"], "2021-01-01"),
        ]
    )


def _counts(table: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {(row.partner, row.sector): row.count for row in table.itertuples()}


def test_counts_each_partner_in_each_sector(events, vocab):
    table = partner_sector_counts(events, vocab)
    assert _counts(table) == {
        ("CAN", "defense"): 1,
        ("CAS", "critical_minerals"): 1,
        ("CAS", "defense"): 1,
        ("EUU", "batteries"): 2,
        ("EUU", "steel"): 1,
        ("FRA", "batteries"): 1,
        ("KAZ", "critical_minerals"): 1,
        ("USA", "semiconductors"): 2,
        ("USA", "ai"): 1,
    }
    usa_chips = table[(table["partner"] == "USA") & (table["sector"] == "semiconductors")].iloc[0]
    assert usa_chips["event_ids"] == ["e1", "e2"]
    assert (usa_chips["partner_name"], usa_chips["region"], usa_chips["sector_label"]) == (
        "United States",
        "North America",
        "Semiconductors",
    )


def test_crediting_counts_a_group_event_once_for_each_member(events, vocab):
    table = partner_sector_counts(events, vocab, credit_members=True)
    counts = _counts(table)
    assert not {"EUU", "CAS"} & set(table["partner"])
    # e4 names both the EU and France: France counts it once
    assert counts[("FRA", "batteries")] == 2 and counts[("DEU", "batteries")] == 2
    assert counts[("FRA", "steel")] == counts[("DEU", "steel")] == 1
    assert counts[("KAZ", "critical_minerals")] == 2 and counts[("UZB", "critical_minerals")] == 1
    assert counts[("KAZ", "defense")] == counts[("UZB", "defense")] == 1
    assert counts[("USA", "semiconductors")] == 2
    names = dict(zip(table["partner"], table["partner_name"]))
    regions = dict(zip(table["partner"], table["region"]))
    # members missing from the vocabulary are named by pycountry and take their group's region
    assert (names["DEU"], regions["DEU"]) == ("Germany", "Europe")
    assert (names["UZB"], regions["UZB"]) == ("Uzbekistan", "Central Asia")


@pytest.mark.parametrize("credit", [False, True])
def test_matrix_sums_agree_with_the_events_table(events, vocab, credit):
    table = partner_sector_counts(events, vocab, credit_members=credit)
    members = vocab.partners["members"]

    def credited(codes):
        return {m for code in codes for m in (members[code] if credit and members[code] else [code])}

    for row in table.itertuples():
        involved = events[
            events["sectors"].map(lambda s, row=row: row.sector in s)
            & events["partners"].map(lambda p, row=row: row.partner in credited(p))
        ]
        assert row.count == len(involved) and row.event_ids == list(involved["id"])
    assert table["count"].sum() == sum(len(credited(p)) * len(s) for p, s in zip(events["partners"], events["sectors"]))


@pytest.mark.parametrize("credit", [False, True])
def test_real_matrix_sums_agree_with_the_real_events(credit):
    dataset = load()
    assert len(dataset.events) > 0
    grid = partner_grid(dataset.events, dataset.vocab, shown_sectors(dataset.vocab), credit_members=credit)
    table = grid_table(grid).replace("", 0)
    members = dataset.vocab.partners["members"]
    for code, name in grid.rows.items():
        for sector, label in grid.columns.items():
            expected = sum(
                1
                for partners, sectors in zip(dataset.events["partner_countries"], dataset.events["sectors"])
                if sector in sectors and (code in partners or (credit and any(code in members[p] for p in partners)))
            )
            assert table.at[name, label] == expected, (name, label)
    counted = dataset.events[dataset.events["sectors"].map(len) > 0]
    assert grid.event_ids == set(counted["id"])


def test_shown_sectors_keep_vocabulary_order(vocab):
    assert shown_sectors(vocab) == [*HEADLINE, "ai", "steel"]
    assert shown_sectors(vocab, headline_only=True) == HEADLINE
    assert partner_grid(_events([("e", "t", ["USA"], ["batteries"], "2025-01-01")]), vocab, HEADLINE).divider_after_column == 0
    assert shown_sectors(vocab, chosen=("steel", "batteries")) == ["batteries", "steel"]
    assert shown_sectors(vocab, chosen=("steel", "batteries"), headline_only=True) == ["batteries"]


def test_rows_by_engagement_then_row_sum_then_name(events, vocab):
    grid = partner_grid(events, vocab, shown_sectors(vocab))
    # EU and US: 2 events and 3 counts each (name decides); Central Asia: 1 event, 2 counts
    assert list(grid.rows) == ["EUU", "USA", "CAS", "CAN", "FRA", "KAZ"]
    assert grid.rows["EUU"] == "European Union" and grid.row_groups == {}
    assert list(grid.columns) == [*HEADLINE, "ai", "steel"] and grid.divider_after_column == 4


def test_rows_by_region_put_groups_first(events, vocab):
    grid = partner_grid(events, vocab, shown_sectors(vocab), order="region")
    assert list(grid.rows) == ["CAS", "KAZ", "EUU", "FRA", "USA", "CAN"]
    assert list(grid.row_groups.values()) == ["Central Asia", "Central Asia", "Europe", "Europe", "North America", "North America"]


def test_crediting_gives_members_rows_and_drops_group_rows(events, vocab):
    grid = partner_grid(events, vocab, shown_sectors(vocab), credit_members=True, order="region")
    assert list(grid.rows) == ["KAZ", "UZB", "FRA", "DEU", "USA", "CAN"]


def test_a_partner_without_events_in_the_shown_sectors_has_no_row(events, vocab):
    grid = partner_grid(events, vocab, ["steel"])
    assert list(grid.rows) == ["EUU"] and list(grid.columns) == ["steel"]
    assert grid.divider_after_column == 0


def test_grid_csv_is_exactly_the_matrix_as_shown(events, vocab):
    grid = partner_grid(events, vocab, shown_sectors(vocab, headline_only=True))
    expected = (
        "\ufeffPartner,Semiconductors,Batteries,Critical minerals,Defense\r\n"
        "European Union,0,2,0,0\r\n"
        "United States,2,0,0,0\r\n"
        "Central Asia,0,0,1,1\r\n"
        "Canada,0,0,0,1\r\n"
        "France,0,1,0,0\r\n"
        "Kazakhstan,0,0,1,0\r\n"
    )
    assert grid_csv(grid) == expected.encode("utf-8")
    assert matrix_csv(events, vocab, headline_only=True) == grid_csv(grid)
    assert matrix_csv(events, vocab, sectors=("steel",)) == "\ufeffPartner,Steel\r\nEuropean Union,1\r\n".encode("utf-8")


def test_matrix_csv_of_no_events_is_a_header(vocab, events):
    assert (
        matrix_csv(events.iloc[:0], vocab, headline_only=True)
        == "\ufeffPartner,Semiconductors,Batteries,Critical minerals,Defense\r\n".encode()
    )


@pytest.mark.parametrize(
    ("options", "kind"),
    [
        ({}, "matrix"),
        ({"headline_only": True, "credit_members": True}, "matrix-headline-members"),
        ({"period": "quarter"}, "matrix-by-quarter"),
    ],
)
def test_matrix_kind_names_the_view(options, kind):
    assert matrix_kind(**options) == kind


def test_years_count_events_by_start_date_and_merge_empty_stretches(events, vocab):
    grid = period_grid(events, vocab, shown_sectors(vocab), "year")
    assert list(grid.rows) == [*HEADLINE, "ai", "steel"] and grid.divider_after_row == 4
    assert list(grid.columns.values()) == ["2021", "2022–2023", "2024", "2025"]
    assert grid.quiet_columns == {"2022/2023"}
    table = grid_table(grid)
    assert table.loc["Semiconductors"].tolist() == [0, 0, 2, 0]  # zeros written, so that counts read as whole numbers
    assert table.loc["Defense"].tolist() == [1, 0, 0, 1]
    assert table.loc["Batteries", "2025"] == 2 and table.loc["Steel", "2025"] == 1


def test_quarters_and_a_single_empty_period(events, vocab):
    grid = period_grid(events, vocab, ["semiconductors", "critical_minerals"], "quarter")
    assert list(grid.columns.values()) == ["2024 Q1", "2024 Q2", "2024 Q3–2025 Q3", "2025 Q4"]
    assert grid_table(grid).loc["Critical minerals", "2025 Q4"] == 2
    lone_gap = period_grid(events[events["id"].isin(["e1", "e3"])], vocab, ["semiconductors", "batteries"], "year")
    assert list(lone_gap.columns.values()) == ["2024", "2025"]
    across_years = period_grid(events[events["id"].isin(["e1", "e6"])], vocab, shown_sectors(vocab), "quarter")
    assert list(across_years.columns.values()) == ["2024 Q1", "2024 Q2–2025 Q3", "2025 Q4"]
    within_a_year = period_grid(events[events["id"].isin(["e1", "e3"])], vocab, shown_sectors(vocab), "quarter")
    assert list(within_a_year.columns.values()) == ["2024 Q1", "2024 Q2–Q4", "2025 Q1"]


def test_time_view_counts_sum_to_the_events_table(events, vocab):
    sectors = shown_sectors(vocab)
    grid = period_grid(events, vocab, sectors, "quarter")
    assert grid.cells["count"].sum() == sum(len(set(s) & set(sectors)) for s in events["sectors"])


def test_a_selection_maps_back_to_exactly_its_events(events, vocab):
    grid = partner_grid(events, vocab, shown_sectors(vocab))
    points = [
        {"customdata": ["EUU", "batteries"]},
        {"customdata": ["EUU", "batteries"]},  # the same cell twice
        {"customdata": ["CAS", "defense"]},
        {"customdata": ["CAN", "ai"]},  # an empty cell, from a selection before the filters changed
        {"x": "Steel"},  # no customdata
    ]
    cells = selected_cells(grid, points)
    assert cells == [("EUU", "batteries"), ("CAS", "defense")]
    assert list(events_in_cells(events, grid, cells)["id"]) == ["e3", "e4", "e6"]
    assert describe_cells(grid, cells) == "European Union × Batteries; Central Asia × Defense"
    assert events_in_cells(events, grid, []).empty


def test_a_time_cell_maps_back_to_its_events(events, vocab):
    grid = period_grid(events, vocab, shown_sectors(vocab), "year")
    cells = selected_cells(grid, [{"customdata": ["batteries", "2025"]}])
    assert list(events_in_cells(events, grid, cells)["id"]) == ["e3", "e4"]
    assert describe_cells(grid, cells) == "Batteries × 2025"


def test_the_list_of_cells_names_every_cell_as_drawn_and_maps_back_like_a_click(events, vocab):
    grid = partner_grid(events, vocab, shown_sectors(vocab))
    choices = cell_choices(grid)
    assert set(choices) == set(zip(grid.cells["row"], grid.cells["column"]))  # every non-empty cell, nothing else
    rows = [row for row, _ in choices]
    assert rows == sorted(rows, key=list(grid.rows).index)  # row by row, as drawn
    assert choices[("EUU", "batteries")] == "European Union × Batteries: 2 events"
    assert list(events_in_cells(events, grid, [("EUU", "batteries")])["id"]) == ["e3", "e4"]  # what the click lists


def test_past_the_row_limit_the_partners_with_fewest_events_share_one_last_row(events, vocab, monkeypatch):
    monkeypatch.setattr(crowding, "PARTNER_ROWS_UP_TO", 3)
    built = build_view(events, vocab, (), SectorView())
    # EUU and USA have two events each; CAN, CAS, FRA and KAZ one each
    assert built.grid.rows == {"EUU": "European Union", "USA": "United States", "+others": "4 other partners"}
    assert len(built.matrix.rows) == 6
    other = built.grid.cells[built.grid.cells["row"] == "+others"].set_index("column")
    assert other["count"].to_dict() == {"batteries": 1, "critical_minerals": 2, "defense": 2}
    assert other.at["defense", "event_ids"] == ["e8", "e6"]  # CAN's and CAS's, in the events' order
    assert other.at["defense", "titles"] == ["Submarine shortlist", "Central Asia summit"]
    cells = selected_cells(built.grid, [{"customdata": ["+others", "critical_minerals"]}])
    assert list(events_in_cells(events, built.grid, cells)["id"]) == ["e5", "e6"]  # what a click on the cell lists
    assert describe_cells(built.grid, cells) == "4 other partners × Critical minerals"
    assert any("Past 3 partners" in note for note in built.notes)
    assert grid_table(built.matrix).index.tolist() == list(built.matrix.rows.values())  # the CSV: every partner
    assert "6 partners" in summaries.partner_sector_text(built.matrix, events).summary
    figure = grid_figure(built.grid, built.title, ChartLabels("All records", "Source: test", "t"))
    assert any(shape.y0 == shape.y1 == 1.5 for shape in figure.layout.shapes)  # a rule above the pooled row
    by_region = build_view(events, vocab, (), SectorView(order="region")).grid
    assert list(by_region.row_groups.items())[-1] == ("+others", "Others")
    monkeypatch.setattr(crowding, "PARTNER_ROWS_UP_TO", 6)
    few_enough = build_view(events, vocab, (), SectorView())
    assert few_enough.grid is few_enough.matrix


def test_the_pooled_row_is_grey_and_off_the_colour_scale(labels):
    cells = pd.DataFrame(
        [("USA", "batteries", 3), ("CAN", "batteries", 1), ("+others", "batteries", 9)], columns=["row", "column", "count"]
    ).assign(event_ids=[[], [], []], titles=[[], [], []])
    grid = Grid(
        cells, {"USA": "United States", "CAN": "Canada", "+others": "7 other partners"}, {"batteries": "Batteries"}, "Partner", "Sector"
    )
    trace = grid_figure(grid, "t", labels).data[0]
    fills = dict(zip(cells["row"], trace.marker.color))
    darkest, lightest = cell_colors([1, 3])[0][1], cell_colors([1, 3])[0][0]
    assert (fills["USA"], fills["CAN"], fills["+others"]) == (darkest, lightest, POOLED_FILL)  # 3, not 9, is the darkest


@pytest.fixture
def labels() -> ChartLabels:
    return ChartLabels(subtitle="All records", source_line="Source: test · generated 2026-01-01", file_stem="sctracker-test")


def test_cell_colors_darken_with_the_count():
    fills, texts = cell_colors([1, 3, 5, 2])
    assert fills[0] == sample_colorscale("Blues", [0.3])[0] and fills[2] == sample_colorscale("Blues", [0.95])[0]
    assert texts == ["#08306b", "white", "white", "#08306b"]
    assert cell_colors([1, 1])[1] == ["#08306b", "#08306b"]


def test_figure_draws_one_square_marker_per_non_empty_cell(events, vocab, labels):
    grid = partner_grid(events, vocab, shown_sectors(vocab))
    figure = grid_figure(grid, "Events by partner and sector", labels)
    [trace] = figure.data
    assert [tuple(point) for point in trace.customdata] == list(zip(grid.cells["row"], grid.cells["column"]))
    assert len(trace.x) == 9 and list(trace.text) == [str(c) for c in grid.cells["count"]]
    assert trace.marker.symbol == "square"
    assert list(figure.layout.yaxis.categoryarray) == list(grid.rows.values())
    assert list(figure.layout.xaxis.categoryarray) == [
        "Semiconductors",
        "Batteries",
        "Critical minerals",
        "Defense",
        "Artificial intelligence",
        "Steel",
    ]
    assert figure.layout.yaxis.range == (5.5, -0.5)  # first row at the top
    layout = figure.layout
    cell_width = (layout.width - layout.margin.l - layout.margin.r) / len(grid.columns)
    cell_height = (layout.height - layout.margin.t - layout.margin.b) / len(grid.rows)
    assert cell_width == cell_height and CELL_RANGE[0] <= cell_width <= CELL_RANGE[1]
    assert trace.marker.size == cell_width - 4
    rules = [shape for shape in layout.shapes if shape.type == "line"]
    assert [(rule.x0, rule.x1) for rule in rules] == [(3.5, 3.5)]  # after the headline sectors
    assert "Events by partner and sector" in layout.title.text and layout.annotations[0].text.startswith("Source:")


def test_a_wide_grid_shrinks_its_cells_to_fit_the_page(events, vocab, labels):
    wide = _with_columns(partner_grid(events, vocab, shown_sectors(vocab)), 40)
    layout = grid_figure(wide, "Wide", labels).layout
    cell = (layout.width - layout.margin.l - layout.margin.r) / 40
    assert cell == CELL_RANGE[0] and cell == (layout.height - layout.margin.t - layout.margin.b) / len(wide.rows)


def _with_columns(grid, count):
    """The grid with ``count`` columns (its own, then empty ones)."""
    columns = dict(grid.columns) | {f"extra{i}": f"Extra {i}" for i in range(count - len(grid.columns))}
    return dataclasses.replace(grid, columns=columns)


def test_region_order_names_each_region_once_with_rules_between(events, vocab, labels):
    grid = partner_grid(events, vocab, shown_sectors(vocab, headline_only=True), order="region")
    figure = grid_figure(grid, "By region", labels)
    regions = [a.text for a in figure.layout.annotations if not a.text.startswith("Source")]
    assert regions == ["<b>Central Asia</b>", "<b>Europe</b>", "<b>North America</b>"]
    assert [shape.y0 for shape in figure.layout.shapes if shape.type == "line"] == [1.5, 3.5]


def test_merged_periods_are_grey_bands(events, vocab, labels):
    grid = period_grid(events, vocab, shown_sectors(vocab), "year")
    figure = grid_figure(grid, "By year", labels)
    bands = [shape for shape in figure.layout.shapes if shape.type == "rect"]
    assert [(band.x0, band.x1) for band in bands] == [(0.5, 1.5)]
    assert [(shape.y0, shape.y1) for shape in figure.layout.shapes if shape.type == "line"] == [(3.5, 3.5)]


def test_hover_names_the_cell_and_up_to_five_escaped_titles(vocab, labels):
    rows = [(f"e{i}", f"Talks <b>#{i}</b>", ["USA"], ["steel"], f"2025-01-0{i}") for i in range(1, 8)]
    events = _events(rows)
    figure = grid_figure(partner_grid(events, vocab, ["steel"]), "Hover", labels)
    [hover] = figure.data[0].hovertext
    assert hover.startswith("<b>United States</b> × <b>Steel</b><br>7 events<br>")
    assert "Talks &lt;b&gt;#1&lt;/b&gt;" in hover and "<b>#1</b>" not in hover
    assert "#5" in hover and "#6" not in hover and hover.endswith("… and 2 more")


def test_a_cell_keeps_five_titles_for_its_hover_but_counts_and_lists_every_event(vocab):
    events = _events([(f"e{i}", f"Talks {i}", ["USA"], ["steel", "steel"], f"2025-01-{i:02d}") for i in range(1, 9)])
    for grid in (partner_grid(events, vocab, ["steel"]), period_grid(events, vocab, ["steel"])):
        [cell] = grid.cells.itertuples()
        assert cell.count == 8 and cell.event_ids == [f"e{i}" for i in range(1, 9)]  # a repeated sector counts once
        assert cell.titles == [f"Talks {i}" for i in range(1, 6)]  # the first five, all the hover shows


def test_counts_of_four_digits_are_written_small_enough_to_fit_their_cells(vocab, labels):
    events = _events(
        [(f"e{i}", "Talks", ["USA"], ["steel"], "2025-01-01") for i in range(1200)] + [("c", "Talks", ["CAN"], ["steel"], "2025-01-01")]
    )
    [trace] = grid_figure(partner_grid(events, vocab, ["steel"]), "Many", labels).data
    assert list(trace.text) == ["1", "1200"]  # Canada, then the United States
    assert 4 * 0.62 * trace.textfont.size <= trace.marker.size  # four digits inside the square
    [small] = grid_figure(partner_grid(events.iloc[:5], vocab, ["steel"]), "Few", labels).data
    assert small.textfont.size == 13  # as before for counts that fit
