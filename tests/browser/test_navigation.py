"""A reader's tour in Chromium: filters and page choices survive every move through the sidebar's menu and the
browser's back and forward buttons, the copied link opens the same view in a fresh browser, and Reset
brings everything back to all records."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from sctracker.app.pages import PAGES
from sctracker.briefing.browser import EXCEPTION, wait_until_drawn
from tests.browser.conftest import chips, choose, go_to, sidebar


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _assert_filters_kept(page, where: str) -> None:
    assert page.locator(EXCEPTION).count() == 0, where
    assert chips(page, "Sectors") == ["Batteries"], where
    assert _query(page).get("sector") == ["batteries"], (where, page.url)
    view_line = page.locator(".st-key-view-line").inner_text()
    assert view_line.startswith("Batteries · 2 of 3 events"), f"{where}: the page does not say the view is filtered ({view_line!r})"


@pytest.mark.timeout(900)  # a long tour of every page, twice
def test_filters_and_page_choices_survive_the_menu_back_forward_and_a_copied_link(fixture_url, page):
    page.goto(fixture_url)
    wait_until_drawn(page)
    choose(page, "Sectors", "Batteries")
    _assert_filters_kept(page, "Overview")

    for spec in PAGES[1:]:  # every page through the sidebar's menu
        go_to(page, spec.title)
        _assert_filters_kept(page, spec.title)
        assert urlparse(page.url).path.rstrip("/").endswith(spec.url_path)

    go_to(page, "Partner map")  # a page choice: it goes into the link, and stays when the reader comes back
    page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').get_by_text("Critical minerals", exact=True).click()
    page.wait_for_url("**map=critical_minerals**")
    wait_until_drawn(page)
    go_to(page, "Sectors")
    assert "map" not in _query(page)  # another page's choice is not this page's view
    go_to(page, "Partner map")
    assert _query(page).get("map") == ["critical_minerals"]
    _assert_filters_kept(page, "Partner map, back through the menu")

    page.go_back()  # the browser's own buttons
    page.wait_for_url("**/sectors**")
    wait_until_drawn(page)
    _assert_filters_kept(page, "Sectors, after Back")
    page.go_forward()
    page.wait_for_url("**/partner_map**")
    wait_until_drawn(page)
    _assert_filters_kept(page, "Partner map, after Forward")

    sidebar(page).get_by_text("Copy link to this view").click()
    link = sidebar(page).locator('[data-testid="stCode"]').inner_text().strip()
    assert "sector=batteries" in link and "map=critical_minerals" in link
    colleague = page.context.browser.new_context(viewport={"width": 1400, "height": 900})  # a fresh browser: no session
    try:
        fresh = colleague.new_page()
        fresh.goto(link)
        wait_until_drawn(fresh)
        _assert_filters_kept(fresh, "the copied link")
        selected = fresh.locator(
            '[data-testid="stMain"] [data-testid="stButtonGroup"] [aria-checked="true"], [data-testid="stMain"] [data-testid="stButtonGroup"] [aria-pressed="true"]'
        )
        assert "Critical minerals" in selected.first.inner_text()
        for spec in PAGES:
            go_to(fresh, spec.title)
            _assert_filters_kept(fresh, f"{spec.title}, from the copied link")
    finally:
        colleague.close()

    sidebar(page).get_by_role("button", name="Reset filters").click()
    page.wait_for_function("() => !location.search.includes('sector=')")
    wait_until_drawn(page)
    assert chips(page, "Sectors") == [] and _query(page) == {}
    go_to(page, "Partner map")
    assert "map" not in _query(page)  # the page's choice is back to its first state too
