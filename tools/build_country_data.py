"""Build the country data the package ships, once, from well-kept packages' public data.

Run ``python -m tools.build_country_data`` (``make country-data``) after upgrading countryinfo, pycountry or
country_converter; it writes two files that ship with the package, so that the dashboard needs none of
those build-time sources nor the network at run time (tests check that both are what this script makes):

- ``sctracker/records/countries.json``: every ISO 3166-1 country (pycountry) with its names, its UN M49
  region and sub-region (country_converter's data table, read as data: its converter class fails to start
  under pandas 3), and the words articles use for it (countryinfo: demonym, capital, other spellings);
- ``sctracker/figures/partner_map/world.json``: outlines, centres and capitals for the map (countryinfo);

and, from the second, ``static/world-outline.json`` and ``static/world-borders.json``: the map's base layer, its
land (``geo.world_outline``) and its borders and coasts (``geo.world_borders``), which the dashboard's browser
fetches once instead of receiving them in the map on every rerun.

Outlines are Natural Earth 1:110m as countryinfo ships them. Its 1.0.1 release lacks a few that show at
world scale (Hungary, Serbia, Montenegro, Kosovo, Myanmar, Jamaica, and the Natural Earth units N. Cyprus
and Somaliland); ``MISSING_OUTLINES`` fills them from the same source, Natural Earth 1:110m as the npm
package world-atlas 2.0.2 redistributes it (Natural Earth is public domain; world-atlas is © 2013-2019
Michael Bostock, ISC licence), rounded to 0.01°.

Every outline is simplified (Douglas–Peucker, in Web Mercator as the map draws, to ``SIMPLIFY_PIXELS`` of a
world ``WORLD_WIDTH_PIXELS`` wide): the map's first view shows the world about that wide, and the outlines
go to the browser on every rerun. No country, island or lake is left out; a ring too small to simplify is
kept as it is. Longitudes are moved into the map's Pacific-centred frame (``geo.WEST_EDGE``).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from sctracker.figures.partner_map import geo
from sctracker.figures.partner_map.geo import DATA_FILE, WEST_EDGE, map_longitude
from sctracker.paths import WORLD_BORDERS_FILE, WORLD_OUTLINE_FILE
from sctracker.records.countries import COUNTRIES_FILE

#: Antarctica is left off: it would take a third of a Mercator map and holds no partner.
_LEFT_OUT = {"ATA"}
#: Outline coordinates are rounded to this many decimals (0.01° is about 1 km): the map is world-scale.
_DECIMALS = 2
#: How far (degrees) a capital may lie from its country's outline or centre and still be trusted.
_TRUSTED_DEGREES = 3.0
#: Outlines are simplified for a world map this many pixels wide (the partner map's first view: about 920).
WORLD_WIDTH_PIXELS = 1000
#: No outline moves by more than this many pixels of that map at the first view (each zoom step doubles it).
SIMPLIFY_PIXELS = 0.5
#: The most a simplified point may lie off the outline, in Web Mercator degrees (a degree of longitude).
_TOLERANCE = SIMPLIFY_PIXELS * 360.0 / WORLD_WIDTH_PIXELS
#: The Web Mercator's latitude limit (degrees): outlines are simplified as the map projects them.
_MERCATOR_LIMIT = 85.05
#: Outlines countryinfo lacks, each {code ("" for a Natural Earth unit without one), name, rings [[lon, lat], …]}.
MISSING_OUTLINES = [
    (entry["code"], entry["name"], entry["rings"])
    for entry in json.loads(Path(__file__).with_name("missing_outlines.json").read_text(encoding="utf-8"))
]


def _mercator_y(latitude: float) -> float:
    """Web Mercator's y of a latitude, in degrees (equal to a degree of longitude at the equator)."""
    clipped = max(-_MERCATOR_LIMIT, min(_MERCATOR_LIMIT, latitude))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(clipped) / 2)))


def simplify_ring(ring: list, tolerance: float = _TOLERANCE) -> list:
    """A closed ring with the points that matter at world scale (Douglas–Peucker, measured in Web Mercator).

    Args:
        ring: [longitude, latitude] points, the last equal to the first.
        tolerance: how far (Web Mercator degrees) the simplified ring may stray from the original.

    Returns:
        The kept points, in order, closed; the ring unchanged when fewer than four points would be left.
    """
    projected = [(x, _mercator_y(y)) for x, y, *_ in ring]
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    spans = [(0, len(ring) - 1)]
    while spans:
        first, last = spans.pop()
        (x1, y1), (x2, y2) = projected[first], projected[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            x, y = projected[index]
            # From the chord, or from its one point where the span starts and ends at the same place.
            off = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if off > distance:
                farthest, distance = index, off
        if farthest is not None:
            keep[farthest] = True
            spans += [(first, farthest), (farthest, last)]
    kept = [point for point, wanted in zip(ring, keep, strict=True) if wanted]
    return kept if len(kept) >= 4 else ring


def _polygon_in_frame(rings: list) -> list:
    """A polygon simplified and moved whole into the frame (by its outer ring's mean longitude), so none is
    torn at the edge."""
    shift = 360.0 if sum(point[0] for point in rings[0]) / len(rings[0]) < WEST_EDGE else 0.0
    return [_rounded([[x + shift, y] for x, y, *_ in simplify_ring(ring)]) for ring in rings]


def _rounded(ring: list) -> list:
    """A ring rounded to ``_DECIMALS``, without the repeated points rounding makes (unless too few would be left)."""
    rounded = [[round(x, _DECIMALS), round(y, _DECIMALS)] for x, y in ring]
    distinct = rounded[:1] + [point for previous, point in zip(rounded, rounded[1:]) if point != previous]
    return distinct if len(distinct) >= 4 else rounded


def _stray_holes_apart(rings: list) -> list[list]:
    """A polygon as one or more: a later ring that does not lie inside the first is an island the source wrote
    as a hole (Sweden's), which the map would cut out of the country as a stray triangle; it becomes a polygon."""
    outer, holes, islands = rings[0], [], []
    for ring in rings[1:]:
        (holes if all(_inside(tuple(point[:2]), outer) for point in ring[:-1]) else islands).append(ring)
    return [[outer, *holes], *([island] for island in islands)]


def _geometry_in_frame(geometry: dict) -> dict:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    parts = [_polygon_in_frame(part) for polygon in polygons for part in _stray_holes_apart(polygon)]
    return {"type": "Polygon", "coordinates": parts[0]} if len(parts) == 1 else {"type": "MultiPolygon", "coordinates": parts}


def _near_outline(point: tuple[float, float], geometry: dict) -> bool:
    """Whether ``point`` lies inside the outline or within ``_TRUSTED_DEGREES`` of one of its corners."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return any(_inside(point, rings[0]) or any(math.dist(point, corner) <= _TRUSTED_DEGREES for corner in rings[0]) for rings in polygons)


def _inside(point: tuple[float, float], ring: list) -> bool:
    """Ray casting: whether ``point`` is inside the ring."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _point(latlng: object) -> tuple[float, float] | None:
    """A [latitude, longitude] pair from the data as (longitude, latitude) in the frame; None if it is not one."""
    if isinstance(latlng, (list, tuple)) and len(latlng) == 2 and all(isinstance(v, (int, float)) for v in latlng):
        return (map_longitude(float(latlng[1])), float(latlng[0]))
    return None


def _trusted_capital(point, centre, shape) -> tuple[float, float] | None:
    """The capital, unless it lies more than ``_TRUSTED_DEGREES`` from its country (the data put a few capitals
    in a namesake city abroad: Antigua's St. John's in Newfoundland, Dili in New Delhi): then the centre."""
    if point is None:
        return centre
    trusted = _near_outline(point, shape) if shape is not None else centre is None or math.dist(point, centre) <= _TRUSTED_DEGREES
    return point if trusted else centre


def build() -> dict:
    """The country data: per ISO alpha-3 code (or Natural Earth unit name), name, outline, centre, capital, area."""
    from countryinfo import all_countries  # a build-time dependency only

    countries: dict[str, dict] = {}
    for info in sorted(all_countries(), key=lambda country: country.iso(3) or ""):
        code = info.iso(3)
        if not code or code in _LEFT_OUT or code in countries:
            continue
        features = (info.geo_json() or {}).get("features") or []
        shape = _geometry_in_frame(features[0]["geometry"]) if features else None
        centre = _point(info.latlng())
        countries[code] = {
            "name": info.name(),
            "outline": shape,
            "centre": list(centre) if centre else None,
            "capital": None,
            "area": float(info.area() or 0) or None,
            "_capital_latlng": info.capital_latlng(),
        }
    for code, name, rings in MISSING_OUTLINES:
        key = code or name
        entry = countries.setdefault(
            key, {"name": name, "outline": None, "centre": None, "capital": None, "area": None, "_capital_latlng": None}
        )
        if entry["outline"] is None:
            entry["outline"] = _geometry_in_frame({"type": "Polygon", "coordinates": rings})
    for entry in countries.values():
        capital = _trusted_capital(
            _point(entry.pop("_capital_latlng")), tuple(entry["centre"]) if entry["centre"] else None, entry["outline"]
        )
        entry["capital"] = list(capital) if capital else None
    return {"west_edge": WEST_EDGE, "countries": dict(sorted(countries.items()))}


def data_text() -> str:
    """The data file's text: compact JSON, one country a line, so that a change reads as a diff."""
    data = build()
    lines = [
        f"{json.dumps(code)}:{json.dumps(entry, separators=(',', ':'), ensure_ascii=False)}" for code, entry in data["countries"].items()
    ]
    return '{"west_edge":' + json.dumps(data["west_edge"]) + ',"countries":{\n' + ",\n".join(lines) + "\n}}\n"


#: UN M49's top-level regions, by country_converter's continent names.
_M49_REGIONS = {"Africa": "Africa", "America": "Americas", "Asia": "Asia", "Europe": "Europe", "Oceania": "Oceania"}


def _m49_table() -> dict[str, dict[str, str]]:
    """country_converter's data table by ISO alpha-3 code (read as data; its converter is not started)."""
    import csv
    import importlib.util

    spec = importlib.util.find_spec("country_converter")
    table = Path(spec.origin).with_name("country_data.tsv")
    with table.open(encoding="utf-8") as handle:
        return {row["ISO3"]: row for row in csv.DictReader(handle, delimiter="\t") if row["ISO3"]}


def countries_text() -> str:
    """The reference table of countries as JSON text, one country a line."""
    import pycountry
    from countryinfo import all_countries

    words: dict[str, object] = {}
    for info in all_countries():  # a code may come twice (GBR: the kingdom and Wales): keep the richer entry
        code = info.iso(3)
        if code and (code not in words or len(info.alt_spellings() or []) > len(words[code].alt_spellings() or [])):
            words[code] = info
    m49 = _m49_table()
    lines = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        info, row = words.get(country.alpha_3), m49.get(country.alpha_3, {})
        entry = {
            "name": getattr(country, "common_name", None) or country.name,
            "iso_name": country.name,
            "official_name": getattr(country, "official_name", None),
            "alpha_2": country.alpha_2,
            "region": _M49_REGIONS.get(row.get("continent", ""), "Antarctica" if country.alpha_3 == "ATA" else None),
            "subregion": row.get("UNregion") or None,
            "demonym": (info.demonym() or None) if info else None,
            "capital": (info.capital() or None) if info else None,
            "other_names": sorted(set(info.alt_spellings() or []) - {country.alpha_2, country.alpha_3}) if info else [],
        }
        lines.append(f"{json.dumps(country.alpha_3)}:{json.dumps(entry, separators=(',', ':'), ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def world_outline_text() -> str:
    """The base layer's GeoJSON as the dashboard serves it, from the shipped ``world.json``."""
    return json.dumps(geo.world_outline(), separators=(",", ":")) + "\n"


def world_borders_text() -> str:
    """The base layer's borders and coasts as the dashboard serves them, from the shipped ``world.json``."""
    return json.dumps(geo.world_borders(), separators=(",", ":")) + "\n"


def main() -> int:
    # world.json first: the outline is read from it
    for path, text in ((DATA_FILE, data_text()), (COUNTRIES_FILE, countries_text())):
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    WORLD_OUTLINE_FILE.parent.mkdir(exist_ok=True)
    for path, text in ((WORLD_OUTLINE_FILE, world_outline_text()), (WORLD_BORDERS_FILE, world_borders_text())):
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
