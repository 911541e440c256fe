"""The briefing pack in Debian's Chromium: every chart alone at slide sizes, not blank, the map drawn; the deck with
a picture a chart slide; its PDF, with a slide rendered to PNG to look at (out/screenshots); nothing fetched
off this machine; and the pages' slide downloads, clicked as a reader does."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pptx import Presentation

from sctracker.briefing import office
from sctracker.briefing.browser import chromium
from sctracker.briefing.charts import deck_file_name, view_charts
from sctracker.briefing.pack import make_pack
from sctracker.briefing.render import SlideRenderer
from sctracker.figures import partner_map
from sctracker.figures.style import SLIDE, SLIDE_SIZES
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import load
from tests.browser.conftest import go_to
from tests.conftest import PROJECT

ON = dt.date(2026, 2, 1)
VIEW = Filters(partners=("EUU", "USA"))
SCREENSHOTS = Path(os.environ.get("SCTRACKER_SCREENSHOTS", PROJECT / "out" / "screenshots"))

if office.soffice() is None and os.environ.get("CI"):
    raise RuntimeError(f"soffice is missing: .ci/run installs it ({office.INSTALL_HINT})")


@pytest.fixture(scope="module")
def pack(fixture_project, tmp_path_factory) -> tuple[Path, list]:
    out = tmp_path_factory.mktemp("pack")
    return out, make_pack(out, VIEW, *fixture_project, on=ON)


@pytest.fixture(scope="module")
def charts(fixture_project):
    dataset = load(*fixture_project)
    return view_charts(dataset, VIEW, apply_filters(dataset.events, VIEW), on=ON)


def _not_blank(image: Image.Image) -> None:
    grey = image.convert("L")
    assert ImageStat.Stat(grey).stddev[0] > 8, "the image is (nearly) one colour"
    assert len(grey.getcolors(maxcolors=256 * 256) or range(99)) > 20


def test_each_chart_is_alone_at_each_slide_size_and_not_blank(pack, charts):
    out, written = pack
    assert [chart.name for chart in charts] == ["timeline", "timeline-per-month", "sector-matrix", "sector-by-year", "partner-map"]
    for chart in charts:
        for size in SLIDE_SIZES:
            path = out / chart.file_name(size)
            assert path in [item.path for item in written]
            with Image.open(path) as image:
                assert image.size == size.pixels, path.name
                _not_blank(image)


def test_the_map_is_drawn_not_only_its_words(pack, charts):
    """Korea and the lines from Seoul are drawn by deck.gl: their colours prove the map drew, not just the page."""
    [chart] = [chart for chart in charts if chart.map is not None]
    with Image.open(pack[0] / chart.file_name(SLIDE)) as image:
        colours = {colour for _, colour in image.convert("RGB").getcolors(maxcolors=1920 * 1080)}
    home = tuple(int(partner_map.HOME_COLOR[i : i + 2], 16) for i in (1, 3, 5))
    country = tuple(int(partner_map.COUNTRY_COLORS[0][i : i + 2], 16) for i in (1, 3, 5))  # the United States, 1 event
    assert home in colours and country in colours


def test_the_deck_carries_each_chart_image_under_its_takeaway(pack, charts):
    out, _ = pack
    deck = Presentation(out / deck_file_name(VIEW, ON))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(charts) + 2  # title, charts, events, sources
    for chart, slide in zip(charts, slides[1:]):
        assert slide.shapes.title.text == chart.text.takeaway
        [picture] = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert picture.image.blob == (out / chart.file_name(SLIDE)).read_bytes()
        assert slide.notes_slide.notes_text_frame.text.startswith(chart.text.summary)


@pytest.mark.skipif(office.soffice() is None, reason=f"LibreOffice is not installed: {office.INSTALL_HINT} (.ci/run installs it)")
def test_the_deck_as_pdf_and_a_chart_slide_rendered_to_look_at(pack):
    import pypdfium2

    out, written = pack
    pdf = out / deck_file_name(VIEW, ON).replace(".pptx", ".pdf")
    assert pdf in [item.path for item in written]
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) == 1 + 5 + 2
    width, height = document[1].get_size()
    assert width * 9 == pytest.approx(height * 16, rel=0.01)
    image = document[1].render(scale=1920 / width).to_pil()  # the timeline's slide
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image.save(SCREENSHOTS / "briefing-deck-slide-2.png")
    assert image.size[0] == 1920
    _not_blank(image)


def test_the_index_lists_every_file_and_each_chart_takeaway(pack, charts):
    out, written = pack
    index = (out / "index.md").read_text(encoding="utf-8")
    assert all(item.path.name in index for item in written[:-1])
    assert all(chart.text.takeaway in index for chart in charts)


def test_drawing_slides_asks_nothing_off_this_machine(charts):
    with chromium(width=960, height=540, scale=2) as page:
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        renderer = SlideRenderer(page)
        for chart in (charts[0], charts[-1]):  # a plotly chart and the map
            [image] = renderer.pngs(chart, [SLIDE])
            _not_blank(Image.open(io.BytesIO(image)))
    assert [url for url in asked if not url.startswith(("data:", "about:", "blob:"))] == []


def test_the_pages_slide_downloads_when_clicked(fixture_url, page):
    """The button's file is made in a thread of the server when clicked: the map's, in a browser of its own."""
    page.goto(f"{fixture_url}/?partner=USA")
    go_to(page, "Partner map")
    with page.expect_download(timeout=180_000) as download:
        page.get_by_role("button", name="Download for slides").click()
    assert download.value.suggested_filename.startswith("sctracker-partner-map_partner-USA_")
    with Image.open(download.value.path()) as image:
        assert image.size == SLIDE.pixels
        _not_blank(image)
    with page.expect_download(timeout=180_000) as download:
        page.get_by_role("button", name="Download briefing deck").click()
    deck = Presentation(download.value.path())
    assert deck.slides[0].placeholders[1].text_frame.text.startswith("United States")
    assert len([shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]) == 5
