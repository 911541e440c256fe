"""The Timeline page under AppTest: both charts, the whole-span switch, the filters and the download."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sctracker.export import events_csv, export_filename
from sctracker.figures import summaries, timeline
from sctracker.figures.markdown import escape_markdown
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import load
from tests.conftest import download_offers, page_via_overview, table_titles

DAY = pd.Timedelta(days=1)
NOON = pd.Timedelta(hours=12)


@pytest.fixture
def page_app(app_env):
    return page_via_overview("pages/timeline.py")


def _spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def _chart_ids(spec: dict) -> set[str]:
    return {
        record_id for trace in spec["data"] if trace.get("mode") == "markers" and "customdata" in trace for record_id in trace["customdata"]
    }


def test_page_shows_both_charts_and_every_filtered_event(page_app, good_copy):
    at = page_app.run()
    assert not at.exception
    timeline_spec, monthly_spec = _spec(at, 0), _spec(at, 1)
    events = load(*good_copy).events
    assert _chart_ids(timeline_spec) == set(events["id"])
    assert "Events by partner" in timeline_spec["layout"]["title"]["text"]
    assert "Events per month by type" in monthly_spec["layout"]["title"]["text"]
    assert table_titles(at) == list(events["title"])
    assert any("appears in each of its partners' lanes" in c.value for c in at.caption)
    assert at.get("plotly_chart")[0].proto.selection_mode  # the timeline answers clicks and drags
    words = [c.value for c in at.caption if c.value.startswith("In words: ")]  # each chart in words, for screen readers
    texts = [summaries.timeline_text(events, load(*good_copy).vocab), summaries.monthly_text(events, load(*good_copy).vocab)]
    assert words == ["In words: " + escape_markdown(text.summary) for text in texts]


def test_choosing_events_by_name_does_what_a_click_on_them_does(page_app, good_copy):
    at = page_app.run()
    [chooser] = [box for box in at.multiselect if box.label == "List events chosen by name"]
    event = load(*good_copy).events.iloc[0]
    assert chooser.options[0] == f"{event['date_label']} · {event['title']}"
    at = chooser.select(event["id"]).run()
    assert not at.exception
    assert [h.value for h in at.header if h.value.startswith("Selected")] == ["Selected events"]
    assert table_titles(at) == [event["title"]]


def test_every_event_shows_first_and_the_busiest_stretch_is_a_choice_in_the_link(page_app, good_copy):
    at = page_app.run()
    whole = _spec(at)
    start, end = (pd.Timestamp(value) for value in whole["layout"]["xaxis"]["range"])
    events = load(*good_copy).events
    assert start < events["date"].min() and end > events["period_end"].max()
    assert "(all 3 events)" in whole["layout"]["title"]["text"].replace("<br>", " ")  # a long title wraps
    span = at.segmented_control(key="span")
    assert span.value == "all" and span.options[0] == "All events, Jun 2024 – Jan 2026 (3)"
    span.set_value("busiest").run()
    assert not at.exception
    zoomed = _spec(at)
    assert "of 3 events in view" in zoomed["layout"]["title"]["text"].replace("<br>", " ")
    assert len(zoomed["layout"]["yaxis"]["tickvals"]) < len(whole["layout"]["yaxis"]["tickvals"])  # only the lanes in view
    assert at.query_params["span"] == "busiest"


def test_sidebar_filter_changes_chart_table_and_download(page_app, good_copy):
    at = page_app.run()
    at.multiselect(key="filter_sectors").select("batteries").run()
    assert not at.exception
    filters = Filters(sectors=("batteries",))
    shown = apply_filters(load(*good_copy).events, filters)
    assert _chart_ids(_spec(at)) == set(shown["id"]) and len(shown) == 2
    assert "Batteries" in _spec(at)["layout"]["title"]["text"] and "Batteries" in _spec(at, 1)["layout"]["title"]["text"]
    assert table_titles(at) == list(shown["title"])
    assert download_offers(at, "download-timeline", events_csv(shown), export_filename("events", filters))


def test_page_counts_when_the_events_are_too_many_to_draw(page_app, monkeypatch):
    monkeypatch.setattr(timeline.counts, "SINGLE_EVENTS_UP_TO", 2)
    at = page_app.run()
    assert not at.exception
    spec = _spec(at)
    assert _chart_ids(spec) and all(key.count("|") == 3 for key in _chart_ids(spec))
    assert any("3 events: showing counts per" in a["text"] for a in spec["layout"]["annotations"])
    assert any("too many to draw one by one" in c.value for c in at.caption)
    assert not any("Filled markers are dates known to the day" in c.value for c in at.caption)


def test_page_with_no_matching_events_says_so(page_app):
    at = page_app.run()
    at.text_input(key="filter_text").input("no such words anywhere").run()
    assert not at.exception
    assert any("No events match" in a["text"] for a in _spec(at)["layout"]["annotations"])


def test_record_detail_on_the_page(page_app):
    at = page_app.run()
    at.selectbox(key="record").select("2026-01-22-union-chip-dialogue").run()
    assert not at.exception
    assert any("First Korea–EU semiconductor dialogue" in m.value for m in at.markdown)


def test_a_view_returned_to_is_drawn_from_what_was_worked_out_for_it(page_app, monkeypatch):
    """Clearing a filter, or coming back to a page, shows the view worked out before (``PageContext.kept``), not
    one made again; a new view is made."""
    made = []
    real = timeline.timeline_figure
    monkeypatch.setattr(timeline, "timeline_figure", lambda events, *rest: made.append(len(events)) or real(events, *rest))
    at = page_app.run()
    whole = _spec(at)
    at.text_input(key="filter_text").input("battery").run()
    assert len(made) == 2 and 0 < made[1] < made[0]  # a new view: made
    at.text_input(key="filter_text").input("").run()
    assert not at.exception and len(made) == 2  # the first view again: not made again
    assert _spec(at) == whole
