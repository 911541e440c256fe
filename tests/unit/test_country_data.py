"""The country data the package ships: what tools/build_country_data.py makes, and what it says."""

from __future__ import annotations

import json

import pytest

from sctracker.figures.partner_map import geo
from sctracker.paths import WORLD_BORDERS_FILE, WORLD_OUTLINE_FILE
from sctracker.records.countries import COUNTRIES_FILE, countries, country, subdivision
from tools import build_country_data


@pytest.mark.parametrize(
    "shipped, build",
    [
        (geo.DATA_FILE, build_country_data.data_text),
        (COUNTRIES_FILE, build_country_data.countries_text),
        (WORLD_OUTLINE_FILE, build_country_data.world_outline_text),
        (WORLD_BORDERS_FILE, build_country_data.world_borders_text),
    ],
    ids=["world", "countries", "world-outline", "world-borders"],
)
def test_the_shipped_files_are_what_the_build_script_makes(shipped, build):
    assert shipped.read_text(encoding="utf-8") == build(), "run: make country-data"


def test_every_iso_country_with_its_m49_region_and_the_words_articles_use():
    assert len(countries()) == 249
    poland, netherlands, emirates = country("POL"), country("NLD"), country("ARE")
    assert (poland.name, poland.region, poland.subregion, poland.demonym, poland.capital) == (
        "Poland",
        "Europe",
        "Eastern Europe",
        "Polish",
        "Warsaw",
    )
    assert netherlands.demonym == "Dutch" and "Holland" in netherlands.other_names
    assert "UAE" in emirates.other_names and emirates.subregion == "Western Asia"
    assert country("KOR").name == "South Korea" and country("XXX") is None
    assert {c.region for c in countries().values() if c.region} == {"Africa", "Americas", "Asia", "Europe", "Oceania", "Antarctica"}


@pytest.mark.parametrize(
    "code, expected",
    [("AU-WA", ("AUS", "Western Australia", "State")), ("US-TX", ("USA", "Texas", "State")), ("AU-XX", None), ("UK-ENG", None)],
)
def test_subdivisions_name_their_country(code, expected):
    assert subdivision(code) == expected


def test_an_island_written_as_a_hole_becomes_a_polygon_of_its_own():
    outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    lake = [[2, 2], [3, 2], [3, 3], [2, 2]]
    island = [[20, 20], [21, 20], [21, 21], [20, 20]]
    assert build_country_data._stray_holes_apart([outer, lake, island]) == [[outer, lake], [island]]
    shape = build_country_data._geometry_in_frame({"type": "Polygon", "coordinates": [outer, island]})
    assert shape["type"] == "MultiPolygon" and [len(polygon) for polygon in shape["coordinates"]] == [1, 1]


def test_every_hole_of_a_shipped_outline_lies_inside_its_country():
    stray = []
    for code, entry in json.loads(geo.DATA_FILE.read_text(encoding="utf-8"))["countries"].items():
        shape = entry["outline"]
        polygons = [] if shape is None else [shape["coordinates"]] if shape["type"] == "Polygon" else shape["coordinates"]
        stray += [
            code for rings in polygons for ring in rings[1:] if not all(build_country_data._inside(tuple(p), rings[0]) for p in ring[:-1])
        ]
    assert stray == []
