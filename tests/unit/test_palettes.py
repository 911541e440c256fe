"""Every palette of the charts stays distinguishable under the common colour-vision deficiencies.

Each colour is passed through ``colorspacious``'s simulation of deuteranopia, protanopia and tritanopia (Machado
et al. 2009, at full severity), and the distance between two colours is measured in CAM02-UCS, where a distance of
1 is about the smallest difference a person sees: colours that must be told apart by name (statuses, event
types, country against group, Korea against the rest) stay ``CATEGORY_DISTANCE`` apart, and each step of a scale
``STEP_DISTANCE`` apart and darker than the one before.
"""

from __future__ import annotations

import itertools

import colorspacious
import numpy as np
import pytest

from sctracker.figures import palettes
from sctracker.records.model import STATUS_LABELS

VISIONS = {"normal": None, "deuteranopia": "deuteranomaly", "protanopia": "protanomaly", "tritanopia": "tritanomaly"}
#: Colours told apart by name: well past a just-noticeable difference, for small marks and thin bars.
CATEGORY_DISTANCE = 10.0
#: Neighbouring steps of a count scale, read against the legend's swatches.
STEP_DISTANCE = 8.0
WHITE = "#ffffff"


def rgb(color: str) -> np.ndarray:
    """``#rrggbb`` or plotly's ``rgb(r, g, b)`` as sRGB in 0-1."""
    if color.startswith("rgb("):
        return np.array([int(part) for part in color[4:-1].split(",")]) / 255
    return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def seen(color: str, vision: str) -> np.ndarray:
    """The colour as a person with ``vision`` sees it (sRGB 0-1)."""
    deficiency = VISIONS[vision]
    if deficiency is None:
        return rgb(color)
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(colorspacious.cspace_convert(rgb(color), space, "sRGB1"), 0, 1)


def distance(a: str, b: str, vision: str) -> float:
    return float(colorspacious.deltaE(seen(a, vision), seen(b, vision), input_space="sRGB1", uniform_space="CAM02-UCS"))


def lightness(color: str, vision: str) -> float:
    return float(colorspacious.cspace_convert(seen(color, vision), "sRGB1", "CAM02-UCS")[0])


def closest_pair(colors, vision: str) -> tuple[float, str, str]:
    return min((distance(a, b, vision), a, b) for a, b in itertools.combinations(colors, 2))


#: Every set of colours a reader tells apart by name, each colour against every other.
CATEGORIES = {
    "statuses": tuple(palettes.STATUS_COLORS.values()),
    "event types": palettes.EVENT_TYPE_COLORS,
    "Korea and the land on the map": (palettes.HOME_COLOR, palettes.LAND_COLOR),
}
#: Pairs that must differ: a class's country colour and its group colour; Korea against every class.
PAIRS = {
    "country against group, class by class": list(zip(palettes.COUNTRY_COLORS, palettes.GROUP_COLORS)),
    "Korea against every count class": [(palettes.HOME_COLOR, color) for color in palettes.COUNTRY_COLORS + palettes.GROUP_COLORS],
    "every count class against the land": [(palettes.LAND_COLOR, color) for color in palettes.COUNTRY_COLORS + palettes.GROUP_COLORS],
}
#: Count scales, lightest first.
SCALES = {
    "map: events with a country": palettes.COUNTRY_COLORS,
    "map: events with a group": palettes.GROUP_COLORS,
    "sector grid": tuple(palettes.grid_colors(np.linspace(0, 1, 5))),  # five counts from 1 to the highest
}


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("name", CATEGORIES)
def test_category_colours_stay_apart(name, vision):
    gap, a, b = closest_pair(CATEGORIES[name], vision)
    assert gap >= CATEGORY_DISTANCE, f"{name} under {vision}: {a} and {b} are {gap:.1f} apart"


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("name", PAIRS)
def test_colours_that_mean_different_things_stay_apart(name, vision):
    gap, a, b = min((distance(a, b, vision), a, b) for a, b in PAIRS[name])
    assert gap >= CATEGORY_DISTANCE, f"{name} under {vision}: {a} and {b} are {gap:.1f} apart"


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("name", SCALES)
def test_each_step_of_a_scale_is_darker_and_visibly_apart(name, vision):
    scale = SCALES[name]
    steps = [(distance(a, b, vision), a, b) for a, b in zip(scale, scale[1:])]
    gap, a, b = min(steps)
    assert gap >= STEP_DISTANCE, f"{name} under {vision}: steps {a} and {b} are {gap:.1f} apart"
    lightnesses = [lightness(color, vision) for color in scale]
    assert lightnesses == sorted(lightnesses, reverse=True), f"{name} under {vision}: not darker step by step"
    assert distance(scale[0], WHITE, vision) >= STEP_DISTANCE, f"{name}: its lightest step is lost on white"


def test_every_status_has_its_colour():
    assert set(palettes.STATUS_COLORS) == set(STATUS_LABELS)


def test_event_types_never_share_both_colour_and_pattern():
    styles = palettes.event_type_style([f"type-{i}" for i in range(40)])
    assert len(set(styles.values())) == 40
    assert len({color for color, _ in styles.values()}) == len(palettes.EVENT_TYPE_COLORS)


@pytest.mark.parametrize(
    ("colors", "expected"),
    [
        (("#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf"), False),  # the statuses' old palette: green and orange merge
        (("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#CC79A7"), True),  # Okabe-Ito
    ],
)
def test_the_check_tells_a_red_green_clash_from_a_safe_palette(colors, expected):
    assert all(closest_pair(colors, vision)[0] >= CATEGORY_DISTANCE for vision in VISIONS) is expected
