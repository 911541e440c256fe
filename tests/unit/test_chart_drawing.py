"""The page charts are figures plotly.js draws once a rerun, not twice.

Streamlit copies a chart's figure once plotly.js has drawn it, and hands the copy back: plotly.js draws the whole chart
again if the copy looks changed. A template (an object, so a new one when copied), a numeric array (sent as a typed
array, which plotly.js compares by identity), a missing ``datarevision`` (without one, every copied array is new data),
on a selectable chart a click mode Streamlit sets itself, or a margin plotly's automargin widens each make it so.
"""

from __future__ import annotations

import pytest
import streamlit  # noqa: F401 (imported for its side effect: it makes its own plotly template the default)

from sctracker.figures import sectors, timeline
from sctracker.figures.sectors.views import SectorView
from sctracker.figures.style import SELECTABLE_LAYOUT, ChartLabels
from sctracker.query.filters import Filters
from sctracker.records.load import load


@pytest.fixture
def dataset(good_copy):
    return load(*good_copy)


def _page_charts(dataset) -> dict:
    """Each chart a page draws, of the good fixture's records: the timeline and its pace chart, the sector grids."""
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


@pytest.fixture
def page_charts(dataset, monkeypatch) -> dict:
    charts = _page_charts(dataset)
    monkeypatch.setattr(timeline.counts, "SINGLE_EVENTS_UP_TO", 1)  # the timeline that counts, as past 2,000 events
    charts["timeline counts"] = _page_charts(dataset)["timeline"]
    return charts


def test_a_chart_has_no_template_no_typed_arrays_and_a_data_revision(page_charts):
    assert any("showing counts" in note.text for note in page_charts["timeline counts"].layout.annotations)
    for name, figure in page_charts.items():
        sent = figure.to_plotly_json()
        assert "template" not in sent["layout"] and sent["layout"]["datarevision"] is not None, name
        assert '"bdata"' not in figure.to_json(), name  # plotly's base64 encoding of a numeric array


def test_the_same_view_made_again_is_the_same_figure(dataset):
    """Streamlit keys a chart by its figure: the same figure keeps the chart, and the reader's selection on it."""
    first, again = _page_charts(dataset), _page_charts(dataset)
    for name, figure in again.items():
        assert figure.to_json() == first[name].to_json(), name


def test_a_chart_keeps_its_house_style_without_a_template(page_charts):
    for name, figure in page_charts.items():
        assert figure.layout.font.family.startswith("Noto Sans") and figure.layout.font.size == 13, name
        assert figure.layout.plot_bgcolor == "white" and figure.layout.xaxis.zerolinecolor == "#EBF0F8", name
    bar = page_charts["pace"].data[0]
    assert bar.marker.line.color == "white" and bar.marker.pattern.solidity == 0.2


@pytest.mark.parametrize("name", ["timeline", "timeline counts", "sectors partners", "sectors time"])
def test_a_selectable_chart_has_the_layout_streamlit_would_give_it(page_charts, name):
    layout = page_charts[name].layout
    assert {key: layout[key] for key in SELECTABLE_LAYOUT} == SELECTABLE_LAYOUT


def test_the_pace_chart_has_room_for_its_legend_only_when_it_shows_one(dataset):
    events = dataset.events
    labels = ChartLabels.for_dataset(dataset, Filters(), events, "test")
    several = timeline.monthly_figure(events, dataset, labels)
    one = timeline.monthly_figure(events[events["event_type"] == events["event_type"].iloc[0]], dataset, labels)
    longest = max(len(bar.name) for bar in several.data)
    assert len(several.data) > 1 and len(one.data) == 1
    assert several.layout.margin.r > 7 * longest + 40 > one.layout.margin.r  # a legend entry: its symbol and its name
    assert several.layout.margin.l >= 45 and one.layout.margin.l >= 45  # the axis title and a one-digit count
