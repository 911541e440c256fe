"""What one load leaves for the next in the same process, so that a running server shows a curator's change
to one record of a large corpus at once.

``load(..., previous=dataset)`` given a dataset loaded in the same context (vocabularies, sources, this code:
``cache.context_key``) takes each unchanged file's result from it rather than from the disk cache, keeps its
checks (and the quote matches they have already worked out), and updates its events table in place of making
it again: the rows of changed or removed files out, those of new or changed files in. At 50,000 records,
decoding the disk cache, making the table and writing the cache again took about nine tenths of a load.

The disk cache is then written again only once ``REWRITE_AFTER`` files have been read since it last was: each of
its entries is checked against its file's size and times, so a stale one is never used, and a fresh process
reads those few files again, which costs far less than writing the whole cache after every edit.
"""

from __future__ import annotations

import bisect
import dataclasses

import numpy as np
import pandas as pd

from sctracker.records.cache import FileResult
from sctracker.records.events_table import events_frame
from sctracker.records.problems import Problem
from sctracker.records.rules import Checks

#: Files read since the disk cache was last written past which it is written again.
REWRITE_AFTER = 200
#: Up to this many rows in or out (or a tenth of the table, if more), the events table is updated; past it, made again.
UPDATE_UP_TO = 1_000


@dataclasses.dataclass(frozen=True)
class LoadMemory:
    """What a load found, for the next load in the same process (``Dataset.memory``)."""

    context: str  # the context it was made in (``cache.context_key``): reused only in the same one
    context_problems: tuple[Problem, ...]  # of the vocabularies and sources
    sources: pd.DataFrame
    checks: Checks  # and through it the vocabularies
    files: dict[str, tuple[tuple[int, int, int], FileResult]]  # path -> (stat key, result), as the disk cache holds them
    shown: dict[str, FileResult]  # display path -> the result behind each row of ``events``
    events: pd.DataFrame  # the events table as loaded (before any history is attached)
    unsaved: int  # files read since the disk cache was last written


def updated_events(memory: LoadMemory, shown: dict[str, FileResult]) -> pd.DataFrame:
    """The events table of the results ``shown`` (display path -> result), from the one ``memory`` holds.

    A row whose result is the very object it was made from stays; the others go out and the new ones come in,
    each put where ``events_table.events_frame``'s sort by date, then id, would put it (ids are unique, so the
    order is the same). Sorting the whole table again took a quarter of a second at 50,000 records.
    """
    removed = [display for display, result in memory.shown.items() if shown.get(display) is not result]
    added = [result.row for display, result in shown.items() if memory.shown.get(display) is not result]
    if not removed and not added:
        return memory.events
    if len(removed) + len(added) > max(UPDATE_UP_TO, len(shown) // 10):
        return events_frame([result.row for result in shown.values()])
    kept = ~memory.events["path"].isin(removed).to_numpy() if removed else None
    return _merged(memory.events, kept, events_frame(added) if added else None)


def _merged(events: pd.DataFrame, kept: np.ndarray | None, new: pd.DataFrame | None) -> pd.DataFrame:
    """The ``kept`` rows of ``events`` (all if None) and the rows of ``new`` (none if None), each table sorted by
    date, then id, as one table sorted the same way (``new`` is short).

    Column by column in numpy: pandas' own filter, concat and take copied the table three times, a tenth of a
    second each at 50,000 rows.
    """
    columns = {name: events[name].to_numpy() for name in events.columns}
    if kept is not None:
        columns = {name: values[kept] for name, values in columns.items()}
    if new is not None:
        dates, ids = columns["date"], columns["id"]
        places = []
        for date, event_id in zip(new["date"].to_numpy(), new["id"], strict=True):
            first, last = np.searchsorted(dates, date, side="left"), np.searchsorted(dates, date, side="right")
            places.append(first + bisect.bisect_left(ids[first:last].tolist(), event_id))
        columns = {name: np.insert(values, places, new[name].to_numpy()) for name, values in columns.items()}
    # each column keeps its type: pandas would take a column of strings for its own text type
    return pd.DataFrame({name: pd.Series(values, dtype=events[name].dtype, copy=False) for name, values in columns.items()})
