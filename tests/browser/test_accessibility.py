"""Accessibility in Chromium: axe-core finds no violation on any page, in any view, and every filter and page
can be reached and used with the keyboard alone.

axe-core comes from the ``axe-playwright-python`` package, which bundles ``axe.min.js``: nothing is fetched.
Every rule axe runs by default runs here (WCAG 2.x A and AA, and best practices); none is turned off.
"""

from __future__ import annotations

import functools
from urllib.parse import parse_qs, urlparse

import pytest

from sctracker.app.pages import PAGES
from sctracker.briefing.browser import EXCEPTION, wait_until_drawn
from tests.browser.conftest import chips, sidebar

PATHS = [spec.link_path for spec in PAGES]
IDS = [spec.slug for spec in PAGES]
#: The views the baseline audit measured: normal and presentation mode, at the default filters and with one set.
VIEWS = {"default": "", "filtered": "sector=batteries", "present": "present=1", "present-filtered": "present=1&sector=batteries"}


@functools.cache
def axe_script() -> str:
    from axe_playwright_python.base import AXE_FILE_PATH

    return AXE_FILE_PATH.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is drawn: its violations, each with the elements that fail."""
    page.evaluate(axe_script())
    return page.evaluate("() => axe.run(document, {resultTypes: ['violations']}).then(result => result.violations)")


def described(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(
            f"    {node['target']}: {node['html'][:200]}\n      {' '.join((node.get('failureSummary') or '').split())[:300]}"
            for node in v["nodes"][:5]
        )
        for v in violations
    )


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_axe_finds_no_violation(fixture_url, page, path, view):
    query = VIEWS[view]
    page.goto(f"{fixture_url}/{path}" + (f"?{query}" if query else ""))  # a new session: the link's view is read once
    wait_until_drawn(page)
    assert page.locator(EXCEPTION).count() == 0
    violations = axe_violations(page)
    assert violations == [], described(violations)


def test_axe_sees_a_violation_when_there_is_one(fixture_url, page):
    # the check itself works: an image without a text alternative, added to a drawn page, is reported
    page.goto(fixture_url)
    wait_until_drawn(page)
    page.evaluate(
        """() => { const img = document.createElement('img'); img.src = 'data:,';
                   document.querySelector('[data-testid="stMain"] [data-testid="stVerticalBlock"]').appendChild(img); }"""
    )
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]


#: Tab presses a reader may need to reach a control: the whole sidebar and a page's controls fit well within it.
MAX_TABS = 80


def tab_to(page, where: str, focused: str, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab ``backwards``) until the element with focus matches ``focused``, a JavaScript test of
    ``el`` (the focused element); fail, saying ``where``, if it is not reached in ``MAX_TABS`` presses."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && !!({focused}); }}"):
            return
    raise AssertionError(f"{where}: not reached by keyboard in {MAX_TABS} presses of Tab")


def in_widget(test_id: str, label: str) -> str:
    """A focus test: ``el`` is the text box of the widget of ``test_id`` labelled ``label`` (not its help icon)."""
    return f"el.tagName === 'INPUT' && el.closest('[data-testid=\"{test_id}\"]') && el.closest('[data-testid=\"{test_id}\"]').innerText.includes({label!r})"


def page_link(title: str) -> str:
    return f"el.matches('[data-testid=\"stSidebar\"] a') && el.innerText.trim().endsWith({title!r})"


def choose_by_typing(page, text: str) -> None:
    """In the focused list, type ``text`` and take the first option it leaves with Enter, then let the page redraw."""
    page.keyboard.type(text)
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until_drawn(page)


def go_by_keyboard(page, title: str, path: str) -> None:
    """From wherever the focus is, back up to the sidebar's link to ``title`` and follow it with Enter."""
    tab_to(page, f"the menu's link to {title}", page_link(title), backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{path}**")
    wait_until_drawn(page)


def heading(page, text: str):
    return page.locator('[data-testid="stMain"] [data-testid="stHeading"]').filter(has_text=text)


@pytest.mark.timeout(600)
def test_keyboard_alone_sets_a_filter_moves_between_pages_and_does_what_a_chart_click_does(fixture_url, page):
    page.goto(fixture_url)
    wait_until_drawn(page)

    tab_to(page, "the sidebar's Sectors filter", in_widget("stMultiSelect", "Sectors"))
    choose_by_typing(page, "Batteries")
    assert chips(page, "Sectors") == ["Batteries"]
    assert parse_qs(urlparse(page.url).query).get("sector") == ["batteries"]

    go_by_keyboard(page, "Timeline", "timeline")
    assert page.locator(".st-key-view-line").inner_text().startswith("Batteries · 2 of 3 events")  # the filter came along
    tab_to(page, "the Timeline's list of events", in_widget("stMultiSelect", "List events chosen by name"))
    choose_by_typing(page, "Battery Forum")  # what a click on the event does
    assert heading(page, "Selected events").count() == 1

    go_by_keyboard(page, "Sectors", "sectors")
    tab_to(page, "the Sectors page's list of cells", in_widget("stMultiSelect", "List the events of cells"))
    choose_by_typing(page, "Batteries")  # what a click on a cell does
    assert heading(page, "× Batteries").count() == 1

    go_by_keyboard(page, "Partner map", "partner_map")
    tab_to(page, "the map's list of partners", in_widget("stSelectbox", "List the events of"))
    choose_by_typing(page, "Canada")  # what a click on Canada does
    assert heading(page, "Events with Canada").count() == 1

    assert page.locator(EXCEPTION).count() == 0
    assert sidebar(page).is_visible()
