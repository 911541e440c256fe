"""The crowded timeline: past ``SINGLE_EVENTS_UP_TO`` events it counts instead of drawing each one.

One circle per lane and week, month, quarter or year (the finest whose periods are wide enough on the axis to
tell apart and that keeps the marks to a few thousand), its area growing with the count; events known less
precisely than that period are counted over their own month or year, as open circles on a bar, on a row of
their own. The figure then stays small however many events there are.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from sctracker.figures import crowding
from sctracker.figures.crowding import OTHER_PARTNERS, OTHER_REGION, folded_partners, other_partners_label
from sctracker.figures.timeline.hover import PRECISION_WORDS
from sctracker.figures.timeline.layout import extents, lanes
from sctracker.figures.timeline.marks import PERIOD_BAR_PIXELS, legend_entry, marker_trace, segments
from sctracker.query.lists import flatten_lists, group_events
from sctracker.records.vocabularies import Vocabularies

#: Up to this many events the timeline draws each one; past it, it counts them per lane and period. At 2,000
#: the densest lanes are already a thicket of overlapping marks; one mark per event and lane made a figure of
#: 35 MB at 50,000 events, and 2,000 events take about a tenth of a second and 1.4 MB to draw one by one.
SINGLE_EVENTS_UP_TO = 2000
#: Across more lanes than ``crowding.PARTNER_ROWS_UP_TO``, the timeline counts past this many events: 1,624 events
#: in 276 lanes (a search at 10,000 synthetic records) made a chart 12,000 pixels tall that took Chromium 10 s to draw.
#: A year of curated records (a few hundred events, some fifty partners) stays drawn one by one.
SINGLE_EVENTS_IN_MANY_LANES_UP_TO = 500
#: The periods a crowded timeline may count in, finest first.
BIN_PERIODS = ("week", "month", "quarter", "year")
#: A crowded timeline counts in a period of which its axis holds no more than this many: sixty periods are about
#: 7 pixels each on the narrowest chart (the main column of a 1,000-pixel window), so that circles of 5 to 24 pixels
#: still part by period. Monthly counts over twenty-three years (276 a lane) ran into one band, and at 10,000
#: synthetic records their 3,924 circles took Chromium 0.8 s to draw, against 0.16 s for the 765 yearly ones.
#: The pace chart's bars follow the same rule (``monthly.pace_period``).
PERIODS_ACROSS_UP_TO = 60
#: ... and whose counts make no more circles than this, so that the figure stays under about 1.5 MB.
BINNED_MARKS_UP_TO = 4000
#: Diameter of a count's circle for one event, and for the largest count in the chart.
BIN_MARKER_PIXELS = (5, 24)
BIN_COLOR = "#3a6ea5"
#: Titles a count's hover names, each cut to a line: the hover previews a count, the table lists it whole.
BIN_HOVER_TITLES = 3
_TITLE_CHARS = 70
#: Where in its one-unit lane a count is drawn, from the lane's top: counts of events known only to a
#: coarser period get a row of their own below, so that they hide none of the counts of the same time.
COUNT_ROW, VAGUE_COUNT_ROW = 0.38, 0.78
_FINENESS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


def draws_counts(events: pd.DataFrame) -> bool:
    """Whether the timeline counts these events per lane and period rather than drawing each: past
    ``SINGLE_EVENTS_UP_TO`` events, or past ``SINGLE_EVENTS_IN_MANY_LANES_UP_TO`` in more lanes than a page holds."""
    if len(events) > SINGLE_EVENTS_UP_TO:
        return True
    return len(events) > SINGLE_EVENTS_IN_MANY_LANES_UP_TO and many_lanes(events)


def many_lanes(events: pd.DataFrame) -> bool:
    """Whether the events name more partners than ``crowding.PARTNER_ROWS_UP_TO``: a lane each would not fit a page."""
    _, partners = flatten_lists(events["partners"].tolist())
    return len(set(partners)) > crowding.PARTNER_ROWS_UP_TO


def event_bins(events: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Where a timeline counting per ``unit`` counts each event: in the period its start date falls in.

    An event known less precisely than ``unit`` (to the month, counted per week; to the year, counted
    per week, month or quarter) is counted over its own month or year instead: the period of its
    nominal first day would claim a date nobody knows.

    Args:
        events: the events table.
        unit: one of ``BIN_PERIODS``.

    Returns:
        Indexed like ``events``: ``period`` (what the event is counted in: ``unit``, or its own
        precision), ``start`` and ``end`` (the first moment of that period and of the next).
    """
    vaguer = events["date_precision"].isin([name for name, fineness in _FINENESS.items() if fineness > _FINENESS[unit]])
    period = events["date_precision"].where(vaguer, unit)
    dates = events["date"].to_numpy()
    start = np.empty(len(events), dtype="datetime64[s]")
    end = np.empty(len(events), dtype="datetime64[s]")
    for name in period.unique():
        chosen = (period == name).to_numpy()
        start[chosen], end[chosen] = _period_bounds(dates[chosen], name)
    return pd.DataFrame({"period": period, "start": start, "end": end}, index=events.index)


def _period_bounds(dates: np.ndarray, period: str) -> tuple[np.ndarray, np.ndarray]:
    """The first moment of the week (from Monday), month, quarter or year each date falls in, and of the next.

    numpy's calendar units, not pandas periods: a hundred times quicker over 50,000 dates.
    """
    if period == "week":
        days = dates.astype("datetime64[D]")
        start = days - (days.view("i8") + 3) % 7  # day 0, 1 January 1970, was a Thursday
        return start.astype("datetime64[s]"), (start + 7).astype("datetime64[s]")
    if period == "year":
        start = dates.astype("datetime64[Y]")
        return start.astype("datetime64[s]"), (start + 1).astype("datetime64[s]")
    months = 3 if period == "quarter" else 1
    start = dates.astype("datetime64[M]")
    start = start - start.view("i8") % months  # month 0, January 1970, began a quarter
    return start.astype("datetime64[s]"), (start + months).astype("datetime64[s]")


def periods_spanned(first: pd.Timestamp, last: pd.Timestamp, period: str) -> int:
    """How many weeks, months, quarters or years run from the one ``first`` falls in to the one ``last`` falls in."""
    (start_first, start_last), _ = _period_bounds(np.array([first, last], dtype="datetime64[s]"), period)
    if period == "week":
        return int((start_last - start_first) // np.timedelta64(7, "D")) + 1
    months = int((start_last.astype("datetime64[M]") - start_first.astype("datetime64[M]")).astype(int))
    return months // {"month": 1, "quarter": 3, "year": 12}[period] + 1


def bin_unit(events: pd.DataFrame, folding: Lanes | None = None) -> str:
    """The period a crowded timeline counts in: the finest of ``BIN_PERIODS`` of which the events' span holds at most
    ``PERIODS_ACROSS_UP_TO`` and whose counts make at most ``BINNED_MARKS_UP_TO`` circles (one per lane, period and
    row), else the coarsest."""
    drawn = extents(events)
    first, last = drawn["start"].min(), drawn["end"].max() - pd.Timedelta(seconds=1)  # the end is the next period's start
    positions, partners = flatten_lists((fold_lanes(events) if folding is None else folding)[0]["partners"].tolist())
    lane_codes = pd.factorize(np.asarray(partners, dtype=object))[0]
    for unit in BIN_PERIODS:
        if periods_spanned(first, last, unit) > PERIODS_ACROSS_UP_TO:
            continue
        bins = event_bins(events, unit)
        vague = (bins["period"] != unit).to_numpy()[positions]
        marks = pd.DataFrame({"lane": lane_codes, "vague": vague, "start": bins["start"].to_numpy()[positions]})
        if len(marks.drop_duplicates()) <= BINNED_MARKS_UP_TO:
            return unit
    return BIN_PERIODS[-1]


BIN_KEY_SEPARATOR = "|"  # never in a record id (a date, then lowercase letters, digits and hyphens)


def bin_key(partner: str, unit: str, period: str, first_day: str, folded: tuple[str, ...] = ()) -> str:
    """What a count's circle reports when clicked: its lane, the chart's counting unit, its period and first day (ISO);
    in the lane of other partners (``OTHER_PARTNERS``), also the partners it counts there (``folded``), comma-separated."""
    return BIN_KEY_SEPARATOR.join((partner, unit, period, first_day, *((",".join(folded),) if partner == OTHER_PARTNERS else ())))


#: What ``fold_lanes`` gives: the events with their lanes' partners, and the partners folded. The functions below take
#: it when the caller has it already (it is worked out otherwise): at 10,000 events it takes 75 ms.
Lanes = tuple[pd.DataFrame, frozenset[str]]


def counted_lanes(events: pd.DataFrame, vocab: Vocabularies, folding: Lanes | None = None) -> pd.DataFrame:
    """The lanes of a crowded timeline (``layout.lanes``), the partners ``fold_lanes`` folds in one last lane."""
    lanes_of, folded = fold_lanes(events) if folding is None else folding
    rows = vocab.partner_rows(sorted(set().union(*lanes_of["partners"].tolist()) - {OTHER_PARTNERS}))
    if folded:
        other = {"name": other_partners_label(len(folded)), "kind": "other", "region": OTHER_REGION}
        rows = pd.concat([rows, pd.DataFrame([other], index=[OTHER_PARTNERS])])
    return lanes(lanes_of, rows)


def fold_lanes(events: pd.DataFrame) -> Lanes:
    """``events`` with the partners ``folded_partners`` folds replaced by ``OTHER_PARTNERS`` in their ``partners`` lists,
    and those partners; the events as they are if there are few enough."""
    _, partners = flatten_lists(events["partners"].tolist())
    folded = folded_partners(pd.Series(partners, dtype=object).value_counts())
    if not folded:
        return events, frozenset()
    lists = [
        codes if folded.isdisjoint(codes) else list(dict.fromkeys(OTHER_PARTNERS if code in folded else code for code in codes))
        for codes in events["partners"].tolist()
    ]  # an event with none of them keeps its list (most do, and rebuilding every list took 60 ms at 10,000 events)
    return events.assign(partners=lists), folded


def bin_counts(events: pd.DataFrame, unit: str, folding: Lanes | None = None) -> pd.DataFrame:
    """The counts a crowded timeline draws: each lane's events per period (``event_bins``).

    Args:
        events: the (filtered) events.
        unit: one of ``BIN_PERIODS`` (``bin_unit``).

    Returns:
        One row per partner lane and period with events: ``partner``, ``period``, ``start``, ``end``,
        ``count``, ``event_ids`` and ``titles`` (the first ``BIN_HOVER_TITLES``, in the events' order),
        and ``key`` (its ``bin_key``).
    """
    lanes_of, folded = fold_lanes(events) if folding is None else folding
    positions, partners = flatten_lists(lanes_of["partners"].tolist())
    pairs = event_bins(events, unit).iloc[positions].reset_index(drop=True).assign(event=positions, partner=partners)
    counts = group_events(pairs, ["partner", "period", "start", "end"], events, titles=BIN_HOVER_TITLES)
    first_days = counts["start"].to_numpy().astype("datetime64[D]").astype(str)
    partners_of = dict(zip(events["id"], events["partners"]))
    counts["key"] = [
        bin_key(partner, unit, period, day, _among(ids, partners_of, folded) if partner == OTHER_PARTNERS else ())
        for partner, period, day, ids in zip(counts["partner"].tolist(), counts["period"].tolist(), first_days, counts["event_ids"])
    ]
    return counts


def _among(ids: list[str], partners_of: dict[str, list[str]], folded: frozenset[str]) -> tuple[str, ...]:
    """The folded partners of the events ``ids``, sorted."""
    return tuple(sorted({code for record_id in ids for code in partners_of[record_id] if code in folded}))


def events_in_bin(events: pd.DataFrame, key: str) -> list[str]:
    """The ids of the events a count's ``bin_key`` stands for (none for a key that is not one, or is stale)."""
    parts = key.split(BIN_KEY_SEPARATOR)
    if len(parts) not in (4, 5) or parts[1] not in BIN_PERIODS or (len(parts) == 5) != (parts[0] == OTHER_PARTNERS):
        return []
    partner, unit, period, day = parts[:4]
    lane = set(parts[4].split(",")) if partner == OTHER_PARTNERS else {partner}
    try:
        start = pd.Timestamp(day)
    except ValueError:
        return []
    bins = event_bins(events, unit)
    candidates = events[(bins["period"] == period) & (bins["start"] == start)]
    return [record_id for record_id, codes in zip(candidates["id"], candidates["partners"]) if lane.intersection(codes)]


def _period_words(start: pd.Timestamp, period: str) -> str:
    """A counting period in words: ``week of 3 Mar 2025``, ``Mar 2025``, ``2025 Q1``, ``2025``."""
    if period == "week":
        return f"week of {start.day} {start:%b %Y}"
    if period == "month":
        return f"{start:%b %Y}"
    if period == "quarter":
        return f"{start.year} Q{start.quarter}"
    return f"{start:%Y}"


def _count_hover(lane: str, when: str, precision: str, count: int, titles: list[str]) -> str:
    """A count's hover box: lane, period, how many events (and how precisely their dates are known), the first titles."""
    lines = [
        f"<b>{html.escape(lane)}</b> · {when}",
        f"{count:,} event{'s' if count != 1 else ''}" + (f" {precision}" if precision else ""),
        *(f"• {html.escape(title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1] + '…')}" for title in titles),
    ]
    if count > len(titles):
        lines.append(f"… and {count - len(titles):,} more")
    return "<br>".join(lines)


def count_traces(
    events: pd.DataFrame, lane_table: pd.DataFrame, unit: str, folding: Lanes | None = None
) -> tuple[list[dict], pd.DataFrame]:
    """The traces of a crowded timeline: a circle per lane and period, its area growing with the count.

    Returns:
        (traces, placed): plotly trace dicts (with the legend's entries), and ``lane_table`` with every
        lane one unit tall.
    """
    counts = bin_counts(events, unit, folding)
    placed = lane_table.assign(sub_rows=1, height=1.0, top=np.arange(len(lane_table), dtype=float))
    placed["center"] = placed["top"] + 0.5
    vague = (counts["period"] != unit).to_numpy()
    row = np.where(vague, VAGUE_COUNT_ROW, COUNT_ROW) if vague.any() else 0.5
    counts["y"] = placed["top"].reindex(counts["partner"]).to_numpy() + row
    counts["x"] = counts["start"] + (counts["end"] - counts["start"]) / 2
    smallest, largest = BIN_MARKER_PIXELS
    counts["size"] = (largest * np.sqrt(counts["count"] / counts["count"].max())).clip(lower=smallest).round(1)  # area ∝ count
    lane_labels = placed["label"].to_dict()
    periods, starts = counts["period"].tolist(), counts["start"].tolist()
    words = {(period, start): _period_words(start, period) for period, start in set(zip(periods, starts))}  # a few hundred
    counts["hover"] = [
        _count_hover(lane_labels[partner], words[period, start], PRECISION_WORDS[period] if period != unit else "", count, titles)
        for partner, period, start, count, titles in zip(
            counts["partner"].tolist(), periods, starts, counts["count"].tolist(), counts["titles"]
        )
    ]
    traces = []
    if vague.any():
        bars = counts[vague].rename(columns={"key": "id"})
        # a little short of each end, so that the bars of two neighbouring years do not read as one long bar
        inset = (bars["end"] - bars["start"]) * 0.03
        bars = bars.assign(start=bars["start"] + inset, end=bars["end"] - inset)
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "line": {"color": BIN_COLOR, "width": PERIOD_BAR_PIXELS},
                "opacity": 0.25,
                "hoverinfo": "skip",
                "showlegend": False,
                "name": "vague period",
                **segments(bars),
            }
        )
    for marks, symbol, name in (
        (counts[~vague], "circle", f"events per {unit}"),
        (counts[vague], "circle-open", "events known only to the month or year"),
    ):
        if not marks.empty:
            trace = marker_trace(marks, marks["key"], marks["hover"], symbol, BIN_COLOR, marks["size"].tolist(), name)
            trace["marker"]["opacity"] = 0.85
            traces.append(trace)
    return traces + count_legend_entries(unit, vague.any()), placed


def count_legend_entries(unit: str, vague: bool) -> list[dict]:
    """The legend of the counting timeline: what a circle counts, and (when there are some) the counts of vague dates."""
    entries = [
        legend_entry(
            "legend",
            f"Events of a partner in one {unit} (circle area: how many)",
            mode="markers",
            marker={"symbol": "circle", "color": BIN_COLOR, "size": 11},
        )
    ]
    if vague:
        entries.append(
            legend_entry(
                "legend2",
                "Known only to the month or year: counted over that period, on a lower row",
                mode="lines+markers",
                line={"color": "rgba(58,110,165,0.25)", "width": PERIOD_BAR_PIXELS},
                marker={"symbol": "circle-open", "color": BIN_COLOR, "size": 11, "line": {"width": 2}},
            )
        )
    return entries
