"""The partner map's colour scales and the legend that explains them: count classes that are the same in
every view (so that maps of two filters compare), blues for events with a country, oranges for events
with a group, dark crimson for Korea (colours in ``palettes``); dashes for everything that stands for a
group, so that no reader needs the colour to tell a group from a country; the legend as an SVG image."""

from __future__ import annotations

import math
import textwrap

import pandas as pd

from sctracker.figures.palettes import COUNTRY_COLORS, GROUP_COLORS, HOME_COLOR
from sctracker.figures.partner_map.counts import unlinked_partners
from sctracker.query.words import plural

#: Classes of event counts, the same in every view so that maps of two filters compare: (lowest, highest or None).
COUNT_BINS: tuple[tuple[int, int | None], ...] = ((1, 1), (2, 2), (3, 4), (5, 8), (9, 16), (17, None))
#: Lines from Seoul: one colour for countries, one for groups (the darker middle of each scale).
COUNTRY_LINE_COLOR = "#2171b5"
GROUP_LINE_COLOR = "#d94801"
#: The border of a partner country that is not also a member of a group with events.
PARTNER_BORDER_COLOR = "#555555"
#: What says "group" without colour (issue 19): a group's line from Seoul and a member's border are dashed,
#: a country's line and a partner's own border solid. (dash, gap) in screen pixels, as deck.gl's
#: ``PathStyleExtension`` takes them (``(0, 0)``: solid) and as the legend draws them.
GROUP_LINE_DASH = (8, 5)
GROUP_BORDER_DASH = (4, 3)
SOLID = (0, 0)


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


def _xml(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def group_note(table: pd.DataFrame, wrap: int = 0) -> list[str]:
    """The legend's lines on how groups are drawn, naming the groups in ``table``, wrapped to ``wrap`` characters
    (default ``LEGEND_WRAP``)."""
    groups = [row.name for row in table.itertuples() if row.kind == "group"]
    return textwrap.wrap(
        "An event with a group (" + (", ".join(groups) if groups else "none in this view") + ") counts for the group, "
        "not for its members: the members are filled in the group's orange, with a dashed orange border. A member "
        "with events of its own keeps its blue and gets the dashed orange border. A group's line from Seoul is dashed, "
        "a country's solid. Dots mark a group's middle and countries too small to draw.",
        width=wrap or LEGEND_WRAP,
    )


#: The legend's width (pixels) and the characters of a line of its notes: it must read at its own size in
#: the main column of a 1,000-pixel window, not shrunk to fit.
LEGEND_WIDTH, LEGEND_WRAP = 600, 84


def home_note(table: pd.DataFrame) -> str:
    """The legend's line on Korea and the lines from Seoul: to every partner of ``table``, or on a crowded map to
    those with most events (``unlinked_partners``)."""
    unlinked = len(unlinked_partners(table))
    ends = "each partner's capital or group's middle"
    if unlinked:
        ends = f"the {plural(len(table) - unlinked, 'partner')} with most events (none to the other {unlinked:,})"
    return (
        f"Korea, the home country. Lines run from Seoul to {ends}, wider for more events "
        f"({line_width(1):.1f} px for 1, {line_width(5):.1f} px for 5)."
    )


def legend_words(table: pd.DataFrame) -> str:
    """The legend in words, the text alternative of its image: the classes shown, and the notes the image holds."""
    classes = ", ".join(class_label(index) for index in classes_shown(table) or [0])
    return (
        f"Map legend. Partners are coloured by their number of events, in classes {classes}: light to dark blue for "
        f"events with a country, light to dark orange for events with a group. {' '.join(group_note(table, 10_000))} "
        f"Dark crimson: {home_note(table)}"
    )


#: The legend's keys to the dashes: (words, dash pattern, drawn as a line or as a country's border).
PATTERN_KEYS = (
    ("Line to a country", SOLID, "line"),
    ("Line to a group", GROUP_LINE_DASH, "line"),
    ("Member of a group", GROUP_BORDER_DASH, "border"),
)


def _pattern_keys(parts: list[str], y: int, width: int) -> int:
    """Append ``PATTERN_KEYS`` to ``parts`` from ``y`` down, as many on a line as fit ``width``; return the y below.

    Drawn in grey, as the timeline's keys to shapes are: the pattern is what they explain, the swatches the colours.
    """
    sample, line, x = 30, 22, 0
    for words, dash, drawn in PATTERN_KEYS:
        room = sample + 6 + round(len(words) * 7.2) + 18  # the words' width at 13 pixels, about 7 a character
        if x and x + room > width:
            x, y = 0, y + line
        pattern = f' stroke-dasharray="{dash[0]} {dash[1]}"' if dash != SOLID else ""
        if drawn == "line":
            parts.append(
                f'<line x1="{x + 1}" y1="{y + 9}" x2="{x + sample - 1}" y2="{y + 9}" stroke="{PARTNER_BORDER_COLOR}" stroke-width="3"{pattern}/>'
            )
        else:
            parts.append(
                f'<rect x="{x + 4}" y="{y + 1}" width="{sample - 8}" height="16" fill="none" stroke="{PARTNER_BORDER_COLOR}" stroke-width="1.5"{pattern}/>'
            )
        parts.append(f'<text x="{x + sample + 6}" y="{y + 13}">{_xml(words)}</text>')
        x += room
    return y + line


def legend_svg(table: pd.DataFrame, width: int = LEGEND_WIDTH) -> str:
    """The map's legend as an SVG image: the count classes in use, for countries (blues) and for groups
    (oranges), then the dashes that tell a group from a country without colour, how groups are drawn and
    ``home_note``.

    Args:
        table: from ``partner_table``; the classes listed run up to the one holding its largest count.
        width: its width in pixels (the page's ``LEGEND_WIDTH``, or a slide's): the notes wrap to it, and the
            swatches go on lines of their own below their title when they do not fit beside it.
    """
    classes = classes_shown(table) or [0]
    swatch, step, line, beside = 16, 84, 22, 170
    wrap = width * LEGEND_WRAP // LEGEND_WIDTH
    parts = []
    y = 2
    for title, palette in (("Events with a country", COUNTRY_COLORS), ("Events with a group", GROUP_COLORS)):
        parts.append(f'<text x="0" y="{y + 13}" font-weight="bold">{_xml(title)}</text>')
        start, per_line = beside, len(classes)
        if beside + len(classes) * step > width:  # too narrow: the swatches below the title, as many a line as fit
            start, per_line, y = 0, max(1, width // step), y + line
        for position, index in enumerate(classes):
            x = start + position % per_line * step
            top = y + position // per_line * line
            parts.append(
                f'<rect x="{x}" y="{top}" width="{swatch}" height="{swatch}" fill="{palette[index]}" stroke="#777" stroke-width="0.5"/>'
            )
            parts.append(f'<text x="{x + swatch + 5}" y="{top + 13}">{_xml(class_label(index))}</text>')
        y += line * math.ceil(len(classes) / per_line)
    y = _pattern_keys(parts, y, width)
    for text in group_note(table, wrap):
        parts.append(f'<text x="0" y="{y + 13}" fill="#333">{_xml(text)}</text>')
        y += line - 4
    y += 4
    parts.append(f'<rect x="0" y="{y}" width="{swatch}" height="{swatch}" fill="{HOME_COLOR}"/>')
    for text in textwrap.wrap(home_note(table), wrap - 3):
        parts.append(f'<text x="{swatch + 6}" y="{y + 13}" fill="#333">{_xml(text)}</text>')
        y += line - 4
    height = y + 12
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="13" fill="#222">{"".join(parts)}</svg>'
    )
