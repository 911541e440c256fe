"""Every colour that carries meaning in a chart, defined once: the statuses, the event types, the map's scales
for countries and groups and its home colour, the sector grid's scale.

Each stays distinguishable under the common colour-vision deficiencies (deuteranopia, protanopia, tritanopia):
``tests/unit/test_palettes.py`` simulates them and measures the distance between every pair. Colour never
carries meaning alone (issue 19): the timeline gives event types marker shapes and statuses a mark each as well
(a centre dot for what has not happened yet, a dark ring, heavier or not: ``timeline.marks.STATUS_MARKS``), the
monthly bars a pattern each, the map dashes the lines to groups and the borders of group members where lines to
countries and other borders are solid (``partner_map.legend``), and says so in its legend's words, the grid writes
its counts in the cells.
"""

from __future__ import annotations

import plotly.colors

#: Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008), by its own names.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}

#: One colour per status, used by every chart that colours by status.
STATUS_COLORS = {
    "held": OKABE_ITO["blue"],
    "signed": OKABE_ITO["bluish green"],
    "announced": OKABE_ITO["orange"],
    "planned": OKABE_ITO["reddish purple"],
    "in_force": OKABE_ITO["sky blue"],
}

#: The monthly bars' colours, given out to event types in the vocabulary's order: Paul Tol's "Safe" set as plotly
#: ships it, less its last colour (a grey that other colours turn into under a colour-vision deficiency).
EVENT_TYPE_COLORS: tuple[str, ...] = tuple(plotly.colors.qualitative.Safe[:10])
#: Each event type's bar pattern, given out the same way: types past the colours' count repeat a colour, never a
#: (colour, pattern) pair, and no reader needs the colour to tell two types apart.
EVENT_TYPE_PATTERNS: tuple[str, ...] = ("", "/", ".", "x", "\\", "-", "|", "+")

#: The partner map's count classes, one colour a class: ColorBrewer Blues for events with a country, Oranges for
#: events with a group (the two stay apart in every simulated vision; each steps up in lightness).
COUNTRY_COLORS = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
GROUP_COLORS = ("#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04")
#: Korea, the home country: a dark crimson, apart from every blue, orange and the land in every simulated vision.
HOME_COLOR = "#67001f"
#: The land the partners are drawn on.
LAND_COLOR = "#e4e4e0"

#: The sector grid's cells: a plotly colour scale, and the stretch of it the counts take (light for 1, dark for the
#: most), so that a single event is still clearly tinted and the darkest cell is not black.
GRID_SCALE = "Blues"
GRID_RANGE = (0.3, 0.95)


def event_type_style(event_types) -> dict[str, tuple[str, str]]:
    """Each event type's (colour, pattern) in the monthly bars, in the vocabulary's order: unique pairs."""
    styles = {}
    for index, code in enumerate(event_types):
        color = EVENT_TYPE_COLORS[index % len(EVENT_TYPE_COLORS)]  # with the pattern's count, unique for 40 types
        styles[code] = (color, EVENT_TYPE_PATTERNS[index % len(EVENT_TYPE_PATTERNS)])
    return styles


def grid_colors(shares) -> list[str]:
    """The grid's fill for each share of the highest count (0 for a count of 1, 1 for the highest)."""
    low, high = GRID_RANGE
    return plotly.colors.sample_colorscale(GRID_SCALE, [low + (high - low) * share for share in shares])
