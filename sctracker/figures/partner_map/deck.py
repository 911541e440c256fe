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

import json
from collections.abc import Mapping, MutableMapping

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from sctracker.figures.palettes import LAND_COLOR
from sctracker.figures.partner_map import geo
from sctracker.figures.partner_map.counts import ALL_PARTNERS, partner_table
from sctracker.figures.partner_map.legend import (
    GROUP_BORDER_DASH,
    GROUP_LINE_COLOR,
    HOME_COLOR,
    rgba,
)
from sctracker.figures.partner_map.objects import (
    MAP_HEIGHT_PIXELS,
    MAP_WIDTH_PIXELS,
    feature_collection,
    fitted_view,
    map_objects,
    outline_feature,
)
from sctracker.records.model import HOME_COUNTRY
from sctracker.records.vocabularies import Vocabularies

BORDER_COLOR = "#ffffff"
SEA_COLOR = "#f3f7fa"
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


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` whose JSON (what Streamlit sends to the browser) has no indentation.

    pydeck indents its JSON by two spaces, which made the map's JSON about six times larger and, as
    Python's fast JSON encoder cannot indent, seven to ten times slower to write, on every rerun.
    """

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def partner_deck(
    events: pd.DataFrame,
    vocab: Vocabularies,
    table: pd.DataFrame | None = None,
    canvas: tuple[int, int] | None = None,
    world_url: str | None = None,
    borders_url: str | None = None,
    view: dict | None = None,
) -> pdk.Deck:
    """The partner map of an events table.

    Layers, bottom to top: the sea, every country (pale) and the borders and coasts (white); lines from Seoul whose width
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
        borders_url: the same for the borders and coasts (``geo.world_borders`` as a file).
        view: the first view (``fitted_view`` of other events: ``whole_view``), when not the one fitted to what is
            drawn. The page fits every record's partners, so that the map keeps its frame as the filters change:
            two filtered maps compare side by side, and the browser draws a change once, not twice (Streamlit's
            deck.gl chart applies a new first view in a second render, and each draw took about a second in
            Chromium without a GPU).

    Returns:
        A ``pydeck.Deck`` with no base map, so it draws with no network.
    """
    drawn = map_objects(partner_table(events, vocab) if table is None else table, vocab)
    seoul, home = geo.capital(HOME_COUNTRY), outline_feature(HOME_COUNTRY, {"name": "Korea"})
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
        pdk.Layer("GeoJsonLayer", id="world", data=world_url or geo.world_outline(), get_fill_color=rgba(LAND_COLOR), stroked=False),
        # Straight segments, each border once: the GeoJSON layer's own outlines (a path layer, every shared border
        # twice) took about 0.6 s of every redraw in Chromium without a GPU, these about 0.2 s.
        pdk.Layer(
            "LineLayer",
            id="borders",
            data=borders_url or geo.world_borders(),
            get_source_position="s",
            get_target_position="t",
            get_color=rgba(BORDER_COLOR),
            width_units=PIXELS,
            get_width=0.7,
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
            data=feature_collection(drawn.member_features),
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
            data=feature_collection(drawn.partner_features),
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
            data=feature_collection([home] if home else []),
            get_fill_color=rgba(HOME_COLOR),
            stroked=False,  # an outline in its own colour drew nothing, at the cost of a path layer in every redraw
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
