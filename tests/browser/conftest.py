"""What the browser tests share: Debian's Chromium (or a skip that says how to get it), the dashboard served
on the fixture the tests own, and the moves a reader makes (choose in a sidebar list, click a page link)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sctracker.briefing.browser import CHROMIUM, READY, chromium, serve, wait_until_drawn
from tests.conftest import GOOD

if not Path(CHROMIUM).exists() and os.environ.get("CI"):
    raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")


def pytest_collection_modifyitems(items):
    """Every test here is a browser test; without Chromium each is skipped with the command that installs it."""
    missing = not Path(CHROMIUM).exists()
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed: run apt-get install -y chromium, as .ci/run does"))


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the good fixture for one module's server: (curated, seeds)."""
    project = tmp_path_factory.mktemp("served") / "project"
    shutil.copytree(GOOD, project)
    return project / "curated", project / "seeds"


@pytest.fixture(scope="module")
def fixture_url(fixture_project):
    """The dashboard served on the module's copy of the good fixture."""
    with serve(*fixture_project) as url:
        yield url


@pytest.fixture(scope="module")
def page():
    with chromium(width=1400, height=900) as page:
        yield page


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def go_to(page, title: str) -> None:
    """Click a page's link in the sidebar's menu, as a reader does, and wait until it has drawn."""
    sidebar(page).get_by_role("link", name=title, exact=True).click()
    page.locator('[data-testid="stHeading"]').filter(
        has_text=title if title != "Overview" else "Supply-Chain Partnership Tracker"
    ).first.wait_for()
    wait_until_drawn(page)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar's multiselect labelled ``label``."""
    box = _multiselect(page, label)
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    box.locator(f'.react-aria-ComboBox [data-tag][aria-label="{option}"]').first.wait_for()
    wait_until_drawn(page)


def chips(page, label: str) -> list[str]:
    """The options chosen in the sidebar's multiselect labelled ``label``."""
    box = _multiselect(page, label)
    return [tag.get_attribute("aria-label") for tag in box.locator(".react-aria-ComboBox [data-tag]").all()]


def _multiselect(page, label: str):
    """The sidebar's multiselect labelled ``label`` as drawn by the last run (not a stale copy of an earlier one)."""
    fresh = sidebar(page).locator('[data-testid="stElementContainer"]:not([data-stale="true"]) [data-testid="stMultiSelect"]')
    return fresh.filter(has=page.get_by_text(label, exact=True)).first


__all__ = ["READY", "chips", "choose", "go_to", "sidebar"]
