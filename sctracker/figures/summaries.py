"""Every chart in words, defined once: what a screen reader or a speaker would say about it, and the one line a
slide puts above it.

Each chart has one pure function here (an events table, the vocabularies and what the chart draws in; a
``ChartText`` out), counting with the same builders the chart uses, so the words cannot disagree with the
picture. The briefing deck uses the takeaway as a chart slide's title and the summary as its speaker notes;
pages can give the summary to screen readers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

import pandas as pd

from sctracker.figures.partner_map.counts import partner_table, unlinked_partners
from sctracker.figures.sectors.grid import Grid
from sctracker.figures.timeline.layout import events_span_label
from sctracker.figures.timeline.monthly import monthly_counts, period_label
from sctracker.query.lists import flatten_lists
from sctracker.query.words import join_words, plural
from sctracker.records.dates import today
from sctracker.records.model import STATUS_LABELS
from sctracker.records.vocabularies import Vocabularies

#: "In the last N days": how recent an event must be to count as recent in a takeaway.
RECENT_DAYS = 30
#: How many leaders a summary names (the rest are counted, not named).
NAMED_LEADERS = 3
#: Words in a partner's name that take "the" before it: the European Union, the United States, the Czech Republic.
_ARTICLE_WORDS = {"union", "states", "kingdom", "republic", "emirates", "islands", "netherlands", "philippines", "caribbean"}


@dataclasses.dataclass(frozen=True)
class ChartText:
    """A chart in words: ``summary`` (a few sentences with its numbers) and ``takeaway`` (one line, for a slide title)."""

    summary: str
    takeaway: str


def with_article(name: str) -> str:
    """A partner's name as it reads in a sentence: ``the European Union``, ``the United States``, ``Canada``.

    Names ending a group of places (``Latin America and the Caribbean``) already hold their article.
    """
    words = name.lower().replace(",", " ").split()
    if not words or " the " in f" {name.lower()} ":
        return name
    return f"the {name}" if words[-1] in _ARTICLE_WORDS or words[0] == "united" else name


def sentence_start(text: str) -> str:
    """Text with its first letter capitalized (``the European Union`` -> ``The European Union``)."""
    return text[:1].upper() + text[1:]


def recent(events: pd.DataFrame, on: dt.date, days: int = RECENT_DAYS) -> pd.Series:
    """Which events are known to fall in the ``days`` days up to and including ``on``: an event known only to
    its month or year counts only when that whole period lies inside."""
    start = pd.Timestamp(on) - pd.Timedelta(days=days - 1)
    return (events["date"] >= start) & (events["period_end"] <= pd.Timestamp(on))


def _sort_name(name: str) -> str:
    return name.lower().removeprefix("the ")


def _leaders(counts: Counter | dict[str, int]) -> list[tuple[str, int]]:
    """Items with their counts, most first, then by name (an article aside)."""
    return sorted(counts.items(), key=lambda item: (-item[1], _sort_name(item[0])))


def _tied_first(ranked: list[tuple[str, int]]) -> list[str]:
    """The items that share the highest count."""
    return [name for name, count in ranked if count == ranked[0][1]] if ranked else []


def _named(ranked: list[tuple[str, int]], limit: int = NAMED_LEADERS) -> str:
    """``the European Union (6), Canada (4), Italy (4) and 3 more``."""
    shown = [f"{name} ({count:,})" for name, count in ranked[:limit]]
    if len(ranked) > limit:
        shown.append(f"{len(ranked) - limit:,} more")
    return join_words(shown)


def _tied(names: list[str], noun: str) -> str:
    """Names that tie for first, named when few (``Canada and France``), else counted (``4 partners``)."""
    return join_words(names) if len(names) <= NAMED_LEADERS else f"{len(names):,} {noun}"


def _status_words(events: pd.DataFrame) -> str:
    """``3 held, 2 announced and 1 planned``, in the statuses' own order."""
    counts = events["status"].value_counts()
    return join_words([f"{counts[status]:,} {STATUS_LABELS[status].lower()}" for status in STATUS_LABELS if status in counts])


def _partner_pairs(events: pd.DataFrame) -> list[tuple[int, str]]:
    """Each (event position, partner code) once: the timeline's lanes and the map count an event once a partner."""
    positions, codes = flatten_lists(events["partners"].tolist())
    return list(dict.fromkeys(zip(positions.tolist(), codes)))


def timeline_text(events: pd.DataFrame, vocab: Vocabularies, on: dt.date | None = None) -> ChartText:
    """The timeline (events in their partners' lanes over time) in words.

    Takeaway: the partner with the most events and how many of them fall in the last ``RECENT_DAYS`` days
    ("The European Union: 6 events, 2 in the last 30 days"); when none does, the date of its latest event
    ("…, the latest on 22 Jan 2026").

    Args:
        events: the filtered events.
        vocab: partner names.
        on: the day the briefing is made (default today).
    """
    if events.empty:
        return ChartText("Events by partner over time: no events match the filters.", "No events match the filters")
    on = on or today()
    pairs = _partner_pairs(events)
    name = {code: with_article(vocab.partner_name(code)) for code in {code for _, code in pairs}}
    per_partner = Counter(code for _, code in pairs)
    ranked = sorted(per_partner.items(), key=lambda item: (-item[1], _sort_name(name[item[0]])))
    named = [(name[code], count) for code, count in ranked]
    summary = (
        f"Events by partner over time: {plural(len(events), 'event')} with {plural(len(ranked), 'partner')}, "
        f"{events_span_label(events)}, one lane per partner. Most events: {_named(named)}. "
        f"By status: {_status_words(events)}."
    )
    vague = int(events["date_precision"].isin(["month", "year"]).sum())
    done_by = int((events["date_precision"] == "on_or_before").sum())
    if vague:
        summary += f" {plural(vague, 'event')} {'is' if vague == 1 else 'are'} known only to the month or year."
    if done_by:
        summary += f" {plural(done_by, 'event')} {'is' if done_by == 1 else 'are'} known only to have happened by a date."
    leaders = _tied_first(named)
    if len(leaders) > 1:
        return ChartText(summary, f"{sentence_start(_tied(leaders, 'partners'))}: {plural(named[0][1], 'event')} each")
    leader = ranked[0][0]
    theirs = events.iloc[sorted(position for position, code in pairs if code == leader)]
    recent_count = int(recent(theirs, on).sum())
    past = theirs[theirs["period_end"] <= pd.Timestamp(on)]
    if recent_count:
        when = f"{recent_count:,} in the last {RECENT_DAYS} days"
    elif past.empty:  # all still ahead (planned, announced)
        when = f"none in the last {RECENT_DAYS} days"
    else:  # none lately: when the latest was says more
        when = f"the latest on {past.iloc[-1]['date_label']}"
    return ChartText(summary, f"{sentence_start(name[leader])}: {plural(named[0][1], 'event')}, {when}")


def monthly_text(events: pd.DataFrame, vocab: Vocabularies) -> ChartText:
    """The events-per-month chart (stacked by event type; per quarter or year over a long span) in words; its counts
    are ``monthly_counts``'s.

    Takeaway: the busiest month (or months, when they tie).
    """
    counts, year_only = monthly_counts(events, vocab.event_types.index)
    left_out = f" Not counted: {plural(len(year_only), 'event')} known only to the year." if len(year_only) else ""
    if counts.empty:
        return ChartText(
            "Events per month by type: no event with a known month matches the filters." + left_out, "No events with a known month"
        )
    period = counts.index.name
    per_period = counts.sum(axis=1)
    per_period = per_period[per_period > 0]
    counted = int(per_period.sum())
    types = _leaders({vocab.event_types.at[code, "label"]: int(total) for code, total in counts.sum().items() if total})
    ranked = sorted(per_period.items(), key=lambda item: (-item[1], item[0]))
    busiest = [start for start, total in ranked if total == ranked[0][1]]
    first, last = (period_label(start, period) for start in (counts.index[0], counts.index[-1]))
    span = first if len(counts) == 1 else f"{first} – {last}"
    named = [period_label(start, period) for start in busiest]
    summary = (
        f"Events per {period} by type, {span}: {plural(counted, 'event')} in {plural(len(per_period), period)} with events. "
        f"Busiest: {_tied(named, period + 's')} ({plural(int(ranked[0][1]), 'event')}"
        f"{' each' if len(busiest) > 1 else ''}). Most common types: {_named(types)}.{left_out}"
    )
    top = int(ranked[0][1])
    if len(busiest) == 1:
        takeaway = f"Busiest {period}: {named[0]}, with {top:,} of {counted:,} events"
    elif len(busiest) <= NAMED_LEADERS:
        takeaway = f"Busiest {period}s: {join_words(named)}, {plural(top, 'event')} each"
    else:
        takeaway = f"{len(busiest):,} {period}s tie as busiest, with {plural(top, 'event')} each"
    return ChartText(summary, takeaway)


def _row_events(grid: Grid) -> dict[str, set[str]]:
    """The events each row of a grid counts, each once."""
    found: dict[str, set[str]] = {}
    for row, ids in zip(grid.cells["row"], grid.cells["event_ids"]):
        found.setdefault(row, set()).update(ids)
    return found


def _column_events(grid: Grid) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for column, ids in zip(grid.cells["column"], grid.cells["event_ids"]):
        found.setdefault(column, set()).update(ids)
    return found


def _uncounted(grid: Grid, events: pd.DataFrame) -> str:
    missing = len(events) - len(grid.event_ids)
    return f" {plural(missing, 'event')} in view {'tags' if missing == 1 else 'tag'} none of these sectors." if missing else ""


def partner_sector_text(grid: Grid, events: pd.DataFrame) -> ChartText:
    """The partners-by-sector grid in words, from every row of it: ``BuiltView.matrix``, not the drawn grid, whose
    last row may pool the partners with fewest events.

    Takeaway: the sector with the most partners ("Batteries: 4 of 12 partners"); with one partner in view,
    that partner's leading sector.
    """
    if grid.cells.empty:
        return ChartText("Events by partner and sector: no event in view is tagged with these sectors.", "No events in these sectors")
    partners = _leaders({with_article(grid.rows[row]): len(ids) for row, ids in _row_events(grid).items()})
    by_column = _column_events(grid)
    sectors = _leaders({grid.columns[column]: count for column, count in Counter(grid.cells["column"]).items()})
    sector_events = _leaders({grid.columns[column]: len(ids) for column, ids in by_column.items()})
    summary = (
        f"Events by partner and sector: {plural(len(grid.event_ids), 'event')} with {plural(len(partners), 'partner')} "
        f"in {plural(len(by_column), 'sector')}; an event counts in each of its partners and sectors. Most events: {_named(partners)}. "
        + (f"Most partners: {_named(sectors)}. " if len(partners) > 1 else "")
        + f"Most events in a sector: {_named(sector_events)}.{_uncounted(grid, events)}"
    )
    if len(partners) == 1:
        name, total = partners[0]
        top = _tied(_tied_first(sector_events), "sectors")
        return ChartText(summary, f"{sentence_start(name)}: most events in {top} ({sector_events[0][1]:,} of {total:,})")
    top = _tied_first(sectors)
    each = " each" if len(top) > 1 else ""
    return ChartText(summary, f"{sentence_start(_tied(top, 'sectors'))}: {sectors[0][1]:,} of {len(partners):,} partners{each}")


def sector_time_text(grid: Grid, events: pd.DataFrame) -> ChartText:
    """The sectors-over-time grid (sectors by year or quarter) in words, from the grid as drawn.

    Takeaway: the sector with the most events and the period it peaked in.
    """
    period = grid.column_title.lower()
    if grid.cells.empty:
        return ChartText(f"Events by sector and {period}: no event in view is tagged with these sectors.", "No events in these sectors")
    sectors = _leaders({grid.rows[row]: len(ids) for row, ids in _row_events(grid).items()})
    periods = _leaders({grid.columns[column]: len(ids) for column, ids in _column_events(grid).items()})
    columns = list(grid.columns.values())
    span = f"in {columns[0]}" if len(columns) == 1 else f"{columns[0]} to {columns[-1]}"
    summary = (
        f"Events by sector and {period}, {span}: {plural(len(grid.event_ids), 'event')} in {plural(len(sectors), 'sector')}, "
        f"each counted in the {period} it starts and in each of its sectors. Most events: {_named(sectors)}."
        + (f" Busiest {period}s: {_named(periods)}." if len(periods) > 1 else "")
        + _uncounted(grid, events)
    )
    top = _tied_first(sectors)
    if len(top) > 1:
        return ChartText(summary, f"{sentence_start(_tied(top, 'sectors'))}: {plural(sectors[0][1], 'event')} each")
    label, total = sectors[0]
    row = next(key for key, name in grid.rows.items() if name == label)
    cells = grid.cells[grid.cells["row"] == row]
    peak = int(cells["count"].max())
    peaks = [grid.columns[column] for column in cells.loc[cells["count"] == peak, "column"]]
    share = "all" if peak == total else f"{peak:,}"
    when = f"at most {peak:,} a {period}" if len(peaks) > 1 else f"{share} in {peaks[0]}"
    return ChartText(summary, f"{label}: {plural(total, 'event')}, {when}")


def partner_map_text(events: pd.DataFrame, vocab: Vocabularies, table: pd.DataFrame | None = None) -> ChartText:
    """The partner map (partners coloured by their number of events) in words; its counts are ``partner_table``'s.

    Takeaway: the region with the most partners, and its events ("Europe: 5 of 12 partners, 11 events");
    with one partner in view, that partner and its count.
    """
    table = partner_table(events, vocab) if table is None else table
    if table.empty:
        return ChartText("Partner map: no events match the filters, so no partner is coloured.", "No partners in view")
    ranked = [(with_article(name), int(count)) for name, count in zip(table["name"], table["events"])]
    regions = vocab.partners["region"]
    region_of = {code: regions.get(code) or "Elsewhere" for code in table["code"]}
    region_partners = Counter(region_of.values())
    # an event with two partners of one region counts once for the region
    region_events = Counter(region for _, region in {(position, region_of.get(code)) for position, code in _partner_pairs(events)})
    summary = (
        f"Partner map: {plural(len(table), 'partner')}, coloured by their number of events (an event with several "
        "partners counts for each; an event with a group counts for the group, whose members are shaded in its colour, "
        "with dashed borders, and whose line from Seoul is dashed). "
        f"Most events: {_named(ranked)}. By region: "
        + join_words([f"{region} {plural(count, 'partner')}" for region, count in _leaders(region_partners)])
        + "."
    )
    if unlinked := len(unlinked_partners(table)):
        summary += f" Lines from Seoul run only to the {plural(len(table) - unlinked, 'partner')} with most events."
    if len(table) == 1:
        name, count = ranked[0]
        return ChartText(summary, f"One partner in view: {name}, {plural(count, 'event')}")
    region, partners = min(region_partners.items(), key=lambda item: (-item[1], -region_events[item[0]], item[0]))
    return ChartText(summary, f"{region}: {partners:,} of {len(table):,} partners, {plural(region_events[region], 'event')}")
