"""Build the country data the map draws from, once, from the ``countryinfo`` package's public API.

Run ``python -m tools.build_country_data`` (``make country-data``) after upgrading countryinfo; it writes
``sctracker/figures/partner_map/world.json``, which ships with the package, so the dashboard needs neither
countryinfo nor the network at run time. A test checks that the file is what this script makes.

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

from sctracker.figures.partner_map.geo import DATA_FILE, WEST_EDGE, map_longitude

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

# (ISO alpha-3 code or "" for a Natural Earth unit without one, name, polygon rings as [lon, lat]).
MISSING_OUTLINES = [
    (
        "JAM",
        "Jamaica",
        [
            [
                [-77.57, 18.49],
                [-76.89, 18.4],
                [-76.37, 18.16],
                [-76.2, 17.89],
                [-76.9, 17.87],
                [-77.2, 17.7],
                [-77.77, 17.86],
                [-78.34, 18.23],
                [-78.22, 18.45],
                [-77.8, 18.52],
                [-77.57, 18.49],
            ]
        ],
    ),
    (
        "MMR",
        "Myanmar",
        [
            [
                [100.12, 20.42],
                [99.54, 20.19],
                [98.96, 19.75],
                [98.25, 19.71],
                [97.8, 18.63],
                [97.38, 18.45],
                [97.86, 17.57],
                [98.5, 16.84],
                [98.9, 16.18],
                [98.54, 15.31],
                [98.19, 15.12],
                [98.43, 14.62],
                [99.1, 13.83],
                [99.21, 13.27],
                [99.2, 12.8],
                [99.59, 11.89],
                [99.04, 10.96],
                [98.55, 9.93],
                [98.46, 10.68],
                [98.77, 11.44],
                [98.43, 12.03],
                [98.51, 13.12],
                [98.1, 13.64],
                [97.78, 14.84],
                [97.6, 16.1],
                [97.16, 16.93],
                [96.5, 16.43],
                [95.37, 15.71],
                [94.81, 15.8],
                [94.19, 16.04],
                [94.54, 17.28],
                [94.33, 18.21],
                [93.54, 19.37],
                [93.66, 19.73],
                [93.08, 19.86],
                [92.37, 20.67],
                [92.3, 21.48],
                [92.65, 21.32],
                [92.67, 22.04],
                [93.17, 22.28],
                [93.06, 22.7],
                [93.29, 23.04],
                [93.33, 24.08],
                [94.11, 23.85],
                [94.55, 24.67],
                [94.6, 25.16],
                [95.15, 26.0],
                [95.13, 26.57],
                [96.42, 27.26],
                [97.13, 27.08],
                [97.05, 27.7],
                [97.4, 27.88],
                [97.33, 28.26],
                [97.91, 28.34],
                [98.25, 27.75],
                [98.68, 27.51],
                [98.71, 26.74],
                [98.67, 25.92],
                [97.72, 25.08],
                [97.61, 23.9],
                [98.66, 24.06],
                [98.9, 23.14],
                [99.53, 22.95],
                [99.24, 22.12],
                [99.98, 21.74],
                [100.42, 21.56],
                [101.15, 21.85],
                [101.18, 21.44],
                [100.33, 20.79],
                [100.12, 20.42],
            ]
        ],
    ),
    (
        "HUN",
        "Hungary",
        [
            [
                [22.08, 48.42],
                [22.64, 48.15],
                [22.71, 47.88],
                [22.1, 47.67],
                [21.63, 46.99],
                [21.02, 46.32],
                [20.22, 46.13],
                [19.6, 46.17],
                [18.83, 45.91],
                [18.46, 45.76],
                [17.63, 45.95],
                [16.88, 46.38],
                [16.57, 46.5],
                [16.37, 46.84],
                [16.2, 46.85],
                [16.53, 47.5],
                [16.34, 47.71],
                [16.9, 47.72],
                [16.98, 48.12],
                [17.49, 47.87],
                [17.86, 47.76],
                [18.7, 47.88],
                [18.78, 48.08],
                [19.18, 48.11],
                [19.66, 48.27],
                [19.77, 48.2],
                [20.24, 48.33],
                [20.48, 48.56],
                [20.8, 48.62],
                [21.87, 48.32],
                [22.08, 48.42],
            ]
        ],
    ),
    (
        "",
        "N. Cyprus",
        [
            [
                [32.73, 35.14],
                [32.8, 35.14],
                [32.95, 35.39],
                [33.67, 35.37],
                [34.58, 35.67],
                [33.9, 35.25],
                [33.98, 35.06],
                [33.87, 35.09],
                [33.68, 35.02],
                [33.53, 35.04],
                [33.47, 35.0],
                [33.46, 35.1],
                [33.38, 35.16],
                [33.19, 35.17],
                [32.92, 35.09],
                [32.73, 35.14],
            ]
        ],
    ),
    (
        "",
        "Somaliland",
        [
            [
                [48.95, 11.41],
                [48.94, 11.39],
                [48.94, 10.98],
                [48.94, 9.97],
                [48.94, 9.45],
                [48.49, 8.84],
                [47.79, 8.0],
                [46.95, 8.0],
                [43.68, 9.18],
                [43.3, 9.54],
                [42.93, 10.02],
                [42.56, 10.57],
                [42.78, 10.93],
                [43.14, 11.46],
                [43.47, 11.28],
                [43.67, 10.86],
                [44.12, 10.45],
                [44.61, 10.44],
                [45.56, 10.7],
                [46.64, 10.82],
                [47.53, 11.13],
                [48.02, 11.19],
                [48.38, 11.38],
                [48.95, 11.41],
            ]
        ],
    ),
    (
        "SRB",
        "Serbia",
        [
            [
                [18.83, 45.91],
                [19.6, 46.17],
                [20.22, 46.13],
                [20.76, 45.74],
                [20.87, 45.42],
                [21.48, 45.18],
                [21.56, 44.77],
                [22.15, 44.48],
                [22.46, 44.7],
                [22.71, 44.58],
                [22.47, 44.41],
                [22.66, 44.24],
                [22.41, 44.01],
                [22.5, 43.64],
                [22.98, 43.21],
                [22.61, 42.9],
                [22.44, 42.58],
                [22.55, 42.46],
                [22.38, 42.32],
                [21.92, 42.3],
                [21.58, 42.25],
                [21.54, 42.32],
                [21.66, 42.44],
                [21.77, 42.68],
                [21.63, 42.68],
                [21.44, 42.86],
                [21.27, 42.91],
                [21.14, 43.07],
                [20.96, 43.13],
                [20.81, 43.27],
                [20.63, 43.22],
                [20.5, 42.88],
                [20.26, 42.81],
                [20.34, 42.9],
                [19.96, 43.11],
                [19.63, 43.21],
                [19.49, 43.35],
                [19.22, 43.52],
                [19.45, 43.57],
                [19.6, 44.04],
                [19.12, 44.42],
                [19.37, 44.86],
                [19.01, 44.86],
                [19.39, 45.24],
                [19.07, 45.52],
                [18.83, 45.91],
            ]
        ],
    ),
    (
        "MNE",
        "Montenegro",
        [
            [
                [20.07, 42.59],
                [19.8, 42.5],
                [19.74, 42.69],
                [19.31, 42.2],
                [19.37, 41.88],
                [19.16, 41.96],
                [18.88, 42.28],
                [18.45, 42.48],
                [18.56, 42.65],
                [18.71, 43.2],
                [19.03, 43.43],
                [19.22, 43.52],
                [19.49, 43.35],
                [19.63, 43.21],
                [19.96, 43.11],
                [20.34, 42.9],
                [20.26, 42.81],
                [20.07, 42.59],
            ]
        ],
    ),
    (
        "XKX",
        "Kosovo",
        [
            [
                [20.59, 41.86],
                [20.52, 42.22],
                [20.28, 42.32],
                [20.07, 42.59],
                [20.26, 42.81],
                [20.5, 42.88],
                [20.63, 43.22],
                [20.81, 43.27],
                [20.96, 43.13],
                [21.14, 43.07],
                [21.27, 42.91],
                [21.44, 42.86],
                [21.63, 42.68],
                [21.77, 42.68],
                [21.66, 42.44],
                [21.54, 42.32],
                [21.58, 42.25],
                [21.35, 42.21],
                [20.76, 42.05],
                [20.72, 41.85],
                [20.59, 41.86],
            ]
        ],
    ),
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


def _geometry_in_frame(geometry: dict) -> dict:
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon_in_frame(geometry["coordinates"])}
    return {"type": "MultiPolygon", "coordinates": [_polygon_in_frame(polygon) for polygon in geometry["coordinates"]]}


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


def main() -> int:
    DATA_FILE.write_text(data_text(), encoding="utf-8")
    print(f"wrote {DATA_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
