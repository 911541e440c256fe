"""The partner map: where Korea's supply-chain partners are and how many events the filtered records hold with each.

Pure functions, no Streamlit: an events table goes in; a table with one row a partner, a ``pydeck.Deck``
and an SVG legend come out. The deck draws with no network: country outlines come from ``sctracker.geo``
(data installed with the project) and there is no base map (``map_provider=None``).

How groups are drawn: an event with the European Union, Central Asia or Latin America counts for the
group, not for its members. The group's member countries are filled in the group colour scale (oranges),
apart from the country colour scale (blues) that counts events with a country itself, and the group's
line ends at a dot in the middle of its members.
"""

from __future__ import annotations

import dataclasses
import json
import math
import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pycountry
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from sctracker import geo
from sctracker.filters import Filters
from sctracker.loading import Vocabularies
from sctracker.model import HOME_COUNTRY
from sctracker.sector_matrix import flatten_lists

#: The headline-sector switch's choice that keeps every event.
ALL_SECTORS = "all"

#: Classes of event counts, the same in every view so that maps of two filters compare: (lowest, highest or None).
COUNT_BINS: tuple[tuple[int, int | None], ...] = ((1, 1), (2, 2), (3, 4), (5, 8), (9, 16), (17, None))
#: One colour a class: ColorBrewer Blues for events with a country, Oranges for events with a group.
COUNTRY_COLORS = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
GROUP_COLORS = ("#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04")
HOME_COLOR = "#c51b7d"
LAND_COLOR = "#e4e4e0"
BORDER_COLOR = "#ffffff"
SEA_COLOR = "#f3f7fa"
#: Lines from Seoul: one colour for countries, one for groups (the darker middle of each scale).
COUNTRY_LINE_COLOR = "#2171b5"
GROUP_LINE_COLOR = "#d94801"
#: The border of a partner country that is not also a member of a group with events.
PARTNER_BORDER_COLOR = "#555555"

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

#: The first view: the whole Pacific-centred map (25°W round to 335°E) in a chart about 1,000 pixels wide.
INITIAL_VIEW = {"longitude": 155.0, "latitude": 22.0, "zoom": 0.85, "min_zoom": 0.5, "max_zoom": 6}
#: Layer ids; the selection returned by ``st.pydeck_chart`` is keyed by them.
PICKABLE_LAYERS = ("group-members", "partners", "markers", "links")

PARTNER_COLUMNS = ["code", "name", "kind", "events", "sectors", "latest_title", "latest_date"]


# ---------------------------------------------------------------------------------------------
# Counting


def sector_switch_options(vocab: Vocabularies) -> list[str]:
    """The headline-sector switch's choices: ``ALL_SECTORS``, then the headline sectors in vocabulary order."""
    headline = vocab.sectors.index[vocab.sectors["headline"].astype(bool)]
    return [ALL_SECTORS, *headline]


def restrict_to_sector(events: pd.DataFrame, sector: str) -> pd.DataFrame:
    """The events that have ``sector`` among their sectors (all of them for ``ALL_SECTORS``), index reset."""
    if sector == ALL_SECTORS:
        return events.reset_index(drop=True)
    return events[_lists_holding(events["sectors"], sector)].reset_index(drop=True)


def partner_table(events: pd.DataFrame, vocab: Vocabularies) -> pd.DataFrame:
    """One row a partner that the events name: how many events, which sectors, the latest event.

    A group's row counts events with the group itself; its members get no count from it.

    Args:
        events: an events table (``loading.load``, usually filtered).
        vocab: the vocabularies, for partner names and kinds and sector order.

    Returns:
        Columns ``code``, ``name``, ``kind`` (country|group), ``events`` (count), ``sectors`` (labels of
        every sector of those events, in vocabulary order), ``latest_title`` and ``latest_date`` (the
        date as precisely as known) of the latest event; most events first, then by name.
    """
    # Whole columns at once, not row by row: a table of 50,000 events must take milliseconds. One item a
    # (partner, event) pair; each partner's latest event is the one latest in (date, end, id) order.
    event_of_pair, partner_of_pair = flatten_lists(events["partners"].tolist())
    if not len(partner_of_pair):
        return pd.DataFrame(columns=PARTNER_COLUMNS)
    partner_index, codes = pd.factorize(np.asarray(partner_of_pair, dtype=object))
    ordered = np.lexsort((events["id"].to_numpy(), events["period_end"].to_numpy(), events["date"].to_numpy()))
    recency = np.empty(len(events), dtype=np.intp)
    recency[ordered] = np.arange(len(events))
    latest_recency = np.full(len(codes), -1, dtype=np.intp)
    np.maximum.at(latest_recency, partner_index, recency[event_of_pair])
    latest = ordered[latest_recency]
    table = pd.DataFrame(
        {
            "code": codes,
            "name": [vocab.partner_name(code) for code in codes],
            "kind": [vocab.partners.at[code, "kind"] if code in vocab.partners.index else "country" for code in codes],
            "events": np.bincount(partner_index, minlength=len(codes)),
            "sectors": _sector_labels(events, event_of_pair, partner_index, len(codes), vocab),
            "latest_title": events["title"].iloc[latest].to_numpy(),
            "latest_date": events["date_label"].iloc[latest].to_numpy(),
        },
        columns=PARTNER_COLUMNS,
    )
    return table.sort_values(["events", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _sector_labels(
    events: pd.DataFrame, event_of_pair: np.ndarray, partner_index: np.ndarray, partners: int, vocab: Vocabularies
) -> list[list[str]]:
    """For each partner, the labels of its events' sectors in vocabulary order (ids not in it after, by id).

    Args:
        events: the events table.
        event_of_pair, partner_index: one item a (partner, event) pair: the event's row position and the
            partner's number (0 to ``partners`` - 1, each used).
        partners: how many partners.
        vocab: the vocabularies.
    """
    event_of_sector, sectors = flatten_lists(events["sectors"].tolist())
    sector_index, found = pd.factorize(np.asarray(sectors, dtype=object))
    if not len(found):
        return [[] for _ in range(partners)]
    event_has = np.zeros((len(events), len(found)), dtype=bool)
    event_has[event_of_sector, sector_index] = True
    partner_has = pd.DataFrame(event_has[event_of_pair]).groupby(partner_index).any().to_numpy()
    rank = {sector: position for position, sector in enumerate(vocab.sectors.index)}
    columns = sorted(range(len(found)), key=lambda column: (rank.get(found[column], len(rank)), found[column]))
    labels = [vocab.sector_label(found[column]) for column in columns]
    return [[label for label, has in zip(labels, row, strict=True) if has] for row in partner_has[:, columns]]


def partner_events(events: pd.DataFrame, code: str) -> pd.DataFrame:
    """The events held with one partner (with the group itself, for a group code), index reset."""
    return events[_lists_holding(events["partners"], code)].reset_index(drop=True)


def _lists_holding(lists: pd.Series, item: str) -> np.ndarray:
    """Which of a column's lists hold ``item``, as a boolean array (several times faster than ``Series.map``)."""
    return np.fromiter((item in row for row in lists.to_numpy()), dtype=bool, count=len(lists))


@dataclasses.dataclass(frozen=True)
class Membership:
    """A country drawn as a member of a group that has events."""

    code: str  # the member's ISO code
    name: str
    group: str  # the group's code
    group_name: str
    group_events: int


def memberships(table: pd.DataFrame, vocab: Vocabularies) -> list[Membership]:
    """The member countries of every group in ``table``, each once (with its group of most events).

    Args:
        table: from ``partner_table``.
        vocab: the vocabularies, for the groups' members.
    """
    chosen: dict[str, Membership] = {}
    for row in table[table["kind"] == "group"].itertuples():  # most events first, so the first group wins
        for member in vocab.partners.at[row.code, "members"]:
            if member not in chosen:
                chosen[member] = Membership(member, country_name(member, vocab), row.code, row.name, int(row.events))
    return list(chosen.values())


def country_name(code: str, vocab: Vocabularies) -> str:
    """A country's name: the vocabulary's where it is a partner, else pycountry's common name."""
    if code in vocab.partners.index:
        return vocab.partner_name(code)
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


# ---------------------------------------------------------------------------------------------
# Scales


def count_class(count: int) -> int:
    """The index in ``COUNT_BINS`` of the class that holds ``count`` (a count of at least 1)."""
    for index, (low, high) in enumerate(COUNT_BINS):
        if count >= low and (high is None or count <= high):
            return index
    raise ValueError(f"no class for {count} events: counts start at 1")


def class_label(index: int) -> str:
    """A class in words: ``1``, ``3–4``, ``17 or more``."""
    low, high = COUNT_BINS[index]
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}–{high}"


def rgba(hex_color: str, alpha: int = 255) -> list[int]:
    """``#rrggbb`` as the [r, g, b, a] list deck.gl takes."""
    return [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def count_color(count: int, kind: str) -> list[int]:
    """The fill of a partner with ``count`` events: the class's blue for a country, orange for a group."""
    palette = GROUP_COLORS if kind == "group" else COUNTRY_COLORS
    return rgba(palette[count_class(count)])


def line_width(count: int) -> float:
    """The width in pixels of the line from Seoul to a partner: grows with the square root of the count."""
    return round(1.0 + 1.25 * math.sqrt(count), 2)


def classes_shown(table: pd.DataFrame) -> list[int]:
    """The classes the legend lists: from the first up to the one holding the largest count (none if empty)."""
    if table.empty:
        return []
    return list(range(count_class(int(table["events"].max())) + 1))


# ---------------------------------------------------------------------------------------------
# Geometry


def anchor(code: str, kind: str, vocab: Vocabularies) -> tuple[float, float] | None:
    """Where a partner's line ends: a country's capital; the middle of a group's members (area-weighted)."""
    if kind == "group":
        return geo.region_centre(list(vocab.partners.at[code, "members"]))
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


# ---------------------------------------------------------------------------------------------
# Tooltips


def _plural(count: int) -> str:
    return f"{count} event{'s' if count != 1 else ''}"


def partner_tooltip(row: Mapping, member_of: Membership | None = None) -> dict[str, str]:
    """The tooltip's lines for a partner: name, number of events, sectors, latest event.

    Args:
        row: a row of ``partner_table``.
        member_of: the group with events that this country also belongs to, if any.
    """
    if row["kind"] == "group":
        events = f"{_plural(row['events'])} with the {row['name']} as a group"
    else:
        events = _plural(row["events"])
        if member_of is not None:
            events += f"; also a member of the {member_of.group_name} ({_plural(member_of.group_events)} with the group)"
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
            f"{_plural(member.group_events)} with the {member.group_name} as a group; none with {member.name} alone"
        ),
        "tooltip_sectors": "Group's sectors: " + (", ".join(group_row["sectors"]) or "none recorded"),
        "tooltip_latest": f"Group's latest: {group_row['latest_title']} ({group_row['latest_date']})",
    }


# ---------------------------------------------------------------------------------------------
# The deck


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
        properties = {
            "partner_code": row["code"],
            "fill": count_color(row["events"], row["kind"]),
            "line": rgba(GROUP_LINE_COLOR if row["code"] in membership_of else PARTNER_BORDER_COLOR),
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
                    **{k: v for k, v in properties.items() if k not in ("fill", "line")},
                    "path": curved_path(seoul, end),
                    "width": line_width(row["events"]),
                    "color": rgba(GROUP_LINE_COLOR if row["kind"] == "group" else COUNTRY_LINE_COLOR, 170),
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


def partner_deck(events: pd.DataFrame, vocab: Vocabularies, table: pd.DataFrame | None = None) -> pdk.Deck:
    """The partner map of an events table.

    Layers, bottom to top: the sea and every country's outline (pale); lines from Seoul whose width
    follows the count (under the fills, so that crowded Europe stays readable); group members (oranges,
    by the group's count); partner countries (blues, by their own count); Korea (magenta); dots for group
    middles and for partners too small to have an outline; Seoul.

    Args:
        events: the events to count (already filtered).
        vocab: the vocabularies.
        table: ``partner_table(events, vocab)`` when the caller has it already (it is made otherwise).

    Returns:
        A ``pydeck.Deck`` with no base map, so it draws with no network.
    """
    drawn = map_objects(partner_table(events, vocab) if table is None else table, vocab)
    seoul, home = geo.capital(HOME_COUNTRY), _feature(HOME_COUNTRY, {"name": "Korea"})
    west, east = geo.WEST_EDGE - 15, geo.WEST_EDGE + 375  # a little sea beyond the map's edges
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
            data=geo.world_outline(),
            get_fill_color=rgba(LAND_COLOR),
            get_line_color=rgba(BORDER_COLOR),
            line_width_units="pixels",
            get_line_width=0.7,
        ),
        pdk.Layer(
            "PathLayer",
            id="links",
            data=drawn.links,
            get_path="path",
            get_width="width",
            width_units="pixels",
            get_color="color",
            cap_rounded=True,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="group-members",
            data=_collection(drawn.member_features),
            get_fill_color="properties.fill",
            get_line_color=rgba(GROUP_LINE_COLOR),
            line_width_units="pixels",
            get_line_width=0.8,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="partners",
            data=_collection(drawn.partner_features),
            get_fill_color="properties.fill",
            get_line_color="properties.line",
            line_width_units="pixels",
            get_line_width=1.2,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="home",
            data=_collection([home] if home else []),
            get_fill_color=rgba(HOME_COLOR),
            get_line_color=rgba(HOME_COLOR),
            line_width_units="pixels",
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
            radius_units="pixels",
            stroked=True,
            line_width_units="pixels",
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
            radius_units="pixels",
            stroked=True,
            line_width_units="pixels",
            get_line_width=1.5,
        ),
    ]
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**INITIAL_VIEW),
        map_provider=None,
        tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE},
    )


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


# ---------------------------------------------------------------------------------------------
# Words around the map


def map_subtitle(filter_words: str, sector: str, vocab: Vocabularies) -> str:
    """The filters in words with the headline-sector switch: ``Batteries events only · 2025``."""
    if sector == ALL_SECTORS:
        return filter_words
    only = f"{vocab.sector_label(sector)} events only"
    return only if filter_words == "All records" else f"{only} · {filter_words}"


def table_filters(filters: Filters, sector: str, partner: str | None) -> Filters:
    """The filters that describe the page's table (for its CSV file name): the sidebar's, narrowed to the
    switch's sector and to the partner clicked on the map."""
    narrowed = filters
    if sector != ALL_SECTORS:
        narrowed = dataclasses.replace(narrowed, sectors=(sector,))
    if partner:
        narrowed = dataclasses.replace(narrowed, partners=(partner,))
    return narrowed


def _xml(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def group_note(table: pd.DataFrame) -> list[str]:
    """The legend's lines on how groups are drawn, naming the groups in ``table``, wrapped to fit."""
    groups = [row.name for row in table.itertuples() if row.kind == "group"]
    return textwrap.wrap(
        "An event with a group (" + (", ".join(groups) if groups else "none in this view") + ") counts for the group, "
        "not for its members: the members are filled in the group's orange, with an orange border. A member with "
        "events of its own keeps its blue and gets the orange border. Dots mark a group's middle and countries too "
        "small to draw.",
        width=120,
    )


#: The legend's line on Korea and the lines from Seoul.
HOME_NOTE = (
    "Korea, the home country. Lines run from Seoul to each partner's capital or group's middle, wider for more "
    f"events ({line_width(1):.1f} px for 1, {line_width(5):.1f} px for 5)."
)


def legend_svg(table: pd.DataFrame) -> str:
    """The map's legend as an SVG image: the count classes in use, for countries (blues) and for groups
    (oranges), then how groups are drawn and ``HOME_NOTE``.

    Args:
        table: from ``partner_table``; the classes listed run up to the one holding its largest count.
    """
    classes = classes_shown(table) or [0]
    swatch, step, line = 16, 84, 22
    parts = []
    y = 2
    for title, palette in (("Events with a country", COUNTRY_COLORS), ("Events with a group", GROUP_COLORS)):
        parts.append(f'<text x="0" y="{y + 13}" font-weight="bold">{_xml(title)}</text>')
        for position, index in enumerate(classes):
            x = 170 + position * step
            parts.append(
                f'<rect x="{x}" y="{y}" width="{swatch}" height="{swatch}" fill="{palette[index]}" '
                'stroke="#777" stroke-width="0.5"/>'
            )
            parts.append(f'<text x="{x + swatch + 5}" y="{y + 13}">{_xml(class_label(index))}</text>')
        y += line
    for text in group_note(table):
        parts.append(f'<text x="0" y="{y + 13}" fill="#333">{_xml(text)}</text>')
        y += line - 4
    y += 4
    parts.append(f'<rect x="0" y="{y}" width="{swatch}" height="{swatch}" fill="{HOME_COLOR}"/>')
    parts.append(f'<text x="{swatch + 6}" y="{y + 13}" fill="#333">{_xml(HOME_NOTE)}</text>')
    y += line
    height = y + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="{height}" viewBox="0 0 1000 {height}" '
        f'font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="13" fill="#222">{"".join(parts)}</svg>'
    )


def partner_table_view(table: pd.DataFrame) -> pd.DataFrame:
    """The per-partner table as people read it, beside the map: the numbers the colours stand for."""
    return pd.DataFrame(
        {
            "Partner": table["name"],
            "Kind": table["kind"].map({"country": "Country", "group": "Group"}),
            "Events": table["events"].astype(int),
            "Sectors": table["sectors"].map(", ".join),
            "Latest event": table["latest_title"],
            "Latest date": table["latest_date"],
        }
    )
