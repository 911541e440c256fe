"""The Partner map in Chromium: hover shows the tooltip, a click filters the table, no network."""

from __future__ import annotations

import math
import re

import pytest

from sctracker import paths
from sctracker.figures import partner_map
from sctracker.figures.partner_map import geo
from sctracker.records.load import load

PAGE = "pages/partner_map.py"


def _pixel(box: dict, view: dict, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) in the map's frame is drawn in the deck's canvas at the ``view`` it opens on (Web Mercator)."""
    scale = 512 * 2 ** view["zoom"]

    def mercator(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    x = box["x"] + box["width"] / 2 + (lon - view["longitude"]) / 360 * scale
    y = box["y"] + box["height"] / 2 - (mercator(lat) - mercator(view["latitude"])) / (2 * math.pi) * scale
    return x, y


@pytest.mark.browser
def test_in_chromium_hover_and_click_a_partner(good_copy):
    from sctracker.briefing.browser import EXCEPTION, chromium, serve, wait_until_drawn

    curated, seeds = good_copy
    hostile = (curated / "events" / "2025-12-02-testland-battery-forum.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("2025-12-02-testland-battery-forum", "2025-12-05-hostile-title"),
        ("date: 2025-12-02", "date: 2025-12-05"),
        ("status: held", "status: planned"),  # held after its source was published would be a problem
        ("title: 2nd Korea–Testland Battery Forum", 'title: "<img src=x onerror=alert(1)> Talks"'),
        ('date_note: "Year from the release\'s date line 2025-12-03; December 2, 2025 is a Tuesday."', "date_note: Fixture."),
    ):
        assert old in hostile
        hostile = hostile.replace(old, new)
    (curated / "events" / "2025-12-05-hostile-title.yaml").write_text(hostile, encoding="utf-8")
    dataset = load(curated, seeds)
    assert len(dataset.events) == 4
    view = partner_map.fitted_view(partner_map.map_objects(partner_map.partner_table(dataset.events, dataset.vocab), dataset.vocab))

    with serve(curated, seeds) as url, chromium() as page:
        blocked: list[str] = []
        page.on("requestfailed", lambda request: blocked.append(request.url))
        with (
            page.expect_response(lambda response: response.url.endswith(paths.WORLD_OUTLINE_URL), timeout=120_000) as world,
            page.expect_response(lambda response: response.url.endswith(paths.WORLD_BORDERS_URL), timeout=120_000) as borders,
        ):
            page.goto(f"{url}/partner_map")
        assert world.value.json()["type"] == "FeatureCollection"  # the served outline, not the app's page for an unknown address
        assert set(borders.value.json()[0]) == {"s", "t"}  # and the served borders
        wait_until_drawn(page)
        assert page.locator(EXCEPTION).count() == 0
        chart = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        x, y = _pixel(chart.bounding_box(), view, *geo.centre("USA"))
        tooltip = page.locator(".deck-tooltip")
        for step in range(40):  # deck.gl picks once its layers have loaded: hover until the tooltip shows
            page.mouse.move(x + step % 2, y)
            try:
                tooltip.wait_for(state="visible", timeout=500)
                break
            except Exception:
                continue
        text = tooltip.inner_text()
        assert "United States" in text and "2 events" in text
        assert "Latest: <img src=x onerror=alert(1)> Talks (5 Dec 2025)" in text  # shown literally, not as an image
        assert page.locator(".deck-tooltip img").count() == 0

        page.mouse.click(x, y)
        page.get_by_text("Events with United States").wait_for(timeout=20_000)
        wait_until_drawn(page)
        caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=re.compile(r"^\d+ events?$")).first
        assert caption.inner_text() == "2 events"
        assert [u for u in blocked if "127.0.0.1" not in u] == []
