"""The Sectors page in Chromium: a click on a cell lists its events."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PROJECT

HEADLINE = ["semiconductors", "batteries", "critical_minerals", "defense"]


@pytest.mark.browser
def test_clicking_a_cell_lists_its_events_in_chromium():
    from sctracker.briefing.browser import CHROMIUM, EXCEPTION, chromium, serve, wait_until_drawn

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with (
        serve(PROJECT / "tests" / "fixtures" / "good" / "curated", PROJECT / "tests" / "fixtures" / "good" / "seeds") as url,
        chromium() as page,
    ):
        page.goto(f"{url}/sectors")
        wait_until_drawn(page)
        # Canada × Batteries: the first cell drawn (cells are in partner-code, then sector order)
        box = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point').first.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.get_by_text("Events in Canada × Batteries").wait_for(timeout=15_000)
        wait_until_drawn(page)
        assert page.locator(EXCEPTION).count() == 0
        assert page.locator('[data-testid="stCaptionContainer"]').get_by_text("1 event", exact=True).count() == 1
        assert page.get_by_text("signed a critical minerals partnership in June 2024").count() == 1  # its quote
