"""Legends that never overlap: each legend group laid out in rows that fit the narrowest chart we draw.

Plotly wraps a horizontal legend that is wider than the figure onto a second line, over whatever lies
below it; the chart's width is only known in the browser. So the rows are made here, from an estimate of
each entry's width, to fit ``LEGEND_ROW_PIXELS`` wide: the width of the page's main column in a
1,000-pixel window with the sidebar open. Wider windows show the same rows, with room to spare.
"""

from __future__ import annotations

#: The widest a legend row may be (pixels): a chart in the main column of a 1,000-pixel window with the
#: sidebar open is about 540 wide, and plotly needs some room of its own.
LEGEND_ROW_PIXELS = 470
#: Generous widths, measured in Chromium for the 12-pixel legend font and the 13-pixel bold title.
_CHAR_PIXELS, _TITLE_CHAR_PIXELS, _SYMBOL_PIXELS = 6.8, 8.0, 44


def legend_width_for(canvas_width: float) -> float:
    """The widest a legend row may be on a canvas of ``canvas_width`` pixels (a slide's): plotly.js 4, which
    draws the slide images, wraps a horizontal legend well before the canvas's edge (a 413-pixel row on a
    540-pixel canvas), and over the row below it."""
    return min(LEGEND_ROW_PIXELS, canvas_width * 0.72)


def _entry_width(name: str) -> float:
    return _SYMBOL_PIXELS + _CHAR_PIXELS * len(name)


def legend_id(number: int) -> str:
    """Plotly's name of the ``number``-th legend: ``legend``, ``legend2``, ``legend3``…"""
    return "legend" if number == 1 else f"legend{number}"


def wrap_legends(items: list[dict], groups: list[tuple[str, str]], max_width: float = LEGEND_ROW_PIXELS) -> list[tuple[str, str]]:
    """Lay each legend group out in rows no wider than ``max_width``, and put each item in its row's legend.

    Args:
        items: traces and shapes; those whose ``legend`` names a group are its entries, in order (their
            ``legend`` is rewritten to the row's legend).
        groups: (legend name, title) of each group, top to bottom; a group with no entries is left out.
        max_width: the widest a row may be, in pixels.

    Returns:
        (legend name, title) of each row, top to bottom: a group's title on its first row only.
    """
    members = {name: [item for item in items if item.get("legend") == name] for name, _ in groups}
    rows: list[tuple[str, str]] = []
    for name, title in groups:
        filled: list[list[dict]] = [[]]
        width = _TITLE_CHAR_PIXELS * len(title) + (12 if title else 0)
        for item in members[name]:
            entry = _entry_width(item.get("name", ""))
            if filled[-1] and width + entry > max_width:
                filled.append([])
                width = 0.0
            filled[-1].append(item)
            width += entry
        for index, row in enumerate(row for row in filled if row):
            rows.append((legend_id(len(rows) + 1), title if index == 0 else ""))
            for item in row:
                item["legend"] = rows[-1][0]
    return rows


def legend_row_layout(title: str, top_pixels: float, height: int) -> dict:
    """A legend in a row of its own, ``top_pixels`` below the figure's top, of legend-only entries.

    Clicking an entry does nothing: the legends explain the encoding (colour and shape each mean one thing
    across many traces) rather than toggle traces.
    """
    return {
        "title": {"text": f"<b>{title}</b>" if title else "", "side": "left", "font": {"size": 13, "color": "#222222"}},
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "y": 1 - top_pixels / height,
        "yref": "container",
        "yanchor": "top",
        "itemclick": False,
        "itemdoubleclick": False,
        # each entry as wide as its own text (plotly would otherwise give a wrapping row's entries the widest's width)
        "entrywidth": 0,
        "entrywidthmode": "pixels",
        "font": {"size": 12, "color": "#222222"},
        "bgcolor": "rgba(0,0,0,0)",
    }
