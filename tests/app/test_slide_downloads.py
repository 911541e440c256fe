"""The pages' slide downloads under AppTest: a "Download for slides" beside every chart, named for the chart and
the view, and "Download briefing deck" in the sidebar of every page; a note instead where slides cannot be
drawn. (The bytes are drawn when clicked, in a browser: tests/browser/test_briefing_browser.py.)"""

from __future__ import annotations

import pytest

from sctracker.app import slides
from sctracker.app.pages import PAGES
from tests.conftest import page_via_overview

#: How many charts each page offers for slides.
CHARTS = {
    "pages/overview.py": 0,
    "pages/partner_map.py": 1,
    "pages/timeline.py": 2,
    "pages/sectors.py": 1,
    "pages/sources.py": 0,
    "pages/whats_new.py": 0,
    "pages/curate.py": 0,
}


def _buttons(at, label: str) -> list:
    return [button for button in at.get("download_button") if button.proto.label == label]


@pytest.mark.parametrize("script", [page.script for page in PAGES])
def test_every_chart_offers_its_slide_image_and_every_page_the_deck_made_only_when_clicked(app_env, script):
    at = page_via_overview(script).run()
    assert not at.exception
    chart_buttons, [deck] = _buttons(at, "Download for slides"), _buttons(at, "Download briefing deck")
    assert len(chart_buttons) == CHARTS[script]
    for button in [*chart_buttons, deck]:  # a deferred file: made by a callable when clicked, never on a rerun
        assert button.proto.deferred_file_id and not button.proto.url


def test_without_the_briefing_extra_the_pages_say_what_to_install(app_env, monkeypatch):
    monkeypatch.setattr(slides, "slides_unavailable", lambda: "Slide downloads need the briefing extra; missing here: pptx.")
    at = page_via_overview("pages/timeline.py").run()
    assert not at.exception
    assert not _buttons(at, "Download for slides") and not _buttons(at, "Download briefing deck")
    notes = [caption.value for caption in at.caption if caption.value.startswith("Slide downloads need")]
    assert len(notes) == 3  # one a chart, one in the sidebar


def test_slides_are_available_here():
    """This machine has the briefing extra and Chromium (make test installs them): the buttons above are real."""
    assert slides.slides_unavailable() is None
