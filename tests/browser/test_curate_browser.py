"""The Curate page in Chromium, as a curator uses it: paste an article, edit its draft, publish it, and find
the new record on the Overview, the Partner map and the Timeline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sctracker.briefing.browser import CHROMIUM, EXCEPTION, chromium, serve, wait_until_drawn
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser
ARTICLES = FIXTURES / "articles"
TITLE = "Chipround: first Korea–Netherlands chip trade negotiations"


def test_paste_edit_publish_and_see_it_on_every_page(tmp_path: Path, monkeypatch):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    shutil.copytree(ARTICLES / "curated", tmp_path / "curated")
    shutil.copytree(ARTICLES / "seeds", tmp_path / "seeds")
    monkeypatch.setenv("SCTRACKER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SCTRACKER_READ_ONLY", raising=False)
    curated = tmp_path / "curated"
    with serve(curated, tmp_path / "seeds") as url, chromium() as page:
        page.goto(f"{url}/curate")
        wait_until_drawn(page)
        page.get_by_label("Article text").fill((ARTICLES / "release_range.txt").read_text(encoding="utf-8"))
        page.get_by_label("URL").fill("https://example.org/korea-netherlands-round")
        page.get_by_role("button", name="Draft records").click()
        page.get_by_text(re.compile(r"wrote 1 draft")).wait_for(timeout=60_000)
        wait_until_drawn(page)
        assert page.locator(EXCEPTION).count() == 0
        assert page.get_by_text("No problems: ready to publish.").count() == 1

        page.get_by_label("Title", exact=True).fill(TITLE)  # clicking Publish leaves the field, which sends its value first
        page.get_by_role("button", name="Publish").click()
        page.get_by_text(re.compile(r"^Published .*the dashboard shows it now")).wait_for(timeout=60_000)
        published = list((curated / "events").glob("*.yaml"))
        assert len(published) == 2 and any(TITLE in p.read_text(encoding="utf-8") for p in published)
        assert list((curated / "drafts").glob("*.yaml")) == []

        page.goto(f"{url}/?q=Chipround")
        wait_until_drawn(page)
        main = page.locator('[data-testid="stMain"]')
        assert main.get_by_text(TITLE).count() >= 1  # the record in detail
        assert main.locator('[data-testid="stCaptionContainer"]').filter(has_text=re.compile(r"^1 event\b")).count() == 1

        page.goto(f"{url}/partner_map?q=Chipround")
        wait_until_drawn(page)
        assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
        assert main.locator('[data-testid="stCaptionContainer"]').filter(has_text=re.compile(r"^1 event\b")).count() == 1

        page.goto(f"{url}/timeline?q=Chipround")
        wait_until_drawn(page)
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        assert chart.get_by_text("Netherlands").count() >= 1  # the partner's lane holds the new event
        assert page.locator(EXCEPTION).count() == 0
