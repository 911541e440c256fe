"""Every page in real Chromium: it draws, shows no exception box, and needs no network."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sctracker.app.pages import PAGES
from sctracker.briefing.browser import CHROMIUM, EXCEPTION, full_page_screenshot, serve, wait_until_drawn
from tests.conftest import PROJECT

PATHS = [spec.link_path for spec in PAGES]  # each page once, by its address
IDS = [spec.slug for spec in PAGES]
SCREENSHOTS = Path(os.environ.get("SCTRACKER_SCREENSHOTS", PROJECT / "out" / "screenshots"))


@pytest.fixture(scope="module")
def app_url(fixture_url):
    return fixture_url


@pytest.mark.parametrize("path", PATHS, ids=IDS)
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
    assert page.locator(".st-key-view-line").inner_text().startswith("Batteries · 2 of 3 events")  # of the fixture's 3
    counts = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=" event").all_inner_texts()
    assert "2 events" in counts  # the table's count


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """The hostile corpus, and in the dashboard's cache folder a pickle that would leave a mark if it were loaded."""
    import shutil

    from tests.conftest import GOOD
    from tests.hostile_corpus import plant_cache_that_runs, write_corpus

    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(GOOD, project)
    write_corpus(project / "curated" / "events")
    plant_cache_that_runs(project / "curated", project / "seeds")
    return project


@pytest.fixture(scope="module")
def hostile_url(hostile_project):
    with serve(hostile_project / "curated", hostile_project / "seeds") as url:
        yield url


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_hostile_records_run_nothing_and_show_literally(hostile_url, hostile_project, page, path):
    from tests.hostile_corpus import IMG_SUMMARY, SCRIPT_TITLE, SECRET, outside_folder

    page.goto(f"{hostile_url}/{path}?record=2025-12-02-html-record")
    wait_until_drawn(page)
    assert page.locator(EXCEPTION).count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator('[data-testid="stMain"] script').count() == 0
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    assert page.get_by_text("record files were rejected").count() == 1
    assert SECRET not in page.content()  # nothing outside the data folders read or shown
    assert not (outside_folder(hostile_project / "curated" / "events") / "cache-ran").exists()  # the planted cache ran nothing
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


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_a_link_with_filters_opens_the_same_view_on_every_page(app_url, fixture_project, page, path):
    from sctracker.query.filters import Filters, apply_filters
    from sctracker.records.load import load

    page.goto(f"{app_url}/{path}?sector=batteries&partner=CAN")
    wait_until_drawn(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Batteries", exact=True).count() == 1 and sidebar.get_by_text("Canada", exact=True).count() == 1
    assert "sector=batteries" in page.url and "partner=CAN" in page.url  # the address bar keeps the view
    expected = len(apply_filters(load(*fixture_project).events, Filters(sectors=("batteries",), partners=("CAN",))))
    view_line = page.locator(".st-key-view-line").inner_text()
    assert view_line.startswith(f"Canada · Batteries · {expected} of 3 event"), view_line  # every page says the view


def test_sources_page_highlights_every_quote_of_a_document(app_url, fixture_project, page):
    from sctracker.figures.sources_view import citations_of, segments
    from sctracker.records.load import load

    dataset = load(*fixture_project)
    source = "000_4e5a9cc05a6421ba.txt#1"
    page.goto(f"{app_url}/sources?source={source.replace('#', '%23')}")
    wait_until_drawn(page)
    expected = [p for p in segments(dataset.sources.at[source, "text"], citations_of(dataset.events, source)) if p.record_ids]
    highlighted = page.locator('[data-testid="stMain"] .stMarkdown span[style*="background"]')
    assert highlighted.count() >= len(expected) > 0
    assert page.get_by_role("link", name="2nd Korea–Testland Battery Forum").count() >= 1


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("runuser"), reason="needs runuser to try Chromium as a normal user")
def test_chromium_runs_sandboxed_as_a_normal_user():
    # as root (CI, containers) the tests themselves run with --no-sandbox; here Chromium starts as a normal
    # user with the switches that user gets, which keep the sandbox, and draws a page
    import tempfile

    from sctracker.briefing.browser import chromium_args

    user_args = chromium_args(euid=65534)
    assert "--no-sandbox" not in user_args
    with tempfile.TemporaryDirectory() as home:
        os.chmod(home, 0o777)  # a folder the unprivileged user may write its profile to
        command = [CHROMIUM, "--headless", *user_args, f"--user-data-dir={home}/profile", "--dump-dom", "data:text/html,<p>sandboxed</p>"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "nobody", "--", "env", f"HOME={home}", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "<p>sandboxed</p>" in done.stdout, done.stderr[-2000:]
