"""What the partner map draws and where it first looks: a partner table in, the objects of each layer (one a
country, never one an event) and the first view out; pure, no Streamlit (``deck`` makes the deck of them).

A state or province (``AU-WA``) counts for its country; a group's line ends at its anchor (its seat, or a point
chosen for it in ``partners.yaml``) and its members are drawn apart from partners with events of their own.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

import pandas as pd

from sctracker.figures.partner_map import geo
from sctracker.figures.partner_map.counts import Membership, memberships, partner_table, unlinked_partners
from sctracker.figures.partner_map.legend import (
    COUNTRY_LINE_COLOR,
    GROUP_BORDER_DASH,
    GROUP_COLORS,
    GROUP_LINE_COLOR,
    GROUP_LINE_DASH,
    PARTNER_BORDER_COLOR,
    SOLID,
    count_class,
    count_color,
    line_width,
    rgba,
)
from sctracker.query.words import plural
from sctracker.records.model import HOME_COUNTRY
from sctracker.records.vocabularies import Vocabularies

#: What every pickable object on the map carries: the partner it stands for and the tooltip's lines.
TOOLTIP_FIELDS = ("tooltip_title", "tooltip_events", "tooltip_sectors", "tooltip_latest")
#: The map's canvas (pixels), the same in every window: the main column of a 1,000-pixel window with the
#: sidebar open is about this wide, so the map, its source line and legend read whole there and on a slide.
MAP_WIDTH_PIXELS, MAP_HEIGHT_PIXELS = 600, 420
#: How far the first view may zoom in (a lone partner is still shown in its region), and out.
_ZOOM_RANGE = (-0.5, 3.0)
#: The share of the canvas left as margin around the partners.
_MARGIN = 0.06


def anchor(code: str, kind: str, vocab: Vocabularies) -> tuple[float, float] | None:
    """Where a partner's line ends: a country's capital; a group's anchor in ``partners.yaml`` (its seat, or a
    point a person chose for it: the average of its members can fall in the open sea)."""
    if kind == "group":
        lon, lat = vocab.partners.at[code, "anchor_lon"], vocab.partners.at[code, "anchor_lat"]
        return (geo.map_longitude(float(lon)), float(lat))
    return geo.capital(code)


def curved_path(start: tuple[float, float], end: tuple[float, float], points: int = 24) -> list[list[float]]:
    """A gentle curve from ``start`` to ``end`` (longitude, latitude), bowed poleward so lines that share
    a bearing from Seoul stay apart; its first and last points are exactly ``start`` and ``end``."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length == 0:
        return [[x0, y0], [x1, y1]]
    normal = (-dy / length, dx / length)
    if normal[1] < 0:
        normal = (-normal[0], -normal[1])
    bow = 0.18 * length
    cx, cy = (x0 + x1) / 2 + normal[0] * bow, (y0 + y1) / 2 + normal[1] * bow
    path = []
    for step in range(points + 1):
        t = step / points
        path.append(
            [
                round((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1, 4),
                round((1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1, 4),
            ]
        )
    path[0], path[-1] = [x0, y0], [x1, y1]
    return path


def partner_tooltip(row: Mapping, member_of: Membership | None = None) -> dict[str, str]:
    """The tooltip's lines for a partner: name, number of events, sectors, latest event.

    Args:
        row: a row of ``partner_table``.
        member_of: the group with events that this country also belongs to, if any.
    """
    if row["kind"] == "group":
        events = f"{plural(row['events'], 'event')} with the {row['name']} as a group"
    else:
        events = plural(row["events"], "event")
        if member_of is not None:
            events += f"; also a member of the {member_of.group_name} ({plural(member_of.group_events, 'event')} with the group)"
    return {
        "tooltip_title": row["name"],
        "tooltip_events": events,
        "tooltip_sectors": "Sectors: " + (", ".join(row["sectors"]) or "none recorded"),
        "tooltip_latest": f"Latest: {row['latest_title']} ({row['latest_date']})",
    }


def member_tooltip(member: Membership, group_row: Mapping) -> dict[str, str]:
    """The tooltip's lines for a member country with no events of its own: its group's events."""
    return {
        "tooltip_title": f"{member.name}: member of the {member.group_name}",
        "tooltip_events": (
            f"{plural(member.group_events, 'event')} with the {member.group_name} as a group; none with {member.name} alone"
        ),
        "tooltip_sectors": "Group's sectors: " + (", ".join(group_row["sectors"]) or "none recorded"),
        "tooltip_latest": f"Group's latest: {group_row['latest_title']} ({group_row['latest_date']})",
    }


def outline_feature(code: str, properties: dict) -> dict | None:
    """A country's outline as a GeoJSON feature carrying ``properties``; None for a country too small to have one."""
    geometry = geo.outline(code)
    if geometry is None:
        return None
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def feature_collection(features: list[dict]) -> dict:
    """GeoJSON features as one collection, the data of a ``GeoJsonLayer``."""
    return {"type": "FeatureCollection", "features": features}


@dataclasses.dataclass
class MapObjects:
    """What the deck draws for the partners, each object carrying ``partner_code`` and ``TOOLTIP_FIELDS``."""

    member_features: list[dict]  # members of groups with events that have none of their own
    partner_features: list[dict]  # countries with events of their own
    markers: list[dict]  # dots: a group's middle, or a country too small for a 1:110m outline
    links: list[dict]  # lines from Seoul (none to ``unlinked_partners``), widest first so that thin ones are on top


def map_objects(table: pd.DataFrame, vocab: Vocabularies) -> MapObjects:
    """The map's partner objects for a ``partner_table``: one feature a country, never one an event."""
    rows = {row["code"]: row for row in table.to_dict("records")}
    members = memberships(table, vocab)
    membership_of = {m.code: m for m in members}
    seoul = geo.capital(HOME_COUNTRY)
    drawn = MapObjects([], [], [], [])
    unlinked = unlinked_partners(table)
    for member in members:
        if member.code in rows:  # a partner in its own right: drawn with the partners, bordered as a member
            continue
        properties = {
            "partner_code": member.group,
            "fill": rgba(GROUP_COLORS[count_class(member.group_events)], 200),
            **member_tooltip(member, rows[member.group]),
        }
        feature = outline_feature(member.code, properties)
        position = geo.capital(member.code) or geo.centre(member.code)
        if feature is not None:
            drawn.member_features.append(feature)
        elif position is not None:
            drawn.markers.append({**properties, "position": list(position), "radius": 3})
    for row in rows.values():
        member = row["code"] in membership_of
        properties = {
            "partner_code": row["code"],
            "fill": count_color(row["events"], row["kind"]),
            "line": rgba(GROUP_LINE_COLOR if member else PARTNER_BORDER_COLOR),
            "dash": list(GROUP_BORDER_DASH if member else SOLID),
            **partner_tooltip(row, membership_of.get(row["code"])),
        }
        end = anchor(row["code"], row["kind"], vocab)
        feature = None if row["kind"] == "group" else outline_feature(row["code"], properties)
        if feature is not None:
            drawn.partner_features.append(feature)
        elif end is not None:
            drawn.markers.append({**properties, "position": list(end), "radius": 5 if row["kind"] == "group" else 4})
        if end is not None and seoul is not None and row["code"] not in unlinked:
            drawn.links.append(
                {
                    **{k: v for k, v in properties.items() if k not in ("fill", "line", "dash")},
                    "path": curved_path(seoul, end),
                    "width": line_width(row["events"]),
                    "color": rgba(GROUP_LINE_COLOR if row["kind"] == "group" else COUNTRY_LINE_COLOR, 170),
                    "dash": list(GROUP_LINE_DASH if row["kind"] == "group" else SOLID),
                }
            )
    drawn.links.sort(key=lambda link: -link["width"])
    return drawn


def _mercator(latitude: float) -> float:
    """Web Mercator's y of a latitude, in units where the world is 1 wide."""
    clipped = max(-85.0, min(85.0, latitude))
    return math.log(math.tan(math.pi / 4 + math.radians(clipped) / 2)) / (2 * math.pi)


def fitted_view(drawn: MapObjects, width: int = MAP_WIDTH_PIXELS, height: int = MAP_HEIGHT_PIXELS) -> dict:
    """The first view: the smallest that shows Seoul, every partner and every group member drawn, on a canvas
    of ``width`` by ``height`` pixels (the page's: ``MAP_WIDTH_PIXELS`` by ``MAP_HEIGHT_PIXELS``; the whole map
    when nothing is drawn)."""
    points = [tuple(geo.capital(HOME_COUNTRY) or (127.0, 37.5))]
    points += [tuple(link["path"][-1]) for link in drawn.links] + [tuple(marker["position"]) for marker in drawn.markers]
    for feature in drawn.partner_features + drawn.member_features:
        points += [tuple(point) for rings in geo.polygons_of(feature["geometry"]) for point in rings[0]]
    if len(points) == 1:  # nothing but Korea: the whole map
        points += [(geo.WEST_EDGE, -55.0), (geo.WEST_EDGE + 360, 75.0)]
    longitudes, ys = [p[0] for p in points], [_mercator(p[1]) for p in points]
    span_x = (max(longitudes) - min(longitudes)) / 360 or 1e-3
    span_y = (max(ys) - min(ys)) or 1e-3
    usable = 1 - 2 * _MARGIN
    zoom = math.log2(min(usable * width / (512 * span_x), usable * height / (512 * span_y)))
    zoom = min(max(zoom, _ZOOM_RANGE[0]), _ZOOM_RANGE[1])
    # deck.gl keeps the world covering the canvas from top to bottom, so a middle nearer a pole than that
    # is moved: say the view it will really show (a test hovers a partner at the pixel this view gives).
    room = max(0.0, (512 * 2**zoom - height) / 2 / (512 * 2**zoom))
    middle_y = max(-room, min(room, (max(ys) + min(ys)) / 2))
    latitude = math.degrees(2 * math.atan(math.exp(middle_y * 2 * math.pi)) - math.pi / 2)
    return {
        "longitude": round((max(longitudes) + min(longitudes)) / 2, 3),
        "latitude": round(latitude, 3),
        "zoom": round(zoom, 3),
        "min_zoom": _ZOOM_RANGE[0],
        "max_zoom": 6,
    }


def whole_view(events: pd.DataFrame, vocab: Vocabularies) -> dict:
    """The page's first view of the map for any filter of ``events``: fitted to all their partners."""
    return fitted_view(map_objects(partner_table(events, vocab), vocab))
