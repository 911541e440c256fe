"""The What's new page and a record's permalink in real Chromium, served on the git repository the tests build."""

from __future__ import annotations

import pytest

from sctracker.briefing.browser import EXCEPTION, serve, wait_until_drawn
from tests.history_repo import FORUM, build_history_repo


@pytest.fixture(scope="module")
def history_url(tmp_path_factory):
    with serve(*build_history_repo(tmp_path_factory.mktemp("history"))) as url:
        yield url


def test_whats_new_opens_without_exception_and_counts_the_changes(history_url, page):
    page.goto(f"{history_url}/whats_new?since=2026-01-10")
    wait_until_drawn(page)
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_text("Since Saturday 10 Jan 2026: 1 added · 3 edited · 1 removed").count() == 1
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    assert page.get_by_role("button", name="Download this table as CSV").count() == 1


def test_a_records_permalink_opens_it_with_its_citation(history_url, page):
    page.goto(f"{history_url}/?record={FORUM}")
    wait_until_drawn(page)
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_role("heading", name="2nd Korea–Testland Battery Forum").count() == 1
    page.get_by_text("Cite this record: permalink and citation").click()
    citation = page.locator('[data-testid="stCode"]').filter(has_text="Sources:").first
    citation.wait_for()
    assert f"{history_url}/?record={FORUM}" in citation.inner_text()  # the link, absolute, as a reader pastes it
