"""The briefing deck, opened with python-pptx: its slides, titles, pictures, notes and tables, on the good fixture
(the charts' images are stand-ins here; tests/browser draws the real ones)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from sctracker.briefing.charts import deck_file_name, view_charts
from sctracker.briefing.deck import DeckView, briefing_deck, cited_sources, table_pages
from sctracker.figures.style import SLIDE
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import load

ON = dt.date(2026, 2, 1)


@pytest.fixture
def dataset(good_copy):
    return load(*good_copy)


def _image() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", SLIDE.pixels, "white").save(out, format="PNG")
    return out.getvalue()


def _deck(dataset, events: pd.DataFrame, filters: Filters | None = None):
    charts = view_charts(dataset, filters or Filters(), events, on=ON)
    view = DeckView("All records", f"all {len(events)} events", ON, "Source: test · generated 2026-02-01")
    data = briefing_deck(view, [(chart, _image()) for chart in charts], events, dataset.sources)
    return charts, Presentation(io.BytesIO(data))


def _titles(deck) -> list[str]:
    return [slide.shapes.title.text for slide in deck.slides]


def test_the_deck_has_a_title_slide_a_slide_a_chart_the_events_and_the_sources(dataset):
    charts, deck = _deck(dataset, dataset.events)
    assert [chart.name for chart in charts] == ["timeline", "timeline-per-month", "sector-matrix", "sector-by-year", "partner-map"]
    assert len(deck.slides) == 1 + len(charts) + 1 + 1
    assert _titles(deck) == [
        "Supply-Chain Partnership Tracker: briefing",
        *[chart.text.takeaway for chart in charts],
        "Events in view: 3 events",
        "Sources cited: 3 sources",
    ]
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9
    subtitle = deck.slides[0].placeholders[1].text_frame.text
    assert subtitle.splitlines() == ["All records", "all 3 events · 1 February 2026", "Source: test · generated 2026-02-01"]


def test_each_chart_slide_holds_one_picture_with_its_summary_as_notes_and_alternative_text(dataset):
    charts, deck = _deck(dataset, dataset.events)
    for chart, slide in zip(charts, list(deck.slides)[1:]):
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == 1, chart.name
        assert pictures[0].image.size == SLIDE.pixels
        assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == chart.text.summary
        assert pictures[0].width * 9 == pytest.approx(pictures[0].height * 16, rel=0.001)  # not stretched
        assert pictures[0].left + pictures[0].width <= deck.slide_width and pictures[0].top > slide.shapes.title.top
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith(chart.text.summary) and chart.labels.source_line in notes


def _table(slide) -> list[list[str]]:
    [shape] = [shape for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def test_the_events_table_lists_every_event_in_view_with_its_people_readable_columns(dataset):
    _, deck = _deck(dataset, dataset.events)
    rows = _table(deck.slides[-2])
    assert rows[0] == ["Date", "Title", "Type", "Status", "Partners", "Sectors"]
    assert [row[1] for row in rows[1:]] == list(dataset.events["title"])
    assert rows[1] == [
        "Jun 2024",
        "Korea–Exampleland critical minerals partnership",
        "Agreement",
        "Signed",
        "Canada",
        "Critical minerals, Batteries",
    ]


def test_the_sources_slide_cites_what_the_events_cite_with_a_link_where_a_url_is_known(dataset):
    union = apply_filters(dataset.events, Filters(partners=("EUU",)))
    _, deck = _deck(dataset, union)
    assert _titles(deck)[-1] == "Sources cited: 1 source"
    assert _table(deck.slides[-1]) == [
        ["Outlet", "Headline", "Published"],
        ["unknown", "[Korea and the Union hold a semiconductor dialogue]", "2026 (inferred)"],
    ]
    with_url = dataset.sources.assign(url=["https://example.com/a", None, "javascript:alert(1)"])
    table = cited_sources(with_url, dataset.events)
    assert list(table.columns[-1:]) == ["URL"] and set(table["URL"]) == {"https://example.com/a", "", "javascript:alert(1)"}
    charts = view_charts(dataset, Filters(), dataset.events, on=ON)
    data = briefing_deck(DeckView("All", "all", ON, "Source"), [(charts[0], _image())], dataset.events, with_url)
    [shape] = [shape for shape in Presentation(io.BytesIO(data)).slides[-1].shapes if shape.has_table]
    links = {
        cell.text: run.hyperlink.address
        for row in shape.table.rows
        for cell in row.cells
        for p in cell.text_frame.paragraphs
        for run in p.runs
    }
    assert links["https://example.com/a"] == "https://example.com/a"
    assert links["javascript:alert(1)"] is None  # only web addresses become links


def test_a_long_table_is_paged_and_every_row_appears_once(dataset):
    many = pd.concat([dataset.events] * 14, ignore_index=True)  # 42 events
    _, deck = _deck(dataset, many)
    titles = [title for title in _titles(deck) if title.startswith("Events in view")]
    assert len(titles) > 1 and titles[0].startswith("Events in view (1–") and titles[-1].endswith("of 42)")
    shown = [row[1] for slide in deck.slides if slide.shapes.title.text.startswith("Events in view") for row in _table(slide)[1:]]
    assert shown == list(many["title"])


@pytest.mark.parametrize("long_text", [10, 400])
def test_table_pages_fit_their_room(long_text):
    rows = [["x" * long_text, "y"] for _ in range(30)]
    pages = table_pages(rows, [2.0, 2.0], room=5.9)
    assert [index for page in pages for index in page] == list(range(30))
    assert all(len(page) >= 1 for page in pages)
    if long_text == 400:  # 400 characters in 2 inches: about 16 lines a row, so a page or two rows at most
        assert max(len(page) for page in pages) <= 2


def test_a_view_with_no_events_still_makes_a_deck_that_says_so(dataset):
    charts, deck = _deck(dataset, dataset.events.iloc[:0])
    assert [chart.name for chart in charts] == ["timeline", "timeline-per-month", "partner-map"]  # empty grids are left out
    assert _titles(deck)[1:4] == ["No events match the filters", "No events with a known month", "No partners in view"]
    assert _titles(deck)[-2:] == ["Events in view: none", "Sources cited: none"]


def test_files_are_named_for_the_chart_the_view_and_the_day(dataset):
    charts = view_charts(dataset, Filters(partners=("EUU",)), dataset.events, on=ON)
    assert charts[0].file_name(SLIDE) == "sctracker-timeline_partner-EUU_2026-02-01_slide.png"
    assert deck_file_name(Filters(partners=("EUU",)), ON) == "sctracker-briefing_partner-EUU_2026-02-01.pptx"
