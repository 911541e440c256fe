"""The Timeline in Chromium: a click and a drag pick events; a click on a count lists its events."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from sctracker.figures import timeline

DAY = pd.Timedelta(days=1)
NOON = pd.Timedelta(hours=12)


@pytest.mark.browser
def test_clicking_and_dragging_on_the_timeline_picks_events(good_copy):
    from pathlib import Path

    from sctracker.briefing.browser import CHROMIUM, chromium, serve, wait_until_drawn

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    curated, seeds = good_copy
    with serve(curated, seeds) as url, chromium() as page:
        page.goto(f"{url}/timeline")
        wait_until_drawn(page)
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        # the whole span is the default (a long title wraps: its lines are separate text elements)
        chart.locator(".gtitle").filter(has_text=re.compile(r"\(all 3\s*events\)")).wait_for(timeout=15_000)
        count = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=re.compile(r"^\d+ events?$"))
        assert count.first.inner_text() == "3 events"
        # the lane labels fit the margin the figure gives them: plotly's automargin had nothing to add (and so did not
        # lay the figure out again, the slowest part of drawing hundreds of lanes)
        given, drawn = chart.locator(".js-plotly-plot").evaluate("(gd) => [gd.layout.margin.l, gd._fullLayout._size.l]")
        assert drawn == given > 10

        # plotly's drag layer lies over the markers: click where a marker is drawn, as a reader's mouse would
        spot = chart.locator(".scatterlayer .trace .points path").first.bounding_box()
        page.mouse.move(spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2)
        page.mouse.click(spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2)
        page.get_by_role("heading", name="Selected events").wait_for(timeout=15_000)
        wait_until_drawn(page)
        assert count.first.inner_text() == "1 event"

        chart.hover()
        chart.locator('[data-title="Box Select"]').click()
        box = chart.locator(".nsewdrag").first.bounding_box()
        page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2, steps=8)
        page.mouse.up()
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"stCaptionContainer\"]')].some(c => c.innerText === '3 events')",
            timeout=15_000,
        )
        wait_until_drawn(page)
        assert page.get_by_role("heading", name="Selected events").count() == 1  # a drag across the whole axis picks every event


@pytest.mark.browser
def test_clicking_a_count_lists_the_events_it_counts(good_copy):
    from pathlib import Path

    from sctracker.briefing.browser import CHROMIUM, chromium, serve, wait_until_drawn

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    curated, seeds = good_copy
    record = (curated / "events" / "2025-12-02-testland-battery-forum.yaml").read_text(encoding="utf-8")
    # one more than the timeline draws one by one, on the 2nd of each month of 2025: twelve counts, far apart
    for i in range(timeline.SINGLE_EVENTS_UP_TO + 1):
        record_id = f"2025-{i % 12 + 1:02d}-02-forum-{i}"
        text = record.replace("2025-12-02-testland-battery-forum", record_id).replace("date: 2025-12-02", f"date: {record_id[:10]}")
        (curated / "events" / f"{record_id}.yaml").write_text(text, encoding="utf-8")
    with serve(curated, seeds) as url, chromium(height=2000) as page:
        page.goto(f"{url}/timeline")
        wait_until_drawn(page)
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        assert chart.get_by_text("showing counts per").count() == 1
        plot = chart.locator(".nsewdrag").first.bounding_box()
        circles = chart.locator(".scatterlayer .trace .points path").evaluate_all(
            "paths => paths.map(p => { const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2, r.width]; })"
        )
        x, y, _ = max(
            (c for c in circles if plot["x"] < c[0] < plot["x"] + plot["width"] and plot["y"] < c[1] < plot["y"] + plot["height"]),
            key=lambda c: c[2],
        )
        page.mouse.move(x, y)  # plotly's drag layer lies over the circles: point where one is drawn, as a reader would
        hover = chart.locator(".hoverlayer .hovertext")
        hover.wait_for(timeout=5_000)
        lines = hover.locator("tspan.line").all_text_contents()
        counted = int(re.match(r"([\d,]+) events", lines[1]).group(1).replace(",", ""))  # under the lane and period
        assert counted > 100  # a count, not a single event
        page.mouse.click(x, y)
        page.get_by_role("heading", name="Selected events").wait_for(timeout=15_000)
        wait_until_drawn(page)
        caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=re.compile(r"^\d[\d,]* events?"))
        assert caption.first.inner_text() == f"{counted:,} events"
