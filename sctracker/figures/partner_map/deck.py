"""The partner map as a ``pydeck.Deck``: pure (a partner table in, a deck out, no Streamlit), drawn with no
network: country outlines come from ``geo`` (data shipped with the package) and there is no base map
(``map_provider=None``).

How groups are drawn: a group's member countries are filled in the group colour scale (oranges), apart
from the country colour scale (blues) that counts events with a country itself, and the group's line
ends at a dot at the group's anchor (its seat, or a point chosen for it in ``partners.yaml``). A state or
province (``AU-WA``) counts for its country.

Colour never tells a group from a country alone: a group's line and a member's border are dashed, through
deck.gl's ``PathStyleExtension`` (which Streamlit's deck.gl registers for its JSON; ``GeoJsonLayer`` hands it and
its dash array on to the layers that draw outlines). The dash pattern is a property of each line and outline, not
a layer of its own, so that the layer ids, which key the selection ``st.pydeck_chart`` returns, stay as they are.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping, MutableMapping

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from sctracker.figures.palettes import LAND_COLOR
from sctracker.figures.partner_map import geo
from sctracker.figures.partner_map.counts import ALL_PARTNERS, Membership, memberships, partner_table
from sctracker.figures.partner_map.legend import (
    COUNTRY_LINE_COLOR,
    GROUP_BORDER_DASH,
    GROUP_COLORS,
    GROUP_LINE_COLOR,
    GROUP_LINE_DASH,
    HOME_COLOR,
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

BORDER_COLOR = "#ffffff"
SEA_COLOR = "#f3f7fa"
#: What every pickable object on the map carries: the partner it stands for and the tooltip's lines.
TOOLTIP_FIELDS = ("tooltip_title", "tooltip_events", "tooltip_sectors", "tooltip_latest")
#: Streamlit (1.67) HTML-escapes each ``{field}`` it puts into an ``html`` tooltip, so record text in
#: these fields shows literally; the fields therefore hold plain text and are not escaped here again.
TOOLTIP_HTML = "<b>{tooltip_title}</b><br/>{tooltip_events}<br/>{tooltip_sectors}<br/>{tooltip_latest}"
TOOLTIP_STYLE = {
    "backgroundColor": "white",
    "color": "#222",
    "fontFamily": "Noto Sans, DejaVu Sans, Arial, sans-serif",
    "fontSize": "13px",
    "maxWidth": "340px",
    "border": "1px solid #bbb",
    "borderRadius": "4px",
    "padding": "6px 8px",
}
#: The map's canvas (pixels), the same in every window: the main column of a 1,000-pixel window with the
#: sidebar open is about this wide, so the map, its source line and legend read whole there and on a slide.
MAP_WIDTH_PIXELS, MAP_HEIGHT_PIXELS = 600, 420
#: How far the first view may zoom in (a lone partner is still shown in its region), and out.
_ZOOM_RANGE = (-0.5, 3.0)
#: The share of the canvas left as margin around the partners.
_MARGIN = 0.06
#: deck.gl's "pixels" units, quoted: pydeck sends any other string as an accessor expression ("@@=pixels"),
#: which deck.gl does not take for units, so widths and radii were drawn in map units, several times too wide.
PIXELS = '"pixels"'
#: Layer ids; the selection returned by ``st.pydeck_chart`` is keyed by them.
PICKABLE_LAYERS = ("group-members", "partners", "markers", "links")
#: What a layer needs to draw dashes from a dash array, in pixels; its gaps still answer hovers and clicks.
#: ``highPrecisionDash`` runs the pattern along the whole path: by default it starts again at every vertex, and
#: the outlines' segments, a few pixels long, then drew as solid lines (seen in Chromium).
DASHED = {
    "extensions": [{"@@type": "PathStyleExtension", "dash": True, "highPrecisionDash": True}],
    "dash_units": PIXELS,
    "dash_justified": True,
    "dash_gap_pickable": True,
}


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


def _feature(code: str, properties: dict) -> dict | None:
    geometry = geo.outline(code)
    if geometry is None:
        return None
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


@dataclasses.dataclass
class MapObjects:
    """What the deck draws for the partners, each object carrying ``partner_code`` and ``TOOLTIP_FIELDS``."""

    member_features: list[dict]  # members of groups with events that have none of their own
    partner_features: list[dict]  # countries with events of their own
    markers: list[dict]  # dots: a group's middle, or a country too small for a 1:110m outline
    links: list[dict]  # lines from Seoul, widest first so that thin ones are drawn on top


def map_objects(table: pd.DataFrame, vocab: Vocabularies) -> MapObjects:
    """The map's partner objects for a ``partner_table``: one feature a country, never one an event."""
    rows = {row["code"]: row for row in table.to_dict("records")}
    members = memberships(table, vocab)
    membership_of = {m.code: m for m in members}
    seoul = geo.capital(HOME_COUNTRY)
    drawn = MapObjects([], [], [], [])
    for member in members:
        if member.code in rows:  # a partner in its own right: drawn with the partners, bordered as a member
            continue
        properties = {
            "partner_code": member.group,
            "fill": rgba(GROUP_COLORS[count_class(member.group_events)], 200),
            **member_tooltip(member, rows[member.group]),
        }
        feature = _feature(member.code, properties)
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
        feature = None if row["kind"] == "group" else _feature(row["code"], properties)
        if feature is not None:
            drawn.partner_features.append(feature)
        elif end is not None:
            drawn.markers.append({**properties, "position": list(end), "radius": 5 if row["kind"] == "group" else 4})
        if end is not None and seoul is not None:
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


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` whose JSON (what Streamlit sends to the browser) has no indentation.

    pydeck indents its JSON by two spaces, which made the map's JSON about six times larger and, as
    Python's fast JSON encoder cannot indent, seven to ten times slower to write, on every rerun.
    """

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


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
        polygons = [feature["geometry"]["coordinates"]] if feature["geometry"]["type"] == "Polygon" else feature["geometry"]["coordinates"]
        points += [tuple(point) for rings in polygons for point in rings[0]]
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


def partner_deck(
    events: pd.DataFrame,
    vocab: Vocabularies,
    table: pd.DataFrame | None = None,
    canvas: tuple[int, int] | None = None,
    world_url: str | None = None,
    view: dict | None = None,
) -> pdk.Deck:
    """The partner map of an events table.

    Layers, bottom to top: the sea and every country's outline (pale); lines from Seoul whose width
    follows the count (under the fills, so that crowded Europe stays readable); group members (oranges,
    by the group's count); partner countries (blues, by their own count); Korea (magenta); dots for group
    middles and for partners too small to have an outline; Seoul.

    Args:
        events: the events to count (already filtered).
        vocab: the vocabularies.
        table: ``partner_table(events, vocab)`` when the caller has it already (it is made otherwise).
        canvas: the map's (width, height) in pixels, when not the page's (a slide's): the first view fits it.
        world_url: where the browser fetches the world's outline (``geo.world_outline`` as a file), instead of
            receiving it inside the deck. On a page that reruns, the base layer's data is then the same string
            every time, so deck.gl keeps its buffers rather than uploading every outline again after each
            filter change (in a browser without a GPU, the slowest part of a change). None: inside the deck.
        view: the first view (``fitted_view`` of other events: ``whole_view``), when not the one fitted to what is
            drawn. The page fits every record's partners, so that the map keeps its frame as the filters change:
            two filtered maps compare side by side, and the browser draws a change once, not twice (Streamlit's
            deck.gl chart applies a new first view in a second render, and each draw took about a second in
            Chromium without a GPU).

    Returns:
        A ``pydeck.Deck`` with no base map, so it draws with no network.
    """
    drawn = map_objects(partner_table(events, vocab) if table is None else table, vocab)
    seoul, home = geo.capital(HOME_COUNTRY), _feature(HOME_COUNTRY, {"name": "Korea"})
    west, east = geo.WEST_EDGE - 180, geo.WEST_EDGE + 540  # sea beyond the map's edges, however wide the window
    layers = [
        pdk.Layer(
            "PolygonLayer",
            id="sea",
            data=[{"polygon": [[west, -80], [east, -80], [east, 85], [west, 85]]}],
            get_polygon="polygon",
            get_fill_color=rgba(SEA_COLOR),
            stroked=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="world",
            data=world_url or geo.world_outline(),
            get_fill_color=rgba(LAND_COLOR),
            get_line_color=rgba(BORDER_COLOR),
            line_width_units=PIXELS,
            get_line_width=0.7,
        ),
        pdk.Layer(
            "PathLayer",
            id="links",
            data=drawn.links,
            get_path="path",
            get_width="width",
            width_units=PIXELS,
            get_color="color",
            get_dash_array="dash",
            cap_rounded=True,
            pickable=True,
            auto_highlight=True,
            **DASHED,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="group-members",
            data=_collection(drawn.member_features),
            get_fill_color="properties.fill",
            get_line_color=rgba(GROUP_LINE_COLOR),
            line_width_units=PIXELS,
            get_line_width=0.8,
            get_dash_array=list(GROUP_BORDER_DASH),
            pickable=True,
            auto_highlight=True,
            **DASHED,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="partners",
            data=_collection(drawn.partner_features),
            get_fill_color="properties.fill",
            get_line_color="properties.line",
            line_width_units=PIXELS,
            get_line_width=1.2,
            get_dash_array="properties.dash",
            pickable=True,
            auto_highlight=True,
            **DASHED,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="home",
            data=_collection([home] if home else []),
            get_fill_color=rgba(HOME_COLOR),
            get_line_color=rgba(HOME_COLOR),
            line_width_units=PIXELS,
            get_line_width=1,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="markers",
            data=drawn.markers,
            get_position="position",
            get_fill_color="fill",
            get_line_color=[80, 80, 80, 255],
            get_radius="radius",
            radius_units=PIXELS,
            stroked=True,
            line_width_units=PIXELS,
            get_line_width=1,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="seoul",
            data=[{"position": list(seoul)}] if seoul else [],
            get_position="position",
            get_fill_color=rgba(HOME_COLOR),
            get_line_color=[255, 255, 255, 255],
            get_radius=5,
            radius_units=PIXELS,
            stroked=True,
            line_width_units=PIXELS,
            get_line_width=1.5,
        ),
    ]
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**(view or fitted_view(drawn, *(canvas or (MAP_WIDTH_PIXELS, MAP_HEIGHT_PIXELS))))),
        map_provider=None,
        tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE},
    )


def whole_view(events: pd.DataFrame, vocab: Vocabularies) -> dict:
    """The page's first view of the map for any filter of ``events``: fitted to all their partners."""
    return fitted_view(map_objects(partner_table(events, vocab), vocab))


def follow_map_click(state: MutableMapping, key: str, selection: Mapping | None, choices: Mapping[str, str]) -> None:
    """Let a new click on the map choose the partner in ``state[key]`` (a click on the open sea: every partner).

    A selection persists from rerun to rerun; only a click that changes it overrides what the reader chose
    in the list since.
    """
    clicked = selected_partner(selection)
    seen = f"{key}.last-click"
    if state.get(seen) != clicked:
        state[seen] = clicked
        state[key] = clicked if clicked in choices else ALL_PARTNERS


def selected_partner(selection: Mapping | None) -> str | None:
    """The partner code of the object clicked on the map, from ``st.pydeck_chart``'s selection state.

    A country with events of its own stands for itself; a member country with none stands for its group;
    a line or dot for its partner. None when nothing is selected.
    """
    objects = ((selection or {}).get("selection") or {}).get("objects") or {}
    for layer in PICKABLE_LAYERS:
        for picked in objects.get(layer) or []:
            properties = picked.get("properties", picked) if isinstance(picked, Mapping) else {}
            if properties.get("partner_code"):
                return properties["partner_code"]
    return None
