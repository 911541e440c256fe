"""The timeline: lanes, extents, packing, windows, hover, counts when crowded, and the monthly chart."""

from __future__ import annotations

import datetime as dt
import html
import importlib

import pandas as pd
import plotly.graph_objects as go
import pytest

from sctracker.figures import crowding, summaries, timeline
from sctracker.figures.palettes import STATUS_COLORS
from sctracker.figures.style import ChartLabels
from sctracker.query.filters import Filters
from sctracker.records.dates import format_event_date, period_end
from sctracker.records.load import load
from sctracker.records.model import STATUS_LABELS

DAY = pd.Timedelta(days=1)
NOON = pd.Timedelta(hours=12)


def _event(
    record_id: str,
    date: str,
    precision: str = "day",
    end: str | None = None,
    partners=("USA",),
    status: str = "held",
    event_type: str = "forum",
    title: str | None = None,
    inferred: bool = False,
) -> dict:
    """One row of an events table, as ``loading.load`` makes it (only the columns the timeline reads)."""
    start = dt.date.fromisoformat(date)
    end_date = dt.date.fromisoformat(end) if end else None
    names = {"USA": "United States", "CAN": "Canada", "FRA": "France", "EUU": "European Union"}
    return {
        "id": record_id,
        "title": title or record_id,
        "event_type": event_type,
        "event_type_label": event_type.capitalize(),
        "status": status,
        "status_label": STATUS_LABELS[status],
        "date": pd.Timestamp(start),
        "end_date": pd.Timestamp(end_date) if end_date else pd.NaT,
        "period_end": pd.Timestamp(period_end(start, precision, end_date)),
        "date_label": format_event_date(start, precision, end_date),
        "date_precision": precision,
        "date_inferred": inferred,
        "date_note": "Year from the release's date line." if inferred else "",
        "partners": list(partners),
        "partner_countries": list(partners),
        "partner_names": [names[code] for code in partners],
        "milestones": [],
        "sectors": ["batteries"],
        "sector_labels": ["Batteries"],
        "source_ids": ["000_4e5a9cc05a6421ba.txt#1"],
    }


def _table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


@pytest.fixture
def dataset(good_copy):
    """The good fixture's vocabularies and sources (partners EUU, FRA in Europe; USA, CAN in North America)."""
    return load(*good_copy)


def _labels(dataset) -> ChartLabels:
    return ChartLabels.for_view(Filters(), dataset.vocab, dataset.events, "timeline", on=dt.date(2026, 2, 1))


def _markers(fig) -> list:
    """The data traces that draw markers (the legend-only entries have no customdata)."""
    return [t for t in fig.data if t.mode == "markers" and t.customdata is not None]


def _marker_points(fig) -> pd.DataFrame:
    """Every marker drawn: record id, x, y, symbol and color."""
    return pd.DataFrame(
        [
            {"id": record_id, "x": pd.Timestamp(x), "y": y, "symbol": trace.marker.symbol, "color": trace.marker.color, "trace": trace.name}
            for trace in _markers(fig)
            for record_id, x, y in zip(trace.customdata, trace.x, trace.y)
        ]
    )


def _segments(fig, width: int) -> dict[str, list[tuple]]:
    """Record id to the (start, end, color) of every line of the given width (bars or spans)."""
    found: dict[str, list[tuple]] = {}
    for trace in fig.data:
        if trace.mode == "lines" and trace.line.width == width and trace.customdata is not None:
            for i in range(0, len(trace.x), 3):
                found.setdefault(trace.customdata[i], []).append((pd.Timestamp(trace.x[i]), pd.Timestamp(trace.x[i + 1]), trace.line.color))
    return found


def test_lanes_are_ordered_by_region_with_groups_first_and_only_partners_with_events(dataset):
    events = _table(
        _event("a", "2025-12-01", partners=("USA",)),
        _event("b", "2025-12-02", partners=("FRA", "EUU")),
        _event("c", "2025-12-03", partners=("CAN",)),
    )
    lanes = timeline.lanes(events, dataset.vocab.partners)
    assert list(lanes.index) == ["CAN", "USA", "EUU", "FRA"]  # UN M49 regions A–Z, Americas before Europe; the group first
    assert lanes.at["EUU", "label"] == "European Union (group)" and lanes.at["FRA", "label"] == "France"
    assert list(timeline.lanes(events.iloc[:1], dataset.vocab.partners).index) == ["USA"]
    _, placed = timeline.lane_rows(events, lanes)
    assert list(placed["center"]) == [0.5, 1.5, 2.5, 3.5]  # one-row lanes, one unit each, top to bottom


def test_an_event_with_several_partners_is_in_each_partners_lane(dataset):
    events = _table(_event("joint", "2025-12-02", partners=("FRA", "USA")))
    rows, _ = timeline.lane_rows(events, timeline.lanes(events, dataset.vocab.partners))
    assert sorted(zip(rows["partner"], rows["y"], rows["id"])) == [("FRA", 1.5, "joint"), ("USA", 0.5, "joint")]


def test_overlapping_events_in_a_lane_get_sub_rows_and_the_lane_grows(dataset):
    events = _table(
        _event("year", "2025-01-01", precision="year"),
        _event("inside-the-year", "2025-06-10"),
        _event("next-day", "2025-06-11"),
        _event("much-later", "2026-06-10"),
        _event("elsewhere", "2025-06-10", partners=("CAN",)),
    )
    rows, placed = timeline.lane_rows(events, timeline.lanes(events, dataset.vocab.partners))
    y = rows.set_index("id")["y"]
    crowded = y[["year", "inside-the-year", "next-day"]]
    assert crowded.nunique() == 3  # all three overlap: none hides another
    assert crowded.sort_values().diff().dropna().min() * timeline.LANE_PIXELS >= timeline.MARKER_PIXELS  # a marker apart
    assert y["much-later"] == y["year"]  # after the year ends, the first sub-row is free again
    assert placed.at["USA", "sub_rows"] == 3 and placed.at["CAN", "sub_rows"] == 1
    assert placed.at["USA", "height"] > placed.at["CAN", "height"] == 1  # the crowded lane is taller
    usa = placed.loc["USA"]
    assert all(usa["top"] < value < usa["top"] + usa["height"] for value in crowded)  # and all stay in their lane
    assert placed.at["USA", "top"] == placed.at["CAN", "top"] + 1  # lanes follow one another


def test_a_very_crowded_lane_stops_growing(dataset):
    events = _table(*[_event(f"e{i}", "2025-12-04") for i in range(timeline.MAX_SUB_ROWS + 4)])
    rows, placed = timeline.lane_rows(events, timeline.lanes(events, dataset.vocab.partners))
    assert placed.at["USA", "sub_rows"] == timeline.MAX_SUB_ROWS
    assert rows["sub_row"].value_counts().max() == 2  # the extra events share the rows, two to a row at most


@pytest.mark.parametrize(
    "date, precision, end, start, finish",
    [
        ("2025-12-04", "day", None, "2025-12-04 12:00", "2025-12-04 12:00"),  # a day: at its middle
        ("2025-12-01", "day", "2025-12-04", "2025-12-01 12:00", "2025-12-04 12:00"),  # first to last day
        ("2024-06-01", "month", None, "2024-06-01", "2024-07-01"),  # the whole month and nothing more
        ("2018-01-01", "year", None, "2018-01-01", "2019-01-01"),  # the whole year
    ],
)
def test_extents_cover_exactly_what_is_known(date, precision, end, start, finish):
    drawn = timeline.extents(_table(_event("e", date, precision=precision, end=end))).iloc[0]
    assert (drawn["start"], drawn["end"]) == (pd.Timestamp(start), pd.Timestamp(finish))
    assert drawn["marker"] == pd.Timestamp(start) + (pd.Timestamp(finish) - pd.Timestamp(start)) / 2


def test_figure_draws_days_as_filled_markers_spans_as_lines_and_vague_dates_as_open_markers_on_bars(dataset):
    events = _table(
        _event("day", "2025-12-04", status="held", event_type="forum"),
        _event("round", "2025-12-01", end="2025-12-04", status="planned", event_type="dialogue"),
        _event("month", "2024-06-01", precision="month", status="signed", event_type="agreement"),
        _event("year", "2018-01-01", precision="year", status="in_force", event_type="agreement"),
    )
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    marks = _marker_points(fig)
    symbols = timeline.event_symbols(dataset.vocab.event_types.index)

    day = marks[marks["id"] == "day"].iloc[0]
    assert (day["x"], day["symbol"], day["color"]) == (pd.Timestamp("2025-12-04 12:00"), symbols["forum"], STATUS_COLORS["held"])

    round_marks = marks[marks["id"] == "round"]
    assert sorted(round_marks["x"]) == [pd.Timestamp("2025-12-01 12:00"), pd.Timestamp("2025-12-04 12:00")]  # both ends
    assert set(round_marks["symbol"]) == {symbols["dialogue"] + "-dot"}  # planned: the centre dot of what has not happened yet
    assert set(round_marks["color"]) == {STATUS_COLORS["planned"]}
    spans = _segments(fig, timeline.SPAN_LINE_PIXELS)
    assert spans == {"round": [(pd.Timestamp("2025-12-01 12:00"), pd.Timestamp("2025-12-04 12:00"), STATUS_COLORS["planned"])]}

    bars = _segments(fig, timeline.PERIOD_BAR_PIXELS)
    assert bars == {
        "month": [(pd.Timestamp("2024-06-01"), pd.Timestamp("2024-07-01"), STATUS_COLORS["signed"])],
        "year": [(pd.Timestamp("2018-01-01"), pd.Timestamp("2019-01-01"), STATUS_COLORS["in_force"])],
    }
    for vague in ("month", "year"):
        [mark] = marks[marks["id"] == vague].itertuples()
        assert mark.symbol == symbols["agreement"] + "-open"  # never a filled, day-like marker
        assert bars[vague][0][0] < mark.x < bars[vague][0][1]
    assert not any(symbol.endswith("-open") for symbol in marks.loc[marks["id"].isin(["day", "round"]), "symbol"])


def _look(marker) -> tuple:
    """What tells a mark apart besides its fill color: its symbol, and its line's width and color."""
    return (marker["symbol"], marker["line"]["width"], marker["line"]["color"])


@pytest.mark.parametrize("suffix", ["", "-open"])
def test_every_status_has_a_mark_of_its_own_besides_its_color(suffix):
    """Issue 19: on every type's shape, filled (a day) or open (a month or year), the five statuses drawn in one
    color still make five different marks, and each symbol variant is one plotly draws."""
    for symbol in timeline.SYMBOLS:
        looks = {status: _look(timeline.status_marker(symbol + suffix, "#777777", status)) for status in STATUS_COLORS}
        assert len(set(looks.values())) == len(STATUS_COLORS), (symbol, looks)
        for status, (variant, _, _) in looks.items():
            go.scatter.Marker(symbol=variant)  # plotly refuses a name it does not draw
            assert variant.endswith("-dot") == timeline.STATUS_MARKS[status][0]  # the dot: not carried out yet
            assert ("-open" in variant) == (suffix == "-open")  # precision keeps its own channel


def test_filled_marks_ring_signed_and_in_force_dark_and_dot_what_is_not_yet_done():
    marks = {status: timeline.status_marker("square", STATUS_COLORS[status], status) for status in STATUS_COLORS}
    assert marks["held"]["symbol"] == "square" and marks["held"]["line"] == {"width": 1, "color": "white"}
    assert marks["announced"]["symbol"] == marks["planned"]["symbol"] == "square-dot"
    rings = {status: mark["line"]["width"] for status, mark in marks.items() if mark["line"]["color"] == timeline.RING_COLOR}
    assert set(rings) == {"signed", "in_force", "announced", "planned"}
    assert rings["in_force"] == rings["planned"] > rings["signed"] == rings["announced"] > marks["held"]["line"]["width"]


def test_each_status_is_drawn_with_its_mark_and_its_legend_entry_shows_it(dataset):
    statuses = list(STATUS_COLORS)
    events = _table(*(_event(status, f"2025-12-0{day}", status=status) for day, status in enumerate(statuses, start=1)))
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    drawn = {}
    for trace in _markers(fig):
        for record_id in trace.customdata:
            drawn[record_id] = (trace.marker.symbol, trace.marker.line.width, trace.marker.line.color)
    assert len(set(drawn.values())) == len(statuses)
    symbol = timeline.event_symbols(dataset.vocab.event_types.index)["forum"]
    for status in statuses:
        assert drawn[status] == _look(timeline.status_marker(symbol, STATUS_COLORS[status], status)), status
    legend = {t.name: t.marker for t in fig.data if t.customdata is None and t.name in set(STATUS_LABELS.values())}  # legend-only
    for status in statuses:
        entry = legend[STATUS_LABELS[status]]
        assert entry.color == STATUS_COLORS[status]
        assert (entry.symbol, entry.line.width, entry.line.color) == _look(timeline.status_marker("circle", STATUS_COLORS[status], status))


def test_a_by_mark_not_yet_carried_out_gets_a_centre_dot_and_each_status_its_line():
    """plotly has no ▶| with a dot: a dot is drawn over it, neither hovered nor clicked (the ▶| beneath answers)."""
    looks = {}
    for status in STATUS_COLORS:
        marker = timeline.status_marker(timeline.BY_SYMBOL, "#777777", status)
        assert marker["symbol"] == timeline.BY_SYMBOL
        looks[status] = (timeline.STATUS_MARKS[status][0], marker["line"]["width"])
    assert len(set(looks.values())) == len(STATUS_COLORS)


def test_a_by_date_not_yet_carried_out_has_its_dot_over_its_mark(dataset):
    events = _table(
        _event("soon", "2025-12-04", precision="on_or_before", status="announced"),
        _event("done", "2025-12-05", precision="on_or_before", status="held"),
    )
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    [mark] = [t for t in _markers(fig) if list(t.customdata) == ["soon"]]
    [dot] = [t for t in fig.data if t.name == "announced by dot"]
    assert (list(dot.x), list(dot.y)) == (list(mark.x), list(mark.y))
    assert dot.hoverinfo == "skip" and dot.customdata is None and dot.marker.color == timeline.RING_COLOR
    assert not [t for t in fig.data if t.name == "held by dot"]


def test_open_marker_of_a_long_bar_stays_in_view_when_zoomed(dataset):
    events = _table(_event("year", "2025-01-01", precision="year"), _event("day", "2025-12-04"))
    window = (pd.Timestamp("2025-11-20"), pd.Timestamp("2025-12-20"))
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), window, None)
    mark = _marker_points(fig).set_index("id").loc["year"]
    assert mark["x"] == pd.Timestamp("2025-12-05") and mark["symbol"].endswith("-open")  # middle of 20 Nov – 20 Dec
    whole = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    assert _marker_points(whole).set_index("id").at["year", "x"] == pd.Timestamp("2025-07-02 12:00")  # the year's middle


def test_figure_has_title_window_subtitle_source_legends_and_lanes(dataset):
    events = _table(
        _event("a", "2025-12-04", partners=("EUU",)), _event("b", "2024-06-01", precision="month", partners=("CAN",), status="signed")
    )
    window = (pd.Timestamp("2025-11-27"), pd.Timestamp("2025-12-11"))
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), window, None)
    title = fig.layout.title.text.replace("<br>", " ")  # a long title wraps
    assert "Events by partner, 27 Nov – 11 Dec 2025 (1 of 2 events in view)" in title and "All records" in title
    assert any("generated 2026-02-01" in a.text for a in fig.layout.annotations)
    assert list(fig.layout.xaxis.range) == [pd.Timestamp("2025-11-27"), pd.Timestamp("2025-12-11")]
    assert list(fig.layout.yaxis.ticktext) == ["European Union (group)"]  # zoomed: only the lanes of the events in view
    legend_names = {t.name for t in fig.data if t.customdata is None}
    assert {STATUS_LABELS[s] for s in STATUS_COLORS} <= legend_names
    assert {"Forum", "Known to the day", "Several days", "Known only to the month or year (bar over the whole period)"} <= legend_names
    assert "Agreement" not in legend_names  # only the types on the chart
    whole = timeline.timeline_figure(events, dataset, _labels(dataset), timeline.whole_span(events), None)
    assert "Events by partner, Jun 2024 – Dec 2025 (all 2 events)" in whole.layout.title.text.replace(
        "<br>", " "
    )  # no day for a month-precise event
    assert list(whole.layout.yaxis.ticktext) == ["Canada", "European Union (group)"] and list(whole.layout.yaxis.tickvals) == [0.5, 1.5]


def test_hover_is_escaped_and_says_date_precision_inference_partners_sectors_status_and_source(dataset):
    events = _table(
        _event("x", "2025-12-02", title="<img src=x onerror=alert(1)> Forum & co", inferred=True, partners=("USA", "CAN")),
        _event("m", "2024-06-01", precision="month"),
    )
    hover = timeline.hover_texts(events, dataset.sources, pd.Series([False, False]))
    assert "<img" not in hover[0] and html.escape("<img src=x onerror=alert(1)> Forum & co") in hover[0]
    for expected in (
        "Date: 2 Dec 2025 (known to the day)",
        "Date inferred: Year from the release",
        "Partners: United States, Canada",
        "Sectors: Batteries",
        "Forum · Held",
        "Source: “Korea and Testland Hold a Battery Forum”, 3 Dec 2025",
    ):
        assert expected in hover[0]
    assert "Date: Jun 2024 (known only to the month)" in hover[1] and "inferred" not in hover[1]
    cited_by_year = _table(_event("a", "2026-01-22") | {"source_ids": ["001_f25ae13499e1e454.txt"]})
    hover = timeline.hover_texts(cited_by_year, dataset.sources, pd.Series([False]))
    assert hover[0].endswith(", 2026")  # a source dated only to the year is not given a day either
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    assert all("<img" not in text for trace in _markers(fig) for text in trace.hovertext)


def test_upcoming_are_planned_or_announced_after_the_latest_held_event(dataset):
    events = _table(
        _event("held", "2026-01-22", status="held"),
        _event("held-earlier", "2025-12-01", status="held"),
        _event("planned-before", "2025-12-15", status="planned"),
        _event("announced-after", "2026-01-30", status="announced"),
        _event("planned-this-year", "2026-01-01", precision="year", status="planned"),  # may well fall after 22 Jan
        _event("signed-after", "2026-02-01", status="signed"),
    )
    last = timeline.latest_held(events)
    assert last == pd.Timestamp("2026-01-22")
    assert list(events.loc[timeline.upcoming(events, last), "id"]) == ["announced-after", "planned-this-year"]
    assert timeline.latest_held(events[events["status"] != "held"]) is None

    fig = timeline.timeline_figure(events, dataset, _labels(dataset), None, last)
    [shade] = [s for s in fig.layout.shapes if s.type == "rect"]
    assert pd.Timestamp(shade.x0) == pd.Timestamp("2026-01-23") and pd.Timestamp(shade.x1) > pd.Timestamp("2026-12-31")
    assert "22 Jan 2026" in shade.name and shade.showlegend
    hovers = dict(zip(*[[item for t in _markers(fig) for item in getattr(t, a)] for a in ("customdata", "hovertext")]))
    assert "Announced · upcoming" in hovers["announced-after"] and "upcoming" not in hovers["planned-before"]

    none_ahead = timeline.timeline_figure(events.iloc[:3], dataset, _labels(dataset), None, last)
    assert not [s for s in none_ahead.layout.shapes if s.type == "rect"]


def test_densest_window_finds_the_busy_weeks_and_ignores_vague_dates():
    cluster = [_event(f"c{day}", f"2025-12-{day:02d}") for day in (1, 2, 3, 5, 8)]
    scattered = [_event("s1", "2018-05-01"), _event("s2", "2021-09-28"), _event("s3", "2023-05-12")]
    vague = [_event(f"y{i}", "2025-01-01", precision="year") for i in range(6)]  # six on 1 Jan would look like a crowd
    start, end = timeline.densest_window(_table(*cluster, *scattered, *vague))
    # half of the eight day-dated events is four: 1–5 Dec is the shortest stretch holding four; padded by a week
    assert (start, end) == (pd.Timestamp("2025-12-01 12:00") - 7 * DAY, pd.Timestamp("2025-12-05 12:00") + 7 * DAY)


def test_densest_window_pads_by_a_quarter_of_a_long_stretch_and_handles_edge_cases():
    events = _table(_event("a", "2025-01-01"), _event("b", "2025-05-01"), _event("c", "2026-01-01"))
    start, end = timeline.densest_window(events, share=0.6)
    assert (start, end) == (pd.Timestamp("2025-01-01 12:00") - 30 * DAY, pd.Timestamp("2025-05-01 12:00") + 30 * DAY)
    assert timeline.densest_window(events.iloc[:0]) is None
    one = timeline.densest_window(events.iloc[:1])
    assert one == (pd.Timestamp("2025-01-01 12:00") - 7 * DAY, pd.Timestamp("2025-01-01 12:00") + 7 * DAY)
    only_vague = _table(_event("m", "2024-06-01", precision="month"))
    assert timeline.densest_window(only_vague) == (pd.Timestamp("2024-06-16") - 7 * DAY, pd.Timestamp("2024-06-16") + 7 * DAY)


def test_whole_span_shows_every_event_whole():
    events = _table(_event("y", "2004-01-01", precision="year"), _event("d", "2026-01-30"))
    start, end = timeline.whole_span(events)
    assert start < pd.Timestamp("2004-01-01") and end > pd.Timestamp("2026-01-30 12:00")
    assert timeline.in_window(events, (start, end)).all()
    assert timeline.whole_span(events.iloc[:0]) is None


@pytest.mark.parametrize(
    "selection, expected",
    [
        ({"points": [], "box": []}, []),
        ({"points": [{"customdata": "b", "x": "2025-12-04 12:00"}]}, ["b"]),
        ({"points": [{"customdata": ["c"]}, {"customdata": "a"}]}, ["a", "c"]),  # the table's order
        ({"points": [{"customdata": "no-such-record"}, {"x": 1}]}, []),
        ({"box": [{"x": ["2025-12-03 20:00:00.5", "2025-12-10"], "y": [0, 3]}]}, ["b"]),
        ({"box": [{"x": ["2025-06-30", "2024-06-20"]}]}, ["a"]),  # the month bar reaches into the stretch; ends in any order
        ({"box": [{"x": [pd.Timestamp("2025-12-01").value // 10**6, pd.Timestamp("2026-03-01").value // 10**6]}]}, ["b", "c"]),  # epoch ms
        ({"points": [{"customdata": "a"}], "box": [{"x": ["2026-01-01", "2026-12-31"]}]}, ["a", "c"]),
    ],
)
def test_selected_ids_maps_clicks_and_stretches_to_records(selection, expected):
    events = _table(_event("a", "2024-06-01", precision="month"), _event("b", "2025-12-04"), _event("c", "2026-01-30"))
    assert timeline.selected_ids(selection, events) == expected


def test_monthly_counts_by_start_month_with_vague_years_left_out(dataset):
    events = _table(
        _event("f1", "2025-11-26", event_type="forum"),
        _event("f2", "2025-11-30", end="2025-12-02", event_type="forum"),  # spans two months: its first
        _event("d1", "2025-11-27", event_type="dialogue"),
        _event("m", "2026-01-01", precision="month", event_type="dialogue"),  # known to the month: that month
        _event("y", "2025-01-01", precision="year", event_type="agreement"),  # no month can hold it
    )
    counts, year_only = timeline.monthly_counts(events, dataset.vocab.event_types.index)
    assert list(counts.columns) == ["forum", "dialogue"]  # vocabulary order, types present only
    assert counts.to_dict("index") == {
        pd.Timestamp("2025-11-01"): {"forum": 2, "dialogue": 1},
        pd.Timestamp("2025-12-01"): {"forum": 0, "dialogue": 0},  # an empty month shows as a gap
        pd.Timestamp("2026-01-01"): {"forum": 0, "dialogue": 1},
    }
    assert list(year_only["id"]) == ["y"]

    fig = timeline.monthly_figure(events, dataset, _labels(dataset))
    assert [t.type for t in fig.data] == ["bar", "bar"] and fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["Forum", "Dialogue"]
    assert "Events per month by type" in fig.layout.title.text
    notes = " ".join(a.text for a in fig.layout.annotations).replace("<br>", " ")  # the note wraps to fit the chart
    assert "Not counted: 1 event known only to the year (2025: 1)." in notes and "generated 2026-02-01" in notes


@pytest.mark.parametrize(
    ("first", "last", "period", "bars"),
    [
        ("2020-01-10", "2024-12-10", "month", 60),  # sixty months: a bar each
        ("2020-01-10", "2025-01-10", "quarter", 21),  # sixty-one: by quarter
        ("2015-01-10", "2025-01-10", "quarter", 41),
        ("2010-01-10", "2025-01-10", "year", 16),  # sixty-one quarters: by year
    ],
)
def test_the_pace_chart_counts_by_quarter_or_year_when_a_bar_a_month_would_not_fit(dataset, first, last, period, bars):
    events = _table(_event("a", first, event_type="forum"), _event("b", last, event_type="forum"), _event("c", last, event_type="dialogue"))
    counts, _ = timeline.monthly_counts(events, dataset.vocab.event_types.index)
    assert counts.index.name == period and len(counts) == bars and int(counts.to_numpy().sum()) == 3
    fig = timeline.monthly_figure(events, dataset, _labels(dataset))
    assert f"Events per {period} by type" in fig.layout.title.text and timeline.pace_title(events) == f"Events per {period} by type"
    assert "Each event counted in the " + period + " it starts." in " ".join(a.text for a in fig.layout.annotations).replace("<br>", " ")
    words = {"month": ("Jan 2020", "Dec 2024"), "quarter": (f"Q1 {first[:4]}", "Q1 2025"), "year": ("2010", "2025")}[period]
    assert (fig.data[0].customdata[0], fig.data[0].customdata[-1]) == words  # what each bar's hover names
    assert fig.data[0].xperiod == {"month": "M1", "quarter": "M3", "year": "M12"}[period]
    assert sorted(y for trace in fig.data for y in trace.y) == [1, 1, 1]  # a bar for each period with events, no empty ones
    text = summaries.monthly_text(events, dataset.vocab)
    assert text.summary.startswith(f"Events per {period} by type, {words[0]} – {words[1]}: 3 events in 2 {period}s with events.")
    assert text.takeaway == f"Busiest {period}: {words[1]}, with 2 of 3 events"


def test_the_monthly_note_names_the_span_of_many_years(dataset):
    years = _table(*[_event(f"y{year}", f"{year}-01-01", precision="year") for year in range(2004, 2011)], _event("d", "2025-11-26"))
    notes = " ".join(a.text for a in timeline.monthly_figure(years, dataset, _labels(dataset)).layout.annotations).replace("<br>", " ")
    assert "Not counted: 7 events known only to the year (2004–2010)." in notes


@pytest.mark.parametrize(("months", "ticked"), [(3, True), (12, True), (13, False)])
def test_monthly_axes_count_whole_events_and_name_months_not_days(dataset, months, ticked):
    """With few events plotly ticked the count axis 0.2, 0.4… printed as "0, 0, 1", and with few months it
    ticked days ("Nov 16") under month bars."""
    start = pd.Timestamp("2025-01-01")
    events = _table(*[_event(f"e{n}", f"{(start + pd.DateOffset(months=n)).date()}") for n in range(months)])
    layout = timeline.monthly_figure(events, dataset, _labels(dataset)).layout
    assert layout.yaxis.tickformat == ",d" and layout.yaxis.dtick == 1
    if ticked:
        assert (layout.xaxis.dtick, layout.xaxis.tickformat, layout.xaxis.ticklabelmode) == ("M1", "%b %Y", "period")
    else:  # over a year plotly's own ticks fall on month or year starts
        assert layout.xaxis.dtick is None


def test_builders_accept_no_events(dataset):
    empty = _table(_event("a", "2025-12-04")).iloc[:0]
    fig = timeline.timeline_figure(empty, dataset, _labels(dataset), None, None)
    assert not _markers(fig) and any("No events match" in a.text for a in fig.layout.annotations)
    monthly = timeline.monthly_figure(empty, dataset, _labels(dataset))
    assert not monthly.data
    assert timeline.selected_ids({"points": [{"customdata": "a"}]}, empty) == []


def _count_marks(fig) -> pd.DataFrame:
    """Every count's circle: its key, x, y, size, symbol and hover."""
    return pd.DataFrame(
        [
            {"key": key, "x": pd.Timestamp(x), "y": y, "size": size, "symbol": trace.marker.symbol, "hover": hover}
            for trace in _markers(fig)
            for key, x, y, size, hover in zip(trace.customdata, trace.x, trace.y, trace.marker.size, trace.hovertext)
        ]
    )


def test_past_a_page_of_lanes_the_timeline_counts_from_fewer_events(monkeypatch):
    monkeypatch.setattr(timeline.counts, "SINGLE_EVENTS_IN_MANY_LANES_UP_TO", 2)
    monkeypatch.setattr(crowding, "PARTNER_ROWS_UP_TO", 2)
    two_lanes = _table(_event("a", "2025-12-01"), _event("b", "2025-12-02", partners=("CAN",)), _event("c", "2025-12-03"))
    assert not timeline.draws_counts(two_lanes)  # three events, but two lanes fit
    three_lanes = _table(*(_event(f"e{i}", "2025-12-01", partners=(code,)) for i, code in enumerate(("USA", "CAN", "FRA"))))
    assert timeline.draws_counts(three_lanes)
    assert not timeline.draws_counts(_table(_event("x", "2025-12-01", partners=("USA", "CAN", "FRA"))))  # one event, three lanes
    assert timeline.reading_note(three_lanes).startswith("Over 2 events with over 2 partners are too many to draw one by one")


def test_the_timeline_draws_each_event_up_to_the_threshold_and_counts_past_it(dataset, monkeypatch):
    monkeypatch.setattr(timeline.counts, "SINGLE_EVENTS_UP_TO", 3)
    events = _table(_event("a", "2025-12-01"), _event("b", "2025-12-02"), _event("c", "2025-12-20"), _event("d", "2026-01-05"))
    assert not timeline.draws_counts(events.iloc[:3]) and timeline.draws_counts(events)
    single = timeline.timeline_figure(events.iloc[:3], dataset, _labels(dataset), None, None)
    assert sorted(_marker_points(single)["id"]) == ["a", "b", "c"]
    assert not any("showing counts" in a.text for a in single.layout.annotations)

    counted = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    marks = _count_marks(counted).sort_values("x")
    # 1 December 2025 was a Monday: a and b share its week; c and d have a week each
    assert list(marks["x"]) == [pd.Timestamp(day) + pd.Timedelta(days=3.5) for day in ("2025-12-01", "2025-12-15", "2026-01-05")]
    assert list(marks["key"]) == ["USA|week|week|2025-12-01", "USA|week|week|2025-12-15", "USA|week|week|2026-01-05"]
    largest = timeline.BIN_MARKER_PIXELS[1]
    assert list(marks["size"]) == [largest, round(largest / 2**0.5, 1), round(largest / 2**0.5, 1)]  # area grows with the count
    assert set(marks["y"]) == {0.5} and set(marks["symbol"]) == {"circle"}  # no vague date: one row, mid-lane
    [note] = [a.text for a in counted.layout.annotations if "showing counts" in a.text]
    assert note == "<b>4 events: showing counts per week; narrow the filters for single events.</b>"
    assert "Events by partner" in counted.layout.title.text and "(all 4 events)" in counted.layout.title.text.replace("<br>", " ")
    legend_names = {t.name for t in counted.data if t.customdata is None}
    assert legend_names == {"Events of a partner in one week (circle area: how many)"}  # no status or type legend: counts mix them


def test_an_event_is_counted_in_its_period_or_over_its_own_vaguer_month_or_year():
    events = _table(
        _event("day", "2025-12-03"),
        _event("span", "2025-11-30", end="2025-12-02"),  # a Sunday: counted in the week it starts
        _event("month", "2025-12-01", precision="month"),
        _event("year", "2025-01-01", precision="year"),
    )

    def bins(unit):
        table = timeline.event_bins(events, unit).set_index(events["id"])
        return {record_id: (row.period, str(row.start.date()), str(row.end.date())) for record_id, row in table.iterrows()}

    assert bins("week") == {
        "day": ("week", "2025-12-01", "2025-12-08"),
        "span": ("week", "2025-11-24", "2025-12-01"),
        "month": ("month", "2025-12-01", "2026-01-01"),  # not the week of its nominal first day
        "year": ("year", "2025-01-01", "2026-01-01"),
    }
    assert bins("month")["month"] == ("month", "2025-12-01", "2026-01-01") and bins("month")["year"][0] == "year"
    assert bins("quarter")["day"] == ("quarter", "2025-10-01", "2026-01-01") and bins("quarter")["span"] == (
        "quarter",
        "2025-10-01",
        "2026-01-01",
    )
    assert set(bins("year").values()) == {("year", "2025-01-01", "2026-01-01")}


@pytest.mark.parametrize("limit, unit", [(12, "week"), (11, "quarter"), (4, "quarter"), (3, "year"), (0, "year")])
def test_counts_take_the_finest_period_that_keeps_the_marks_few(monkeypatch, limit, unit):
    monkeypatch.setattr(timeline.counts, "BINNED_MARKS_UP_TO", limit)
    events = _table(
        *[_event(f"e{month}", f"2025-{month:02d}-10") for month in range(1, 13)]
    )  # one a month: 12 weeks, 12 months, 4 quarters
    assert timeline.bin_unit(events) == unit


@pytest.mark.parametrize(
    "first, last, period, spanned",
    [
        ("2025-03-30 12:00", "2025-03-31 12:00", "week", 2),  # a Sunday and the Monday after: two weeks
        ("2025-03-31", "2025-04-06", "week", 1),
        ("2025-03-31", "2025-04-01", "quarter", 2),
        ("2025-01-01", "2025-03-31", "quarter", 1),
        ("2015-01-10", "2024-12-10", "month", 120),
        ("2004-12-31", "2005-01-01", "year", 2),
    ],
)
def test_periods_spanned_counts_calendar_periods_from_the_first_to_the_last(first, last, period, spanned):
    assert timeline.counts.periods_spanned(pd.Timestamp(first), pd.Timestamp(last), period) == spanned


@pytest.mark.parametrize("years, unit", [(1, "week"), (4, "month"), (10, "quarter"), (20, "year")])
def test_counts_take_a_period_the_axis_holds_few_enough_of_to_tell_apart(years, unit):
    """Past ``PERIODS_ACROSS_UP_TO`` periods across the span, circles run into one band: a coarser period, however few
    the circles (one lane, an event a month)."""
    days = pd.date_range("2001-01-10", periods=12 * years, freq="MS") + pd.Timedelta(days=9)
    events = _table(*[_event(f"e{i}", f"{day:%Y-%m-%d}") for i, day in enumerate(days)])
    assert timeline.bin_unit(events) == unit


def test_counts_put_vague_dates_open_on_a_lower_row_and_an_event_in_each_of_its_lanes(dataset, monkeypatch):
    monkeypatch.setattr(timeline.counts, "SINGLE_EVENTS_UP_TO", 1)
    events = _table(
        _event("both", "2025-07-10", partners=("USA", "CAN")), _event("usa", "2025-07-20"), _event("year", "2025-01-01", precision="year")
    )
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    assert list(fig.layout.yaxis.ticktext) == ["Canada", "United States"] and list(fig.layout.yaxis.tickvals) == [0.5, 1.5]
    marks = _count_marks(fig).set_index("key")
    assert marks.loc["CAN|week|week|2025-07-07", "y"] == timeline.COUNT_ROW  # Canada's lane is the first, from 0 to 1
    assert marks.loc["USA|week|week|2025-07-07", "y"] == marks.loc["USA|week|week|2025-07-14", "y"] == 1 + timeline.COUNT_ROW
    vague = marks.loc["USA|week|year|2025-01-01"]
    assert (
        vague["symbol"] == "circle-open" and vague["y"] == 1 + timeline.VAGUE_COUNT_ROW and vague["x"] == pd.Timestamp("2025-07-02 12:00")
    )
    assert "1 event known only to the year" in vague["hover"]
    [(start, end, _)] = _segments(fig, timeline.PERIOD_BAR_PIXELS)["USA|week|year|2025-01-01"]
    assert pd.Timestamp("2025-01-01") < start < pd.Timestamp("2025-01-31") and pd.Timestamp("2025-12-01") < end < pd.Timestamp(
        "2026-01-01"
    )  # over the year, ends apart
    legend_names = {t.name for t in fig.data if t.customdata is None}
    assert "Known only to the month or year: counted over that period, on a lower row" in legend_names


def test_a_count_hover_names_its_lane_period_count_and_first_titles_escaped(dataset, monkeypatch):
    monkeypatch.setattr(timeline.counts, "SINGLE_EVENTS_UP_TO", 1)
    events = _table(*[_event(f"e{i}", "2025-03-04", title=f"<b>Talks</b> #{i}") for i in range(1, 6)])
    [hover] = _count_marks(timeline.timeline_figure(events, dataset, _labels(dataset), None, None))["hover"]
    assert hover == (
        "<b>United States</b> · week of 3 Mar 2025<br>5 events<br>"
        "• &lt;b&gt;Talks&lt;/b&gt; #1<br>• &lt;b&gt;Talks&lt;/b&gt; #2<br>• &lt;b&gt;Talks&lt;/b&gt; #3<br>… and 2 more"
    )


def test_clicking_a_count_selects_exactly_the_events_it_counts():
    events = _table(
        _event("both", "2025-07-10", partners=("USA", "CAN")),
        _event("month", "2025-07-01", precision="month"),
        _event("usa", "2025-07-08"),
        _event("year", "2025-01-01", precision="year"),
    )
    counts = timeline.bin_counts(events, "week")
    assert dict(zip(counts["key"], counts["count"])) == {
        "USA|week|week|2025-07-07": 2,
        "CAN|week|week|2025-07-07": 1,
        "USA|week|month|2025-07-01": 1,
        "USA|week|year|2025-01-01": 1,
    }
    for key, event_ids in zip(counts["key"], counts["event_ids"]):
        assert timeline.selected_ids({"points": [{"customdata": key}]}, events) == event_ids
    assert timeline.selected_ids({"points": [{"customdata": "USA|week|week|2025-07-07"}]}, events) == ["both", "usa"]
    assert timeline.selected_ids(
        {"points": [{"customdata": "CAN|week|week|2025-07-07"}, {"customdata": "USA|week|year|2025-01-01"}]}, events
    ) == ["both", "year"]
    for stale in ("USA|week|week|2031-01-06", "USA|fortnight|week|2025-07-07", "USA|week|week|not-a-day", "a|b"):
        assert timeline.selected_ids({"points": [{"customdata": stale}]}, events) == []


def test_a_crowded_timeline_sends_a_bounded_figure(dataset, monkeypatch):
    days = pd.date_range("2004-01-01", "2026-12-31", periods=20_000).strftime("%Y-%m-%d")
    events = _table(*[_event(f"e{i}", day, partners=(("USA", "CAN", "FRA", "EUU")[i % 4],)) for i, day in enumerate(days)])
    assert timeline.bin_unit(events) == "year"  # 23 years: 1,200 weeks, 276 months or 92 quarters would run into a band
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), timeline.densest_window(events), None)
    marks = _count_marks(fig)
    assert len(marks) <= timeline.BINNED_MARKS_UP_TO and marks["key"].is_unique
    assert len(fig.to_json()) < 1_500_000  # one mark per event made about 700 bytes an event
    assert timeline.bin_counts(events, "month")["count"].sum() == len(events)
    monkeypatch.setattr(timeline.counts, "PERIODS_ACROSS_UP_TO", 300)
    assert timeline.bin_unit(events) == "month"  # weekly counts would make 4 lanes × 1,200 weeks of circles


def test_every_real_record_is_on_the_timeline_at_its_place_with_honest_precision():
    dataset = load()
    events = dataset.events
    assert len(events) > 0
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), timeline.whole_span(events), timeline.latest_held(events))
    points = _marker_points(fig)
    marks = points[~points["trace"].str.startswith("milestone")]
    bars = _segments(fig, timeline.PERIOD_BAR_PIXELS)
    _, placed = timeline.lane_rows(events, timeline.lanes(events, dataset.vocab.partner_rows(sorted(set().union(*events["partners"])))))
    assert list(fig.layout.yaxis.tickvals) == list(placed["center"])
    for row in events.itertuples():
        mine = marks[marks["id"] == row.id]
        lanes_hit = {code for y in mine["y"] for code, lane in placed.iterrows() if lane["top"] < y < lane["top"] + lane["height"]}
        assert lanes_hit == set(row.partners), row.id  # in each of its partners' lanes and no other
        milestones = points[(points["id"] == row.id) & points["trace"].str.startswith("milestone")]
        assert len(milestones) == len(row.milestones) * len(row.partners), row.id  # each milestone in each lane
        if row.date_precision == "day":
            assert set(mine["x"]) == {row.date + NOON, (row.end_date if pd.notna(row.end_date) else row.date) + NOON}, row.id
            assert not any("-open" in s for s in mine["symbol"]), row.id
        elif row.date_precision == "on_or_before":  # a ▶| mark at the day it is known by, never a bar
            assert set(mine["x"]) == {row.date + NOON} and set(mine["symbol"]) == {timeline.BY_SYMBOL}, row.id
            assert row.id not in bars, row.id
        else:  # open, with the centre dot of a status not carried out yet
            opened = "-open-dot" if timeline.STATUS_MARKS[row.status][0] else "-open"
            assert all(s.endswith(opened) for s in mine["symbol"]), row.id
            assert {(start, end) for start, end, _ in bars[row.id]} == {(row.date, row.period_end + DAY)}, row.id
        assert set(mine["color"]) == {STATUS_COLORS[row.status]}, row.id
    counts, year_only = timeline.monthly_counts(events, dataset.vocab.event_types.index)
    assert counts.to_numpy().sum() + len(year_only) == len(events)


def test_a_by_date_is_a_mark_at_that_day_pointing_from_the_past_never_a_bar(dataset):
    events = _table(_event("by", "2025-12-04", precision="on_or_before", status="signed", event_type="agreement"))
    events.at[0, "date_note"] = "Not dated in the source: 'the recent signing', in a release of 4 December 2025."
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    [mark] = _marker_points(fig).itertuples()
    assert (mark.x, mark.symbol, mark.color) == (pd.Timestamp("2025-12-04 12:00"), timeline.BY_SYMBOL, STATUS_COLORS["signed"])
    assert _segments(fig, timeline.PERIOD_BAR_PIXELS) == {}
    [hover] = [t.hovertext[0] for t in timeline_traces(fig) if t.name == "signed by"]
    assert "Date: by 4 Dec 2025 (done by then; the sources do not say when)" in hover
    assert "Done by a date, day unknown" in [t.name for t in fig.data if t.customdata is None]
    counts, not_counted = timeline.monthly_counts(events, dataset.vocab.event_types.index)
    assert counts.empty and list(not_counted["id"]) == ["by"]  # no month holds it


def timeline_traces(fig) -> list:
    return [trace for trace in fig.data if trace.customdata is not None]


def test_milestones_are_marks_in_the_events_lanes_at_their_own_dates(dataset):
    event = _event("pact", "2018-01-01", precision="year", status="in_force", event_type="agreement", partners=("USA", "CAN"))
    event["milestones"] = [
        {
            "stage": "signed", "date": "2018-01-01", "date_precision": "year", "date_note": "", "period_end": "2018-12-31",
            "label": "signed 2018",
        },
        {
            "stage": "in_force", "date": "2021-12-31", "date_precision": "on_or_before",
            "date_note": "Reported as in force by the article.", "period_end": "2021-12-31", "label": "in force by 31 Dec 2021",
        },
    ]  # fmt: skip
    fig = timeline.timeline_figure(_table(event), dataset, _labels(dataset), None, None)
    points = _marker_points(fig)
    milestones = points[points["trace"].str.startswith("milestone")]
    assert sorted(set(milestones["x"])) == [pd.Timestamp("2018-07-02 12:00"), pd.Timestamp("2021-12-31 12:00")]  # a year's middle, a day
    assert len(milestones) == 4 and set(milestones["id"]) == {"pact"}  # two milestones in each of two lanes
    assert {symbol for symbol in milestones["symbol"]} == {timeline.STAGE_SYMBOLS["signed"], timeline.STAGE_SYMBOLS["in_force"]}
    hovers = [text for trace in timeline_traces(fig) if trace.name == "milestone in_force" for text in trace.hovertext]
    assert all("In force by 31 Dec 2021" in text and "Date inferred: Reported as in force" in text for text in hovers)
    legend = [t.name for t in fig.data if t.customdata is None]
    assert "Signed" in legend and "In force" in legend


def test_a_state_has_its_own_lane_right_after_its_country(dataset):
    events = _table(_event("a", "2025-12-01", partners=("USA",)), _event("b", "2025-12-02", partners=("CAN",)))
    events.at[1, "partners"] = ["US-TX"]
    lanes = timeline.lanes(events.assign(partners=[["USA"], ["US-TX"]]), dataset.vocab.partner_rows(["USA", "US-TX", "CAN"]))
    assert list(lanes["label"]) == ["United States", "Texas (United States)"]
    both = _table(_event("a", "2025-12-01", partners=("USA", "CAN")), _event("b", "2025-12-02"))
    both.at[1, "partners"] = ["US-TX"]
    lanes = timeline.lanes(both, dataset.vocab.partner_rows(["USA", "CAN", "US-TX"]))
    assert list(lanes.index) == ["CAN", "USA", "US-TX"]


def test_an_event_keeps_off_another_events_milestone_line(dataset):
    pact = _event("pact", "2018-01-01", precision="year", status="in_force", event_type="agreement")
    pact["milestones"] = [
        {
            "stage": "in_force", "date": "2021-12-31", "date_precision": "on_or_before",
            "date_note": "By the article.", "period_end": "2021-12-31", "label": "in force by 31 Dec 2021",
        }
    ]  # fmt: skip
    events = _table(pact, _event("session", "2021-09-28"))
    rows, _ = timeline.lane_rows(events, timeline.lanes(events, dataset.vocab.partner_rows(["USA"])))
    assert rows.set_index("id")["sub_row"].to_dict() == {"pact": 0, "session": 1}  # the session is not drawn on the pact's line


def test_past_the_lane_limit_the_partners_with_fewest_events_share_one_last_lane(dataset, monkeypatch):
    monkeypatch.setattr(timeline.counts, "SINGLE_EVENTS_UP_TO", 1)
    monkeypatch.setattr(crowding, "PARTNER_ROWS_UP_TO", 2)
    events = _table(
        _event("usa-1", "2025-07-08"),
        _event("usa-2", "2025-07-09"),
        _event("both", "2025-07-10", partners=("FRA", "CAN")),
        _event("can", "2025-07-11", partners=("CAN",)),
        _event("usa-fra", "2025-08-12", partners=("USA", "FRA")),
    )
    folds = []
    real = timeline.counts.fold_lanes
    for module in (timeline.counts, importlib.import_module("sctracker.figures.timeline.figure")):
        monkeypatch.setattr(module, "fold_lanes", lambda events: folds.append(1) or real(events))
    fig = timeline.timeline_figure(events, dataset, _labels(dataset), None, None)
    assert folds == [1]  # worked out once for the unit, the lanes and the counts
    assert list(fig.layout.yaxis.ticktext) == ["United States", "2 other partners"]  # USA has most events; CAN, FRA share a lane
    counts = timeline.bin_counts(events, "week")
    assert dict(zip(counts["key"], counts["count"])) == {
        "USA|week|week|2025-07-07": 2,
        "+others|week|week|2025-07-07|CAN,FRA": 2,  # "both" once, though both its partners are folded
        "USA|week|week|2025-08-11": 1,
        "+others|week|week|2025-08-11|FRA": 1,
    }
    for key, event_ids in zip(counts["key"], counts["event_ids"]):
        assert timeline.selected_ids({"points": [{"customdata": key}]}, events) == event_ids
    for stale in ("+others|week|week|2025-07-07", "USA|week|week|2025-07-07|CAN"):  # the lane and its partners go together
        assert timeline.selected_ids({"points": [{"customdata": stale}]}, events) == []
    monkeypatch.setattr(crowding, "PARTNER_ROWS_UP_TO", 3)
    assert timeline.fold_lanes(events) == (events, frozenset())
