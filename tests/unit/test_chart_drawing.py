"""The page charts are figures plotly.js draws once a rerun, not twice.

Streamlit copies a chart's figure once plotly.js has drawn it, and hands the copy back: plotly.js draws the whole chart
again if the copy looks changed. A template (an object, so a new one when copied), a numeric array (sent as a typed
array, which plotly.js compares by identity), a missing ``datarevision`` (without one, every copied array is new data)
or, on a selectable chart, a click mode Streamlit sets itself each make it look changed.
"""

from __future__ import annotations

import json

import pytest

from sctracker.figures import sectors, timeline
from sctracker.figures.sectors.views import SectorView
from sctracker.figures.style import SELECTABLE_LAYOUT, ChartLabels
from sctracker.query.filters import Filters
from sctracker.records.load import load


@pytest.fixture
def page_charts(good_copy) -> dict:
    """Each chart a page draws, of the good fixture's records: the timeline and its pace chart, the sector grids."""
    dataset = load(*good_copy)
    events = dataset.events
    labels = ChartLabels.for_dataset(dataset, Filters(), events, "test")
    charts = {
        "timeline": timeline.timeline_figure(events, dataset, labels, timeline.whole_span(events), timeline.latest_held(events)),
        "pace": timeline.monthly_figure(events, dataset, labels),
    }
    for view in sectors.VIEWS:
        built = sectors.build_view(events, dataset.vocab, (), SectorView(view=view))
        charts[f"sectors {view}"] = sectors.grid_figure(built.grid, built.title, labels)
    return charts


def test_a_chart_has_no_template_no_typed_arrays_and_a_revision_of_its_own(page_charts):
    revisions = set()
    for name, figure in page_charts.items():
        sent = figure.to_json()
        assert "template" not in json.loads(sent)["layout"], name
        assert '"bdata"' not in sent, name  # plotly's base64 encoding of a numeric array
        revisions.add(figure.layout.datarevision)
    assert None not in revisions and len(revisions) == len(page_charts)


def test_a_chart_keeps_its_house_style_without_a_template(page_charts):
    for name, figure in page_charts.items():
        assert figure.layout.font.family.startswith("Noto Sans") and figure.layout.font.size == 13, name
        assert figure.layout.plot_bgcolor == "white" and figure.layout.xaxis.zerolinecolor == "#EBF0F8", name
    bar = page_charts["pace"].data[0]
    assert bar.marker.line.color == "white" and bar.marker.pattern.solidity == 0.2


@pytest.mark.parametrize("name", ["timeline", "sectors partners", "sectors time"])
def test_a_selectable_chart_has_the_layout_streamlit_would_give_it(page_charts, name):
    layout = page_charts[name].layout
    assert {key: layout[key] for key in SELECTABLE_LAYOUT} == SELECTABLE_LAYOUT


def test_the_pace_chart_has_room_for_its_legend_only_when_it_shows_one(good_copy):
    """Margins plotly's automargin would widen cost a second draw: the pace chart sets them to what it needs."""
    dataset = load(*good_copy)
    events = dataset.events
    labels = ChartLabels.for_dataset(dataset, Filters(), events, "test")
    several = timeline.monthly_figure(events, dataset, labels)
    one = timeline.monthly_figure(events[events["event_type"] == events["event_type"].iloc[0]], dataset, labels)
    longest = max(len(bar.name) for bar in several.data)
    assert len(several.data) > 1 and len(one.data) == 1
    assert several.layout.margin.r > 7 * longest + 40 > one.layout.margin.r  # a legend entry: its symbol and its name
    assert several.layout.margin.l >= 45 and one.layout.margin.l >= 45  # the axis title and a one-digit count
