"""The partner map: counting per partner, groups, colours, lines, the country data and the deck."""

from __future__ import annotations

import dataclasses
import json
import math
import random
import re
from collections import Counter

import pandas as pd
import pydeck as pdk
import pytest

from sctracker.figures import crowding, partner_map, summaries
from sctracker.figures.partner_map import geo
from sctracker.query.filters import Filters
from sctracker.records.load import load
from sctracker.records.model import HOME_COUNTRY
from tools import build_country_data as country_data

PAGE = "pages/partner_map.py"


@pytest.fixture
def vocab(good_copy):
    """The good fixture's vocabularies: EUU (members FRA, DEU), FRA, USA, CAN; five sectors, four headline."""
    return load(*good_copy).vocab


def _events(*rows: tuple[str, list[str], list[str], str]) -> pd.DataFrame:
    """A hand-made events table: (title, partners, sectors, day) per event, with the columns the map reads."""
    return pd.DataFrame(
        [
            {
                "id": f"{day}-{index}",
                "title": title,
                "partners": partners,
                "partner_countries": partners,
                "sectors": sectors,
                "date": pd.Timestamp(day),
                "period_end": pd.Timestamp(day),
                "date_label": f"{pd.Timestamp(day):%-d %b %Y}",
            }
            for index, (title, partners, sectors, day) in enumerate(rows)
        ]
    )


@pytest.fixture
def events():
    return _events(
        ("Paris battery talks", ["FRA"], ["batteries"], "2025-03-01"),
        ("Paris AI forum", ["FRA"], ["ai", "semiconductors"], "2025-09-10"),
        ("Joint FRA–USA meeting", ["FRA", "USA"], ["defense"], "2025-05-05"),
        ("EU chip dialogue", ["EUU"], ["semiconductors"], "2026-01-22"),
        ("EU steel talks", ["EUU"], [], "2025-11-01"),
        ("Washington minerals deal", ["USA"], ["critical_minerals"], "2024-06-01"),
    )


def _layer(deck, layer_id: str) -> dict:
    [layer] = [layer for layer in json.loads(deck.to_json())["layers"] if layer["id"] == layer_id]
    return layer


def _features(deck, layer_id: str) -> dict[str, dict]:
    """A GeoJSON layer's features by the code of the country drawn (its outline's code)."""
    features = _layer(deck, layer_id)["data"]["features"]
    return {_outline_code(feature["geometry"]): feature["properties"] for feature in features}


def _outline_code(geometry: dict) -> str:
    [code] = [f["properties"]["code"] for f in geo.world_features() if f["geometry"] == geometry]
    return code


def test_partner_table_counts_each_partner_once_per_event(events, vocab):
    table = partner_map.partner_table(events, vocab).set_index("code")
    assert table["events"].to_dict() == {"FRA": 3, "USA": 2, "EUU": 2}
    assert list(partner_map.partner_table(events, vocab)["code"]) == ["FRA", "EUU", "USA"]  # most events, then name
    assert table.at["EUU", "kind"] == "group" and table.at["FRA", "kind"] == "country"
    assert table.at["EUU", "name"] == "European Union"


def test_partner_table_lists_sectors_in_vocabulary_order_and_the_latest_event(events, vocab):
    table = partner_map.partner_table(events, vocab).set_index("code")
    assert table.at["FRA", "sectors"] == ["Semiconductors", "Batteries", "Defense", "Artificial intelligence"]
    assert (table.at["FRA", "latest_title"], table.at["FRA", "latest_date"]) == ("Paris AI forum", "10 Sep 2025")
    assert (table.at["EUU", "latest_title"], table.at["EUU", "latest_date"]) == ("EU chip dialogue", "22 Jan 2026")
    assert table.at["USA", "latest_title"] == "Joint FRA–USA meeting"


def test_partner_table_of_no_events_is_empty(events, vocab):
    table = partner_map.partner_table(events.iloc[:0], vocab)
    assert table.empty and list(table.columns) == partner_map.PARTNER_COLUMNS
    assert partner_map.classes_shown(table) == []


def _row_by_row_table(events: pd.DataFrame, vocab) -> dict[str, tuple]:
    """What ``partner_table`` must say, counted the slow and obvious way: (events, sectors, latest title)."""
    order = list(vocab.sectors.index)
    expected = {}
    for code in {code for codes in events["partners"] for code in codes}:
        mine = [row for row in events.itertuples() if code in row.partners]
        sectors = {sector for row in mine for sector in row.sectors}
        ranked = sorted(sectors, key=lambda s: (order.index(s) if s in order else len(order), s))
        latest = max(mine, key=lambda row: (row.date, row.period_end, row.id))
        expected[code] = (len(mine), [vocab.sector_label(s) for s in ranked], latest.title)
    return expected


def test_partner_table_agrees_with_a_row_by_row_count_of_a_random_table(vocab):
    """Counted with whole columns at once; checked against the obvious loop on 400 random events, with ties
    on the date broken by the end of the period and then the id, unknown partners and unknown sectors."""
    rng = random.Random(7)
    partners, sectors = ["FRA", "USA", "EUU", "CAN", "ZZZ"], ["semiconductors", "batteries", "ai", "defense", "zinc", "alloys"]
    rows = []
    for index in range(400):
        day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=rng.randrange(20))
        named = rng.sample(partners, rng.randrange(0, 3))
        rows.append(
            {
                "id": f"{rng.randrange(1000):04d}-{index}",
                "title": f"Event {index}",
                "partners": named,
                "partner_countries": named,
                "sectors": rng.sample(sectors, rng.randrange(0, 4)),
                "date": day,
                "period_end": day + pd.Timedelta(days=rng.choice([0, 0, 30])),
                "date_label": f"{day:%-d %b %Y}",
            }
        )
    events = pd.DataFrame(rows).set_index(pd.Index(range(1000, 1400)))  # a filtered table keeps its labels
    table = partner_map.partner_table(events, vocab)
    found = {row.code: (row.events, row.sectors, row.latest_title) for row in table.itertuples()}
    assert found == _row_by_row_table(events, vocab)
    by_code = table.set_index("code")
    assert (by_code.at["ZZZ", "kind"], by_code.at["ZZZ", "name"]) == ("country", "ZZZ")  # not in the vocabulary
    assert by_code.at["USA", "sectors"][-2:] == ["alloys", "zinc"]  # ids not in the vocabulary come last, by id


def test_partner_table_of_events_with_no_sectors_lists_none(vocab):
    events = _events(("Talks", ["FRA"], [], "2025-01-01"), ("More talks", ["FRA", "USA"], [], "2025-02-01"))
    table = partner_map.partner_table(events, vocab)
    assert table[["code", "events", "sectors", "latest_title"]].values.tolist() == [
        ["FRA", 2, [], "More talks"],
        ["USA", 1, [], "More talks"],
    ]


def test_group_events_count_for_the_group_and_its_members_are_listed(events, vocab):
    table = partner_map.partner_table(events, vocab)
    members = {m.code: m for m in partner_map.memberships(table, vocab)}
    assert set(members) == {"FRA", "DEU"}
    assert (members["DEU"].group, members["DEU"].group_events, members["DEU"].name) == ("EUU", 2, "Germany")
    assert "DEU" not in set(table["code"])  # a member gets no count of its own from the group's events
    without_groups = partner_map.partner_table(events[events["partners"].map(lambda p: "EUU" not in p)], vocab)
    assert partner_map.memberships(without_groups, vocab) == []


def test_members_too_small_to_outline_are_drawn_as_dots(vocab):
    """Grenada has no 1:110m outline: a dot at its capital stands for it, Brazil is filled."""
    partners = pd.concat(
        [
            vocab.partners,
            pd.DataFrame(
                [
                    {
                        "name": "Latin America",
                        "kind": "group",
                        "region": "Americas",
                        "members": ["BRA", "GRD"],
                        "anchor_lon": -65.5,
                        "anchor_lat": -9.6,
                    }
                ],
                ["LAC"],
            ),
        ]
    )
    latin = dataclasses.replace(vocab, partners=partners)
    drawn = partner_map.map_objects(partner_map.partner_table(_events(("Forum", ["LAC"], [], "2025-11-28")), latin), latin)
    assert [_outline_code(f["geometry"]) for f in drawn.member_features] == ["BRA"]
    dots = {(m["partner_code"], m["radius"]): m["position"] for m in drawn.markers}
    assert dots[("LAC", 3)] == list(geo.capital("GRD")) and ("LAC", 5) in dots
    assert geo.outline("GRD") is None


def test_sector_switch_offers_the_headline_sectors_and_restricts_the_events(events, vocab):
    assert partner_map.sector_switch_options(vocab) == ["all", "semiconductors", "batteries", "critical_minerals", "defense"]
    assert list(partner_map.restrict_to_sector(events, "semiconductors")["title"]) == ["Paris AI forum", "EU chip dialogue"]
    assert len(partner_map.restrict_to_sector(events, partner_map.ALL_SECTORS)) == len(events)
    batteries = partner_map.partner_table(partner_map.restrict_to_sector(events, "batteries"), vocab)
    assert batteries[["code", "events"]].values.tolist() == [["FRA", 1]]


def test_partner_events_are_those_with_the_partner_itself(events):
    assert list(partner_map.partner_events(events, "USA")["title"]) == ["Joint FRA–USA meeting", "Washington minerals deal"]
    assert list(partner_map.partner_events(events, "EUU")["title"]) == ["EU chip dialogue", "EU steel talks"]
    assert partner_map.partner_events(events, "DEU").empty


@pytest.mark.parametrize(
    ("count", "index", "label"),
    [(1, 0, "1"), (2, 1, "2"), (3, 2, "3–4"), (4, 2, "3–4"), (5, 3, "5–8"), (8, 3, "5–8"), (9, 4, "9–16"), (40, 5, "17 or more")],
)
def test_count_classes(count, index, label):
    assert partner_map.count_class(count) == index
    assert partner_map.class_label(index) == label


def test_colours_darken_with_the_count_and_differ_for_groups():
    countries = [partner_map.count_color(n, "country") for n in (1, 2, 3, 5, 9, 17)]
    groups = [partner_map.count_color(n, "group") for n in (1, 2, 3, 5, 9, 17)]
    assert countries[0] == [0x9E, 0xCA, 0xE1, 255] and groups[0] == [0xFD, 0xD0, 0xA2, 255]
    lightness = [sum(color[:3]) for color in countries]
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == 6
    assert not {tuple(c) for c in countries} & {tuple(c) for c in groups}
    with pytest.raises(ValueError):
        partner_map.count_class(0)


def test_line_width_grows_with_the_count():
    widths = [partner_map.line_width(n) for n in (1, 2, 5, 20)]
    assert widths == sorted(widths) and len(set(widths)) == 4
    assert partner_map.line_width(1) == 2.25


#: ISO 3166-1 territories the shipped map data place nowhere (no capital, no centre): listed in the table
#: beside the map, not drawn on it.
UNPLACED = {"ATA", "BES", "BVT", "UMI"}


def test_every_partner_and_member_in_the_vocabulary_can_be_drawn(vocab):
    unplaced = {
        code for code, row in vocab.partners.iterrows() if row["kind"] == "country" and partner_map.anchor(code, "country", vocab) is None
    }
    assert unplaced == UNPLACED
    for code in vocab.partners.index[vocab.partners["kind"] == "group"]:
        for member in vocab.partners.at[code, "members"]:
            assert geo.outline(member) is not None or geo.centre(member) is not None, member
        assert partner_map.anchor(code, "group", vocab) is not None, code


def test_outlines_missing_from_countryinfo_are_supplied():
    for code in ("SRB", "HUN", "MNE", "MMR", "XKX"):
        assert geo.outline(code)["type"] == "Polygon", code
    belgrade = geo.capital("SRB")
    assert country_data._inside(belgrade, geo.outline("SRB")["coordinates"][0])


def test_outlines_are_in_the_pacific_centred_frame_and_leave_out_antarctica():
    codes = {feature["properties"]["code"] for feature in geo.world_features()}
    assert {"KOR", "USA", "FRA", "SRB"} <= codes and "ATA" not in codes
    assert len(codes) > 170
    for feature in geo.world_features():
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for rings in polygons:
            longitudes = [x for x, _ in rings[0]]
            assert min(longitudes) >= geo.WEST_EDGE - 60 and max(longitudes) <= geo.WEST_EDGE + 380
            assert max(longitudes) - min(longitudes) < 180, feature["properties"]["name"]  # no ring torn across the edge
    assert geo.world_features() is geo.world_features()  # package data, read once


def _rings(geometry: dict) -> list[list]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for rings in polygons for ring in rings]


def _area(ring: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2


def test_simplified_outlines_keep_every_country_and_every_ring_drawable():
    """Simplifying leaves no country, island or lake out, and no ring degenerate (the offline map draws every
    country from installed data)."""
    from countryinfo import all_countries

    in_data = {
        info.iso(3): info.geo_json()["features"][0]["geometry"]
        for info in all_countries()
        if info.iso(3) and (info.geo_json() or {}).get("features")
    }
    drawn = {feature["properties"]["code"]: feature["geometry"] for feature in geo.world_features()}
    assert set(in_data) - {"ATA"} <= set(drawn)
    for code, geometry in drawn.items():
        rings = _rings(geometry)
        assert rings, code
        for ring in rings:
            assert len(ring) >= 4 and ring[0] == ring[-1] and _area(ring) > 0, code
        if code in in_data:
            assert len(rings) == len(_rings(in_data[code])), code  # every island and lake is still there
    bermuda = _rings(geo.outline("BMU"))[0]  # the smallest outline in the data: kept whole
    assert _area(bermuda) < 0.01 and len(bermuda) >= 4


def test_simplification_drops_the_points_a_world_map_cannot_show():
    from countryinfo import CountryInfo

    for name, code in (("canada", "CAN"), ("united states", "USA"), ("russia", "RUS"), ("indonesia", "IDN")):
        original = sum(len(ring) for ring in _rings(CountryInfo(name).geo_json()["features"][0]["geometry"]))
        assert sum(len(ring) for ring in _rings(geo.outline(code))) < 0.9 * original, code
    total = sum(len(ring) for feature in geo.world_features() for ring in _rings(feature["geometry"]))
    assert 4_000 < total < 8_000  # from about 10,000 points in the data


def test_simplify_ring_keeps_the_shape_within_the_tolerance():
    """A circle of 360 points, 10° across at the equator: a few dozen points are left, each original point
    within the tolerance (Web Mercator degrees) of the simplified ring, its ends kept."""
    circle = [[100 + 5 * math.cos(math.radians(a)), 5 * math.sin(math.radians(a))] for a in range(360)]
    circle.append(circle[0])
    simplified = country_data.simplify_ring(circle)
    assert simplified[0] == circle[0] and simplified[-1] == circle[-1]
    assert 8 < len(simplified) < 60
    projected = [(x, country_data._mercator_y(y)) for x, y in simplified]

    def distance_to_segment(point, start, end):
        (px, py), (ax, ay), (bx, by) = point, start, end
        t = max(0, min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
        return math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay))

    for x, y in circle:
        point = (x, country_data._mercator_y(y))
        assert min(distance_to_segment(point, a, b) for a, b in zip(projected, projected[1:])) <= country_data._TOLERANCE + 1e-9
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    assert country_data.simplify_ring(square, tolerance=5.0) == square  # a ring too small to simplify is kept whole


def test_world_borders_draw_every_edge_of_every_outline_once():
    borders = geo.world_borders()
    assert borders is geo.world_borders()  # made once
    edges = [frozenset(map(tuple, (segment["s"], segment["t"]))) for segment in borders]
    assert len(edges) == len(set(edges))  # a shared border once, whichever way its countries' rings run
    every = {frozenset(map(tuple, pair)) for f in geo.world_features() for ring in _rings(f["geometry"]) for pair in zip(ring, ring[1:])}
    assert set(edges) == every
    france, spain = (_edges(code) for code in ("FRA", "ESP"))
    assert france & spain  # the Pyrenees: an edge of both outlines, drawn once
    assert len(edges) < sum(len(_edges(f["properties"]["code"])) for f in geo.world_features())


def _edges(code: str) -> set[frozenset]:
    return {frozenset(map(tuple, pair)) for ring in _rings(geo.outline(code)) for pair in zip(ring, ring[1:])}


def test_the_base_layer_is_land_without_outlines_under_one_layer_of_borders(events, vocab):
    """The land's own outlines (a path layer, every shared border twice) were the slowest part of a redraw in a
    browser without a GPU: the borders are straight segments in a layer of their own."""
    world, borders, home = (_layer(partner_map.partner_deck(events, vocab), layer_id) for layer_id in ("world", "borders", "home"))
    assert world["stroked"] is False and world["data"] == geo.world_outline()
    assert home["stroked"] is False  # Korea is one colour: an outline in it drew nothing but another path layer
    assert borders["@@type"] == "LineLayer" and borders["data"] == [dict(segment) for segment in geo.world_borders()]
    served = partner_map.partner_deck(events, vocab, world_url="static/world.json", borders_url="static/borders.json")
    assert (_layer(served, "world")["data"], _layer(served, "borders")["data"]) == ("static/world.json", "static/borders.json")


def test_world_outline_is_one_shared_feature_of_every_polygon():
    world = geo.world_outline()
    assert world is geo.world_outline()  # made once
    [feature] = world["features"]
    assert feature["geometry"]["type"] == "MultiPolygon" and feature["properties"] == {}
    every = [ring for f in geo.world_features() for ring in _rings(f["geometry"])]
    assert sorted(map(json.dumps, _rings(feature["geometry"]))) == sorted(map(json.dumps, every))


def test_capitals_are_in_the_frame_and_wrong_ones_are_not_used():
    seoul, washington, paris = geo.capital("KOR"), geo.capital("USA"), geo.capital("FRA")
    assert seoul == pytest.approx((126.978, 37.567), abs=0.01)
    assert washington == pytest.approx((360 - 77.037, 38.895), abs=0.01)  # east of Korea, across the Pacific
    assert paris == pytest.approx((2.351, 48.857), abs=0.01)
    assert geo.capital("TLS") == geo.centre("TLS")  # the data put Dili in New Delhi
    assert geo.capital("ATG") == geo.centre("ATG")  # and St. John's of Antigua in Newfoundland
    assert geo.capital("XXX") is None


def test_a_groups_line_ends_among_its_members(vocab):
    lon, lat = partner_map.anchor("EUU", "group", vocab)
    (fra_lon, fra_lat), (deu_lon, deu_lat) = geo.centre("FRA"), geo.centre("DEU")
    assert min(fra_lon, deu_lon) < lon < max(fra_lon, deu_lon) and min(fra_lat, deu_lat) < lat < max(fra_lat, deu_lat)


def test_curved_path_runs_exactly_between_its_ends_and_bows_poleward():
    path = partner_map.curved_path((127.0, 37.5), (2.35, 48.86))
    assert path[0] == [127.0, 37.5] and path[-1] == [2.35, 48.86]
    middle = path[len(path) // 2]
    assert middle[1] > (37.5 + 48.86) / 2  # north of the straight line's middle
    southward = partner_map.curved_path((127.0, 37.5), (289.35, -33.44))
    assert southward[-1] == [289.35, -33.44] and southward[len(southward) // 2][1] > (37.5 - 33.44) / 2


def test_deck_fills_partners_by_their_own_count_and_members_of_groups_apart(events, vocab):
    deck = partner_map.partner_deck(events, vocab)
    partners = _features(deck, "partners")
    members = _features(deck, "group-members")
    assert set(partners) == {"FRA", "USA"}
    assert set(members) == {"DEU"}  # France has events of its own: drawn as a partner, bordered as a member
    assert partners["FRA"]["fill"] == partner_map.count_color(3, "country")
    assert partners["USA"]["fill"] == partner_map.count_color(2, "country")
    assert partners["FRA"]["line"] == partner_map.rgba(partner_map.GROUP_LINE_COLOR)
    assert partners["USA"]["line"] != partners["FRA"]["line"]
    assert members["DEU"]["partner_code"] == "EUU"
    assert members["DEU"]["fill"][:3] == partner_map.count_color(2, "group")[:3]
    assert _features(deck, "home") and list(_features(deck, "home")) == [HOME_COUNTRY]


def test_deck_lines_run_from_seoul_to_each_partner_with_width_by_count(events, vocab):
    links = {link["partner_code"]: link for link in _layer(partner_map.partner_deck(events, vocab), "links")["data"]}
    assert set(links) == {"FRA", "USA", "EUU"}
    seoul = list(geo.capital(HOME_COUNTRY))
    for link in links.values():
        assert link["path"][0] == seoul
    assert links["FRA"]["path"][-1] == list(geo.capital("FRA"))
    assert links["USA"]["path"][-1] == list(geo.capital("USA"))
    assert links["EUU"]["path"][-1] == list(partner_map.anchor("EUU", "group", vocab))
    assert links["FRA"]["width"] == partner_map.line_width(3) > links["USA"]["width"] == partner_map.line_width(2)
    assert links["EUU"]["color"][:3] == partner_map.rgba(partner_map.GROUP_LINE_COLOR)[:3]


def _dashed(layer: dict) -> bool:
    """Whether a layer draws dash arrays: deck.gl's PathStyleExtension, along the whole path, in pixels."""
    extensions = layer.get("extensions") or []
    return extensions == [{"@@type": "PathStyleExtension", "dash": True, "highPrecisionDash": True}] and layer["dashUnits"] == "pixels"


def test_lines_to_groups_are_dashed_and_lines_to_countries_solid(events, vocab):
    """Issue 19: colour alone never tells a group from a country; the dash does, in one layer (its id keys clicks)."""
    layer = _layer(partner_map.partner_deck(events, vocab), "links")
    assert _dashed(layer) and layer["getDashArray"] == "@@=dash"
    dashes = {link["partner_code"]: link["dash"] for link in layer["data"]}
    assert dashes["EUU"] == list(partner_map.GROUP_LINE_DASH) and min(dashes["EUU"]) > 0
    assert dashes["FRA"] == dashes["USA"] == [0, 0]  # deck.gl's solid line


def test_group_members_borders_are_dashed_and_other_partners_solid(events, vocab):
    deck = partner_map.partner_deck(events, vocab)
    members = _layer(deck, "group-members")
    assert _dashed(members) and members["getDashArray"] == list(partner_map.GROUP_BORDER_DASH)
    assert min(partner_map.GROUP_BORDER_DASH) > 0
    partners = _layer(deck, "partners")
    assert _dashed(partners) and partners["getDashArray"] == "@@=properties.dash"
    borders = {code: properties["dash"] for code, properties in _features(deck, "partners").items()}
    assert borders == {"FRA": list(partner_map.GROUP_BORDER_DASH), "USA": [0, 0]}  # France is also a member of the EU
    for layer_id in ("sea", "world", "borders", "home", "markers", "seoul"):
        assert "extensions" not in _layer(deck, layer_id)


def test_deck_marks_a_group_at_its_anchor_not_its_members_average(events, vocab):
    markers = _layer(partner_map.partner_deck(events, vocab), "markers")["data"]
    assert [(m["partner_code"], m["position"]) for m in markers] == [("EUU", [4.3826, 50.8431])]  # Brussels, partners.yaml's anchor


def test_every_real_group_is_drawn_at_the_anchor_a_person_chose_on_land():
    """The real groups' dots: their anchors, each inside the outline of the country it names (not the open Pacific)."""
    vocab = load().vocab
    groups = vocab.partners[vocab.partners["kind"] == "group"]
    assert len(groups) > 0
    for code, row in groups.iterrows():
        point = partner_map.anchor(code, "group", vocab)
        assert point == (geo.map_longitude(row["anchor_lon"]), row["anchor_lat"]), code
        assert _inside(point, geo.outline(row["anchor_country"])), code


def _inside(point: tuple[float, float], geometry: dict | None) -> bool:
    """Whether a point lies in a GeoJSON (Multi)Polygon, by ray casting (Singapore has no 1:110m outline: its
    point lies in Malaysia's, as the map draws it, so an outline-less country is checked by its neighbour)."""
    if geometry is None:
        return True
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    x, y = point
    inside = False
    for polygon in polygons:
        ring = polygon[0]
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def test_a_state_counts_for_its_country_on_the_map(vocab):
    events = _events(("Perth lithium visit", ["AU-WA"], ["critical_minerals"], "2026-03-01"))
    events["partner_countries"] = [["AUS"]]
    table = partner_map.partner_table(events, vocab)
    assert table[["code", "name", "events"]].values.tolist() == [["AUS", "Australia", 1]]
    assert list(partner_map.partner_events(events, "AUS")["title"]) == ["Perth lithium visit"]


def test_deck_needs_no_network_and_its_pickable_layers_have_ids(events, vocab):
    spec = json.loads(partner_map.partner_deck(events, vocab).to_json())
    assert spec.get("mapProvider") is None  # no base map: nothing for the browser to fetch (checked in Chromium below)
    assert not re.search(r"https?://", json.dumps(spec))
    pickable = {layer["id"] for layer in spec["layers"] if layer.get("pickable")}
    assert pickable == set(partner_map.PICKABLE_LAYERS)


def test_deck_json_is_compact_and_holds_what_pydeck_would_write(events, vocab):
    deck = partner_map.partner_deck(events, vocab)
    text = deck.to_json()
    assert text == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))  # no indentation, no padding
    assert json.loads(text) == json.loads(pdk.Deck.to_json(deck))  # the same content as pydeck's own JSON
    given = partner_map.partner_deck(events, vocab, partner_map.partner_table(events, vocab))
    assert given.to_json() == text  # the page passes the table it has already made


def test_widths_and_radii_are_in_screen_pixels_as_the_legend_says(events, vocab):
    """deck.gl takes units as plain strings; pydeck would send "pixels" as an expression ("@@=pixels"), which
    deck.gl does not read as units, and drew the lines from Seoul several times wider than the legend says."""
    layers = json.loads(partner_map.partner_deck(events, vocab).to_json())["layers"]
    units = {(layer["id"], key): value for layer in layers for key, value in layer.items() if key.endswith("Units")}
    assert units[("links", "widthUnits")] == units[("seoul", "radiusUnits")] == units[("markers", "radiusUnits")] == "pixels"
    assert set(units.values()) == {"pixels"}


def test_deck_sent_to_the_browser_stays_small(vocab):
    """Every rerun sends the whole deck but the base layer (fetched once by address): the real records' map, and
    even a map where every country in the world is a partner, stay a few hundred kilobytes (it was 1.5 MB with
    the outlines at full detail)."""
    dataset = load()
    served = {"world_url": "static/world.json", "borders_url": "static/borders.json"}
    assert len(partner_map.partner_deck(dataset.events, dataset.vocab, **served).to_json()) < 170_000
    countries = [f["properties"]["code"] for f in geo.world_features()]
    everyone = _events(*((f"Talks {code}", [code], ["batteries"], "2025-01-01") for code in countries))
    assert len(partner_map.partner_deck(everyone, vocab, **served).to_json()) < 330_000
    assert len(json.dumps(geo.world_outline(), separators=(",", ":"))) < 130_000
    assert len(json.dumps(geo.world_borders(), separators=(",", ":"))) < 210_000


def test_tooltips_name_the_partner_count_sectors_and_latest_event(events, vocab):
    deck = partner_map.partner_deck(events, vocab)
    assert set(re.findall(r"{(\w+)}", partner_map.TOOLTIP_HTML)) == set(partner_map.TOOLTIP_FIELDS)
    france = _features(deck, "partners")["FRA"]
    assert france["tooltip_title"] == "France"
    assert france["tooltip_events"] == "3 events; also a member of the European Union (2 events with the group)"
    assert france["tooltip_sectors"] == "Sectors: Semiconductors, Batteries, Defense, Artificial intelligence"
    assert france["tooltip_latest"] == "Latest: Paris AI forum (10 Sep 2025)"
    germany = _features(deck, "group-members")["DEU"]
    assert germany["tooltip_title"] == "Germany: member of the European Union"
    assert germany["tooltip_events"] == "2 events with the European Union as a group; none with Germany alone"
    assert germany["tooltip_latest"] == "Group's latest: EU chip dialogue (22 Jan 2026)"
    links = {link["partner_code"]: link for link in _layer(deck, "links")["data"]}
    assert links["EUU"]["tooltip_events"] == "2 events with the European Union as a group"
    assert links["USA"]["tooltip_sectors"] == "Sectors: Critical minerals, Defense"


def test_tooltip_fields_hold_record_text_as_plain_text_for_streamlit_to_escape(vocab):
    """Streamlit escapes each {field} it puts into the tooltip; escaping here too would show ``&lt;``."""
    hostile = _events(("<img src=x onerror=alert(1)> & co", ["USA"], [], "2025-01-01"))
    [usa] = _features(partner_map.partner_deck(hostile, vocab), "partners").values()
    assert usa["tooltip_latest"] == "Latest: <img src=x onerror=alert(1)> & co (1 Jan 2025)"
    assert "<" not in partner_map.TOOLTIP_HTML.replace("<b>", "").replace("</b>", "").replace("<br/>", "")


@pytest.mark.parametrize(
    ("selection", "code"),
    [
        (None, None),
        ({"selection": {"indices": {}, "objects": {}}}, None),
        ({"selection": {"objects": {"partners": [{"type": "Feature", "properties": {"partner_code": "FRA"}}]}}}, "FRA"),
        ({"selection": {"objects": {"group-members": [{"properties": {"partner_code": "EUU"}}]}}}, "EUU"),
        ({"selection": {"indices": {"links": [1]}, "objects": {"links": [{"partner_code": "USA", "width": 3}]}}}, "USA"),
        ({"selection": {"indices": {"markers": [0]}, "objects": {"markers": [{"partner_code": "LAC"}]}}}, "LAC"),
    ],
)
def test_selected_partner_reads_the_clicked_object(selection, code):
    assert partner_map.selected_partner(selection) == code


def test_legend_states_the_classes_in_use_and_how_groups_and_korea_are_drawn(events, vocab):
    svg = partner_map.legend_svg(partner_map.partner_table(events, vocab))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    labels = re.findall(r">([^<>]+)</text>", svg)
    assert [label for label in labels if label in {"1", "2", "3–4", "5–8"}] == ["1", "2", "3–4", "1", "2", "3–4"]
    assert partner_map.COUNTRY_COLORS[2] in svg and partner_map.COUNTRY_COLORS[3] not in svg
    text = " ".join(labels)
    assert "(European Union) counts for the group, not for its members" in text
    assert "Korea, the home country" in text and "2.2 px for 1" in text


def test_legend_draws_a_solid_line_for_countries_and_dashed_ones_for_groups(events, vocab):
    svg = partner_map.legend_svg(partner_map.partner_table(events, vocab))
    keys = {words: drawing for drawing, words in re.findall(r"<((?:line|rect) [^>]*)/><text [^>]*>([^<]+)</text>", svg)}
    assert "stroke-dasharray" not in keys["Line to a country"]
    assert f'stroke-dasharray="{partner_map.GROUP_LINE_DASH[0]} {partner_map.GROUP_LINE_DASH[1]}"' in keys["Line to a group"]
    assert f'stroke-dasharray="{partner_map.GROUP_BORDER_DASH[0]} {partner_map.GROUP_BORDER_DASH[1]}"' in keys["Member of a group"]
    text = " ".join(re.findall(r">([^<>]+)</text>", svg))
    assert "with a dashed orange border" in text and "A group's line from Seoul is dashed, a country's solid" in text


def test_legend_in_words_says_what_the_image_shows(events, vocab):
    words = partner_map.legend_words(partner_map.partner_table(events, vocab))
    assert "in classes 1, 2, 3–4:" in words and "5–8" not in words
    assert "blue for events with a country" in words and "orange for events with a group" in words
    assert "(European Union) counts for the group, not for its members" in words and "Korea, the home country" in words
    assert "dashed orange border" in words and "line from Seoul is dashed, a country's solid" in words


def test_legend_escapes_names():
    table = pd.DataFrame([{"code": "XYZ", "name": "A & <B>", "kind": "group", "events": 1}])
    svg = partner_map.legend_svg(table)
    assert "A &amp; &lt;B&gt;" in svg and "<B>" not in svg


def test_subtitle_and_file_name_filters_follow_the_switch_and_the_click(vocab):
    assert partner_map.map_subtitle("All records", "all", vocab) == "All records"
    assert partner_map.map_subtitle("All records", "batteries", vocab) == "Batteries events only"
    assert partner_map.map_subtitle("2025 · Signed", "defense", vocab) == "Defense events only · 2025 · Signed"
    base = Filters(statuses=("held",))
    assert partner_map.table_filters(base, "all", None) == base
    narrowed = Filters(statuses=("held",), sectors=("batteries",), partners=("FRA",))
    assert partner_map.table_filters(base, "batteries", "FRA") == narrowed


def test_real_data_counts_match_the_records():
    dataset = load()
    table = partner_map.partner_table(dataset.events, dataset.vocab)
    expected = Counter(code for codes in dataset.events["partners"] for code in codes)
    assert dict(zip(table["code"], table["events"], strict=True)) == dict(expected)
    deck = partner_map.partner_deck(dataset.events, dataset.vocab)
    links = {link["partner_code"] for link in _layer(deck, "links")["data"]}
    assert links == set(expected)  # every partner in the records has its line from Seoul


def test_a_deck_given_a_first_view_keeps_it_and_the_whole_view_fits_every_partner(events, vocab):
    fitted = partner_map.partner_deck(events, vocab).initial_view_state
    assert (fitted.longitude, fitted.latitude, fitted.zoom) == tuple(
        partner_map.whole_view(events, vocab)[k] for k in ("longitude", "latitude", "zoom")
    )
    usa_only = events[events["partners"].map(lambda codes: codes == ["USA"])]
    assert not usa_only.empty
    own = partner_map.partner_deck(usa_only, vocab).initial_view_state
    kept = partner_map.partner_deck(usa_only, vocab, view=partner_map.whole_view(events, vocab)).initial_view_state
    assert (kept.longitude, kept.zoom) == (fitted.longitude, fitted.zoom) != (own.longitude, own.zoom)


def test_a_crowded_map_draws_lines_only_to_the_partners_with_most_events(events, vocab, monkeypatch):
    """Past ``crowding.PARTNER_ROWS_UP_TO`` partners, the partners the other charts fold get no line from Seoul (a
    tangle of hundreds of lines read as nothing), but keep their colour; the legend and the words say so."""
    monkeypatch.setattr(crowding, "PARTNER_ROWS_UP_TO", 2)  # FRA 3 events; USA and the EU 2 each: folded
    table = partner_map.partner_table(events, vocab)
    deck = partner_map.partner_deck(events, vocab, table)
    assert {link["partner_code"] for link in _layer(deck, "links")["data"]} == {"FRA"}
    assert set(_features(deck, "partners")) == {"FRA", "USA"}
    assert "EUU" in {marker["partner_code"] for marker in _layer(deck, "markers")["data"]}
    note = "Lines run from Seoul to the 1 partner with most events (none to the other 2)"
    assert note in partner_map.legend_words(table)
    assert note.split(" (")[0] in " ".join(re.findall(r">([^<>]+)</text>", partner_map.legend_svg(table)))
    assert "Lines from Seoul run only to the 1 partner with most events." in summaries.partner_map_text(events, vocab, table).summary
    monkeypatch.setattr(crowding, "PARTNER_ROWS_UP_TO", 3)  # three partners: room for every line
    table = partner_map.partner_table(events, vocab)
    assert {link["partner_code"] for link in _layer(partner_map.partner_deck(events, vocab, table), "links")["data"]} == {
        "FRA",
        "USA",
        "EUU",
    }
    assert "to each partner's capital or group's middle" in partner_map.legend_words(table)
    assert "Lines from Seoul run only" not in summaries.partner_map_text(events, vocab, table).summary
