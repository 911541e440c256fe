"""Every page in real Chromium: it draws, shows no exception box, and needs no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sctracker.briefing.browser import EXCEPTION, chromium, full_page_screenshot, page_paths, serve, wait_until_drawn
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser


PAGES = page_paths()  # each page once, by its address
SCREENSHOTS = Path(os.environ.get("SCTRACKER_SCREENSHOTS", PROJECT / "out" / "screenshots"))


@pytest.fixture(scope="module")
def app_url():
    with serve() as url:
        yield url


@pytest.fixture(scope="module")
def page():
    with chromium() as page:
        yield page


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_page_draws_without_exception_or_network(app_url, page, path):
    blocked = []
    page.on("requestfailed", lambda request: blocked.append(request.url))
    page.goto(f"{app_url}/{path}")
    wait_until_drawn(page)
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Filters", exact=True).count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    full_page_screenshot(page, SCREENSHOTS / f"{path or 'overview'}.png")
    assert [url for url in blocked if "127.0.0.1" not in url] == [], "the page asked for something off this machine"


def test_overview_filter_from_link_shows_the_same_records(app_url, page):
    page.goto(f"{app_url}/?sector=batteries")
    wait_until_drawn(page)
    assert page.get_by_text("Download these events as CSV").count() == 1
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=" event").first.inner_text()
    from sctracker.query.filters import Filters, apply_filters
    from sctracker.records.load import load

    expected = len(apply_filters(load().events, Filters(sectors=("batteries",))))
    assert caption.startswith(f"{expected} event")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    import shutil

    from tests.conftest import GOOD
    from tests.hostile_corpus import write_corpus

    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(GOOD, project)
    write_corpus(project / "curated" / "events")
    with serve(project / "curated", project / "seeds") as url:
        yield url


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_hostile_records_run_nothing_and_show_literally(hostile_url, page, path):
    from tests.hostile_corpus import IMG_SUMMARY, SCRIPT_TITLE

    page.goto(f"{hostile_url}/{path}?record=2025-12-02-html-record")
    wait_until_drawn(page)
    assert page.locator(EXCEPTION).count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator('[data-testid="stMain"] script').count() == 0
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    assert page.get_by_text("record files were rejected").count() == 1
    if path == "":
        main = page.locator('[data-testid="stMain"]')
        assert main.get_by_text(SCRIPT_TITLE, exact=True).count() >= 1
        assert main.get_by_text(IMG_SUMMARY, exact=True).count() == 1


def test_presentation_mode_hides_the_chrome(app_url, page):
    page.goto(f"{app_url}/?present=1&sector=batteries")
    wait_until_drawn(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.get_by_role("button", name="Exit presentation mode").count() == 1
    page.get_by_role("button", name="Exit presentation mode").click()
    wait_until_drawn(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()


def test_briefing_pack_writes_pages_csv_and_index(tmp_path):
    import numpy as np
    from PIL import Image

    from sctracker.briefing.pack import PACK_SCALE, PACK_WIDTH
    from sctracker.export import events_csv
    from sctracker.query.filters import Filters, apply_filters
    from sctracker.records.load import load
    from tests.conftest import GOOD

    # the command in a process of its own: playwright allows one sync session per process, and this module holds one
    command = [sys.executable, "-m", "sctracker", "briefing", "--out", str(tmp_path / "pack"), "--sector", "batteries",
               "--curated", str(GOOD / "curated"), "--seeds", str(GOOD / "seeds")]  # fmt: skip
    env = dict(os.environ, SCTRACKER_CACHE=str(tmp_path / "cache"))  # keep the fixture folder clean
    listing = subprocess.run(command, check=True, capture_output=True, text=True, timeout=600, env=env).stdout
    files = [Path(line.split(": ", 1)[0]) for line in listing.splitlines()]
    filters = Filters(sectors=("batteries",))
    pngs = [f for f in files if f.suffix == ".png"]
    assert len(pngs) == len(PAGES)
    for png in pngs:
        image = Image.open(png)
        assert image.width == PACK_WIDTH * PACK_SCALE and image.height > 600
        pixels = np.asarray(image.convert("L"), dtype=float)
        assert pixels.std() > 10, f"{png.name} looks blank"
    [csv_file] = [f for f in files if f.suffix == ".csv"]
    assert csv_file.read_bytes() == events_csv(apply_filters(load(GOOD / "curated", GOOD / "seeds").events, filters))
    index = (tmp_path / "pack" / "index.md").read_text(encoding="utf-8")
    assert "- View: Batteries" in index and "- Events: 2 of 3 records" in index
    assert files[-1].name == "index.md" and all(f.name in index for f in files[:-1])


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_a_link_with_filters_opens_the_same_view_on_every_page(app_url, page, path):
    from sctracker.query.filters import Filters, apply_filters
    from sctracker.records.load import load

    page.goto(f"{app_url}/{path}?sector=batteries&partner=CAN")
    wait_until_drawn(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Batteries", exact=True).count() == 1 and sidebar.get_by_text("Canada", exact=True).count() == 1
    assert "sector=batteries" in page.url and "partner=CAN" in page.url  # the address bar keeps the view
    expected = len(apply_filters(load().events, Filters(sectors=("batteries",), partners=("CAN",))))
    if path != "Sources":
        counts = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=" event").all_inner_texts()
        assert f"{expected} event{'s' if expected != 1 else ''}" in counts


def test_sources_page_highlights_every_quote_of_a_document(app_url, page):
    from sctracker.figures.sources_view import citations_of, segments
    from sctracker.records.load import load

    dataset = load()
    source = "001_9b46d61e6e31a0a3.txt#1"
    page.goto(f"{app_url}/Sources?source={source.replace('#', '%23')}")
    wait_until_drawn(page)
    expected = [p for p in segments(dataset.sources.at[source, "text"], citations_of(dataset.events, source)) if p.record_ids]
    highlighted = page.locator('[data-testid="stMain"] .stMarkdown span[style*="background"]')
    assert highlighted.count() >= len(expected) > 0
    assert page.get_by_role("link", name="5th Korea–U.S. Standards Forum").count() >= 1
