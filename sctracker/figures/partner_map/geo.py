"""Country outlines, capitals and centres from data shipped with the package, so maps draw with no network.

The data (``world.json``) are built once from the ``countryinfo`` package by ``tools/build_country_data.py``
(which says where the outlines come from and how they are simplified); the dashboard reads only the file.

Maps here are Pacific-centred, as Korean world maps are: they run eastwards from ``WEST_EDGE`` (25°W)
round to 335°E, so Korea sits near the middle, Europe on the left and the Americas on the right.
Every longitude this module returns is in that frame (a longitude west of 25°W has 360 added).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

#: The map's western edge, in the Atlantic between the Americas and Europe and Africa (degrees east).
WEST_EDGE = -25.0
#: The shipped country data: per ISO alpha-3 code (or Natural Earth unit name), name, outline, centre,
#: capital (trusted, else the centre) and area.
DATA_FILE = Path(__file__).with_name("world.json")


def map_longitude(longitude: float) -> float:
    """A longitude in the Pacific-centred frame: west of ``WEST_EDGE`` it is taken 360° further east."""
    return longitude + 360.0 if longitude < WEST_EDGE else longitude


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["countries"]


def _pair(value: list | None) -> tuple[float, float] | None:
    return (value[0], value[1]) if value else None


def outline(code: str) -> dict | None:
    """A country's outline as a GeoJSON geometry in the map's frame, or None when the data have none.

    Args:
        code: ISO 3166-1 alpha-3 code.
    """
    entry = _countries().get(code)
    return entry["outline"] if entry else None


def capital(code: str) -> tuple[float, float] | None:
    """A country's capital as (longitude, latitude) in the map's frame (its centre where the data's capital
    lies abroad), or None when unknown."""
    entry = _countries().get(code)
    return _pair(entry["capital"]) if entry else None


def centre(code: str) -> tuple[float, float] | None:
    """A country's centre point as (longitude, latitude) in the map's frame, or None when unknown."""
    entry = _countries().get(code)
    return _pair(entry["centre"]) if entry else None


@functools.lru_cache(maxsize=1)
def world_features() -> tuple[dict[str, Any], ...]:
    """Every country outline as a GeoJSON feature (``properties``: ``code``, ``name``), in the map's frame."""
    return tuple(
        {"type": "Feature", "properties": {"code": code, "name": entry["name"]}, "geometry": entry["outline"]}
        for code, entry in _countries().items()
        if entry["outline"] is not None
    )


def polygons_of(geometry: dict[str, Any]) -> list:
    """A Polygon's or MultiPolygon's polygons, each a list of rings."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


@functools.lru_cache(maxsize=1)
def world_outline() -> dict[str, Any]:
    """Every country's outline as one GeoJSON FeatureCollection of one MultiPolygon, for the map's base layer.

    Made once and shared (do not modify it): the base needs no per-country properties, and one feature
    is the smallest JSON that draws every outline.
    """
    polygons = [polygon for feature in world_features() for polygon in polygons_of(feature["geometry"])]
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": polygons}}
    return {"type": "FeatureCollection", "features": [feature]}


@functools.lru_cache(maxsize=1)
def world_borders() -> tuple[dict[str, list[float]], ...]:
    """Every edge of every country's outline once, as a segment (``{"s": [lon, lat], "t": [lon, lat]}``), for the
    base layer's borders.

    A border two countries share is one edge, not two. Made once and shared (do not modify it).
    """
    seen: set[frozenset] = set()
    segments = []
    for feature in world_features():
        for polygon in polygons_of(feature["geometry"]):
            for ring in polygon:
                for start, end in zip(ring, ring[1:]):
                    edge = frozenset((tuple(start), tuple(end)))
                    if edge not in seen:
                        seen.add(edge)
                        segments.append({"s": list(start), "t": list(end)})
    return tuple(segments)
