"""Charts laid out for slides: the canvas a chart gets, where its title and legends land, a grid's cells,
the map's view and legend at a slide's size. Pure layout, no browser (tests/browser draws them)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from sctracker.figures import partner_map, sectors, timeline
from sctracker.figures.style import (
    HALF_SLIDE,
    MAX_SLIDE_ZOOM,
    SLIDE,
    SLIDE_PAD,
    ChartLabels,
    slide_figure,
    slide_labels,
    style_figure,
    title_pixels,
)
from sctracker.query.filters import Filters
from sctracker.records.load import load


@pytest.fixture
def dataset(good_copy):
    return load(*good_copy)


def _labels(dataset, chart: str = "test") -> ChartLabels:
    return ChartLabels.for_view(Filters(), dataset.vocab, dataset.events, chart, dt.date(2026, 2, 1))


def _from_top(item, height: int) -> float:
    """How far below the figure's top a title or legend placed in container coordinates sits (pixels)."""
    return (1 - item.y) * height


@pytest.mark.parametrize(
    ("size", "needed", "zoom", "canvas"),
    [
        (SLIDE, (960, 540), 1.0, (960, 540)),  # fits: the size's own canvas
        (SLIDE, (800, 300), 1.0, (960, 540)),  # smaller, of no fixed size: not zoomed
        (SLIDE, (960, 1080), 1.0, (1920, 1080)),  # taller: grows, its shape kept
        (SLIDE, (480, 270), 1.5, (640, 360)),  # a small fixed chart: drawn at most 1.5 times larger
        (SLIDE, (900, 300), 1.5, (900, 507)),  # ... or as much larger as fills the canvas
        (HALF_SLIDE, (600, 300), 1.0, (600, 676)),
    ],
)
def test_canvas_keeps_the_slide_shape_and_grows_or_zooms_as_the_chart_needs(size, needed, zoom, canvas):
    assert size.canvas_for(needed, max_zoom=zoom) == canvas
    assert canvas[1] / canvas[0] == pytest.approx(size.pixels[1] / size.pixels[0], abs=0.01)


def test_a_stretching_chart_fills_the_canvas_and_keeps_its_titles_and_legends_from_the_top(dataset):
    figure = timeline.timeline_figure(dataset.events, dataset, _labels(dataset), None, None)
    placed, canvas = slide_figure(figure, SLIDE)
    assert canvas == SLIDE.canvas and (placed.layout.width, placed.layout.height) == canvas
    assert placed.layout.margin.t == figure.layout.margin.t + SLIDE_PAD  # legends sit in the top margin, lowered by the pad
    assert _from_top(placed.layout.title, canvas[1]) == pytest.approx(_from_top(figure.layout.title, figure.layout.height) + SLIDE_PAD)
    legends = [key for key in figure.layout if key.startswith("legend")]
    assert legends
    for key in legends:
        before, after = _from_top(figure.layout[key], figure.layout.height), _from_top(placed.layout[key], canvas[1])
        assert after == pytest.approx(before + SLIDE_PAD)
    assert figure.layout.width is None  # the page's figure is left as it was


def test_a_tall_chart_gets_a_larger_canvas_rather_than_lanes_squeezed_past_a_point(dataset):
    many = dataset.events.loc[dataset.events.index.repeat(30)].assign(
        partners=[[code] for code in ["USA", "CAN", "FRA", "EUU"] * 22 + ["USA", "CAN"]]
    )
    figure = timeline.timeline_figure(many.reset_index(drop=True), dataset, _labels(dataset), None, None)
    placed, canvas = slide_figure(figure, SLIDE)
    plot = figure.layout.height - figure.layout.margin.t - figure.layout.margin.b
    placed_plot = canvas[1] - placed.layout.margin.t - placed.layout.margin.b
    assert placed_plot >= 0.7 * plot - 1


def test_a_fixed_size_grid_is_centred_with_its_cells_unchanged(dataset):
    grid = sectors.build_view(dataset.events, dataset.vocab, (), sectors.SectorView()).grid
    figure = sectors.grid_figure(grid, "Events by partner and sector", _labels(dataset))
    placed, canvas = slide_figure(figure, SLIDE)
    assert (placed.layout.width, placed.layout.height) == canvas
    assert canvas[0] < SLIDE.canvas[0] and canvas[0] * MAX_SLIDE_ZOOM >= SLIDE.canvas[0] - 1  # small: drawn larger
    plot_width = figure.layout.width - figure.layout.margin.l - figure.layout.margin.r
    assert canvas[0] - placed.layout.margin.l - placed.layout.margin.r == pytest.approx(plot_width)
    assert placed.layout.margin.l - figure.layout.margin.l == pytest.approx(placed.layout.margin.r - figure.layout.margin.r)


def test_a_grid_fits_a_slide_by_smaller_cells(dataset):
    rows = {f"s{n}": f"Sector {n}" for n in range(12)}
    cells = pd.DataFrame({"row": list(rows), "column": "2025", "count": 1, "event_ids": [["e"]] * 12, "titles": [["E"]] * 12})
    grid = sectors.Grid(cells, rows, {"2024": "2024", "2025": "2025"}, "Sector", "Year")
    page = sectors.grid_figure(grid, "Grid", _labels(dataset))
    slide = sectors.grid_figure(grid, "Grid", _labels(dataset), max_height=516)
    assert page.layout.height > 516 >= slide.layout.height  # 12 rows of the page's cells would not fit
    tiny = sectors.grid_figure(grid, "Grid", _labels(dataset), max_height=200)
    assert tiny.layout.height > 200  # cells shrink no further than the smallest legible


def test_slide_labels_wrap_to_the_canvas():
    labels = ChartLabels("word " * 40, "Source: " + "word " * 40, "stem")
    assert slide_labels(labels, SLIDE).wrap_chars > slide_labels(labels, HALF_SLIDE).wrap_chars >= 60


def test_the_map_fits_its_view_to_a_slide_canvas(dataset):
    drawn = partner_map.map_objects(partner_map.partner_table(dataset.events, dataset.vocab), dataset.vocab)
    page = partner_map.fitted_view(drawn)
    assert page == partner_map.fitted_view(drawn, partner_map.MAP_WIDTH_PIXELS, partner_map.MAP_HEIGHT_PIXELS)
    assert partner_map.fitted_view(drawn, 1200, 840)["zoom"] == pytest.approx(
        page["zoom"] + 1, abs=0.01
    )  # twice the canvas, one step closer
    deck = partner_map.partner_deck(dataset.events, dataset.vocab, canvas=(1200, 840))
    assert deck.initial_view_state.zoom == pytest.approx(page["zoom"] + 1, abs=0.01)


@pytest.mark.parametrize("width", [partner_map.LEGEND_WIDTH, 320, 200])
def test_the_map_legend_fits_its_width(dataset, width):
    svg = partner_map.legend_svg(partner_map.partner_table(dataset.events, dataset.vocab), width=width)
    assert re.search(rf'<svg [^>]*width="{width}"', svg)
    for x, text in re.findall(r'<text x="(\d+)"[^>]*>([^<]*)</text>', svg):
        assert int(x) + 7.2 * len(text) <= width + 8, text  # 13-pixel text, at a generous 7.2 pixels a character


def test_a_long_title_wraps_to_the_chart_and_the_figure_makes_room_for_it():
    labels = ChartLabels(subtitle="All records", source_line="Source: x", file_stem="x")
    short, long = "Events by partner", "Events by partner, Nov 2025 – Dec 2026 (all 7 events in view)"
    assert style_figure(go.Figure(), short, labels).layout.title.text.count("<br>") == 1  # only before the subtitle
    wrapped = style_figure(go.Figure(), long, labels)
    assert wrapped.layout.title.text.count("<br>") == 2  # one break in the title, one before the subtitle
    assert title_pixels(labels, long) > title_pixels(labels, short) == title_pixels(labels)
    assert wrapped.layout.margin.t == title_pixels(labels, long) + 18


def test_a_half_slide_timeline_lays_its_legends_out_for_its_narrower_canvas(dataset):
    from sctracker.briefing.charts import timeline_chart
    from sctracker.figures.legends import LEGEND_ROW_PIXELS, legend_width_for

    assert legend_width_for(HALF_SLIDE.canvas[0]) < LEGEND_ROW_PIXELS == legend_width_for(SLIDE.canvas[0])
    chart = timeline_chart(dataset, Filters(), dataset.events, on=dt.date(2026, 2, 1))

    def first_row(size) -> list[str]:
        figure = chart.figure(slide_labels(chart.labels, size), size.canvas)
        return [trace.name for trace in figure.data if trace.legend in (None, "legend") and trace.showlegend is not False and trace.name]

    # the status legend lists all five statuses: four fit a row on a whole slide, three on a half slide
    assert len(first_row(HALF_SLIDE)) < len(first_row(SLIDE))


def test_the_map_slide_adds_deck_gl_extensions_at_the_version_of_pydecks_deck_gl():
    """The map's dashes need deck.gl's PathStyleExtension, which pydeck's bundle lacks: the slide adds it, from a
    bundle built for the same deck.gl (another version's classes would not fit the core they run on)."""
    from pydeck.io.html import cdn_picker

    from sctracker.briefing import render

    [pydeck_version] = re.findall(r'let t="([0-9.]+)",e=globalThis\.deck&&globalThis\.deck\.VERSION', cdn_picker(offline=True))
    assert pydeck_version == render.EXTENSIONS_VERSION
    script = render._extensions_script()
    assert "PathStyleExtension" in script and "highPrecisionDash" in script
    assert script.count("</script") == 3  # its own three tags: nothing in the bundle ends one early
