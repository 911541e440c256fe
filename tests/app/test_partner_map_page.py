"""The Partner map page under AppTest: the deck, the switch, the table and its download."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from sctracker import paths
from sctracker.export import events_csv, export_filename
from sctracker.figures import partner_map
from sctracker.figures.partner_map import geo
from sctracker.query.filters import Filters
from sctracker.records.load import load
from tests.conftest import download_offers, page_via_overview, table_titles

PAGE = "pages/partner_map.py"


@pytest.fixture
def page_app(app_env):
    return page_via_overview(PAGE)


def _deck_partners(at: AppTest) -> dict[str, dict[str, int]]:
    """From the page's deck: each partner's count by layer (the count is read back from the tooltip)."""
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    found: dict[str, dict[str, int]] = {}
    for layer in spec["layers"]:
        if layer["id"] not in partner_map.PICKABLE_LAYERS:
            continue
        data = layer["data"]["features"] if isinstance(layer["data"], dict) else layer["data"]
        for item in data:
            properties = item.get("properties", item)
            count = int(re.match(r"\d+", properties["tooltip_events"]).group())
            found.setdefault(layer["id"], {})[properties["partner_code"]] = count
    return found


def test_page_maps_every_partner_of_the_records(page_app, good_copy):
    at = page_app.run()
    assert not at.exception
    deck = _deck_partners(at)
    assert deck["partners"] == {"CAN": 1, "USA": 1}
    assert deck["links"] == {"CAN": 1, "USA": 1, "EUU": 1}
    assert deck["group-members"] == {"EUU": 1}  # Germany and France, drawn for the group
    assert at.caption[0].value == "All records · all 3 events"  # the view line under every page's title
    assert "Number of events with each partner" in [h.value for h in at.header] and at.caption[1].value == "All records"
    assert any(c.value.startswith("Source\\: Supply\\-Chain Partnership Tracker, from 3 news and government sources") for c in at.caption)
    assert any(c.value.startswith("In words: Partner map\\: 3 partners") for c in at.caption)  # the map in words
    [partners] = [frame.value for frame in at.dataframe if "Partner" in frame.value.columns]
    assert dict(zip(partners["Partner"], partners["Events"], strict=True)) == {
        "Canada": 1,
        "European Union": 1,
        "United States": 1,
    }
    events = load(*good_copy).events
    assert len(table_titles(at)) == len(events) == 3
    assert download_offers(at, "download-partner-map", events_csv(events), export_filename("events", Filters()))


def test_the_world_outline_and_borders_are_fetched_once_not_sent_on_every_rerun(page_app):
    """The base layers' data are the addresses of the served files: the same strings every rerun, so deck.gl keeps them."""
    at = page_app.run()
    layers = {layer["id"]: layer for layer in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]}
    assert (layers["world"]["data"], layers["borders"]["data"]) == (paths.WORLD_OUTLINE_URL, paths.WORLD_BORDERS_URL)
    assert json.loads(paths.WORLD_OUTLINE_FILE.read_text(encoding="utf-8")) == geo.world_outline()
    assert json.loads(paths.WORLD_BORDERS_FILE.read_text(encoding="utf-8")) == [dict(s) for s in geo.world_borders()]


def test_sidebar_filter_changes_what_the_deck_holds(page_app, good_copy):
    at = page_app.run()
    at.multiselect(key="filter_sectors").select("batteries").run()
    assert not at.exception
    deck = _deck_partners(at)
    assert deck["partners"] == {"CAN": 1, "USA": 1} and "group-members" not in deck
    assert set(deck["links"]) == {"CAN", "USA"}
    assert table_titles(at) == ["Korea–Exampleland critical minerals partnership", "2nd Korea–Testland Battery Forum"]
    assert at.caption[1].value == "Batteries"


def test_headline_switch_restricts_the_map_and_table(page_app, good_copy):
    at = page_app.run()
    at.segmented_control(key="map").set_value("semiconductors").run()
    assert not at.exception
    deck = _deck_partners(at)
    assert "partners" not in deck and deck["links"] == {"EUU": 1} and deck["group-members"] == {"EUU": 1}
    assert at.caption[1].value == "Semiconductors events only"
    assert table_titles(at) == ["First Korea–EU semiconductor dialogue"]
    shown = partner_map.restrict_to_sector(load(*good_copy).events, "semiconductors")
    file_name = export_filename("events", Filters(sectors=("semiconductors",)))
    assert download_offers(at, "download-partner-map", events_csv(shown), file_name)


def test_switch_with_no_matching_event_says_so(page_app):
    at = page_app.run()
    at.segmented_control(key="map").set_value("defense").run()
    assert not at.exception
    assert "No events match" in at.info[0].value
    assert _deck_partners(at) == {}


def test_the_map_keeps_its_frame_as_the_filters_change(page_app, good_copy):
    """Fitted to every record's partners, not the filtered ones: filtered maps compare side by side."""

    def first_view(at: AppTest) -> dict:
        return json.loads(at.get("deck_gl_json_chart")[0].proto.json)["initialViewState"]

    at = page_app.run()
    unfiltered = first_view(at)
    dataset = load(*good_copy)
    whole = partner_map.whole_view(dataset.events, dataset.vocab)
    assert unfiltered == {"latitude": whole["latitude"], "longitude": whole["longitude"], "zoom": whole["zoom"], **unfiltered}
    at.multiselect(key="filter_sectors").select("batteries").run()
    assert first_view(at) == unfiltered
    batteries = partner_map.restrict_to_sector(dataset.events, "batteries")
    assert partner_map.fitted_view(partner_map.map_objects(partner_map.partner_table(batteries, dataset.vocab), dataset.vocab)) != whole
