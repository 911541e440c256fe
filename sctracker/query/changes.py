"""What changed since a day: the records added, edited and removed, each with what changed in words.

The history (``records.history``) says which record files changed and when; what changed is found by reading
each edited or removed record as it was at its last commit before the day (one ``git cat-file``) and comparing
it with the record now, field by field over the record model's fields: "new partner Japan", "date corrected:
3 Dec 2025 → 4 Dec 2025", "status planned → held", "quote added". The shared filters apply: an added or edited
record is listed when it matches them now, a removed one when it matched them as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import yaml
from pydantic import ValidationError

from sctracker.query.filters import Filters, apply_filters
from sctracker.query.words import join_words, plural
from sctracker.records.dates import format_event_date
from sctracker.records.events_table import event_row, events_frame
from sctracker.records.history import HistoryUnavailable, versions_at
from sctracker.records.load import Dataset
from sctracker.records.model import Event
from sctracker.records.rules import Checks
from sctracker.records.yaml_reader import NeedsFullRead, quick_read

#: The changes table's columns, as the page shows them and the CSV writes them.
CHANGE_COLUMNS = ("Change", "Changed on", "Title", "Date", "Partners", "What changed", "Link", "Record id")
#: How each kind of change is named, in the order the table lists them.
KINDS = ("Added", "Edited", "Removed")


def _parse(text: str | None) -> dict | None:
    """A record's YAML text as data (the safe loader only); None when it is missing or is not a mapping."""
    if text is None:
        return None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader only
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _normalized(data: dict) -> dict:
    """A record as the model reads it (dates as dates, defaults filled in); as written when the model refuses it
    (a record older than the contract, or one with a mistake)."""
    try:
        return Event.model_validate(data).model_dump()
    except ValidationError:
        return data


def _date_words(record: dict) -> str:
    try:
        start = record["date"] if isinstance(record["date"], dt.date) else dt.date.fromisoformat(str(record["date"]))
        end = record.get("end_date")
        end = end if isinstance(end, dt.date) or end is None else dt.date.fromisoformat(str(end))
        return format_event_date(start, record.get("date_precision", "day"), end)
    except (KeyError, ValueError, TypeError):
        return str(record.get("date", "?"))


def _names(codes: list, name_of) -> str:
    return join_words([name_of(code) for code in codes])


def _listed(old: list, new: list, what: str, name_of=str) -> list[str]:
    """'new partner Japan', 'sector removed: Batteries' for codes in one list and not the other."""
    added = [code for code in new if code not in old]
    removed = [code for code in old if code not in new]
    words = []
    if added:
        words.append(f"new {what} {_names(added, name_of)}")
    if removed:
        words.append(f"{what} removed: {_names(removed, name_of)}")
    return words


def _counted(old: list, new: list, noun: str) -> list[str]:
    """'2 quotes added', 'quote removed' for items in one list and not the other."""
    added = sum(1 for item in new if item not in old)
    removed = sum(1 for item in old if item not in new)
    words = []
    for count, verb in ((added, "added"), (removed, "removed")):
        if count:
            words.append(f"{plural(count, noun) if count > 1 else noun} {verb}")
    if not words and old != new:
        words.append(f"{noun}s reordered")
    return words


def change_words(old: dict, new: dict, checks: Checks) -> str:
    """What changed between two versions of a record, in words, field by field over the record model's fields.

    Args:
        old, new: the record's data (YAML read as is); each read through the model when it validates.
        checks: for partner, sector and type names.

    Returns:
        The changes joined with '; ' ("new partner Japan; status planned → held; quote added"); "no change to the
        record's fields" when only formatting or comments changed.
    """
    old, new = _normalized(old), _normalized(new)
    words: list[str] = []
    dated = False
    for field in Event.model_fields:
        before, after = old.get(field), new.get(field)
        if before == after:
            continue
        if field in ("date", "end_date", "date_precision"):
            if not dated:
                words.append(f"date corrected: {_date_words(old)} → {_date_words(new)}")
                dated = True
        elif field == "status":
            words.append(f"status {before} → {after}".replace("_", " "))
        elif field == "event_type":
            words.append(f"type {checks.type_labels.get(before, before)} → {checks.type_labels.get(after, after)}")
        elif field == "partners":
            words += _listed(before or [], after or [], "partner", checks.partner_name)
        elif field == "sectors":
            words += _listed(before or [], after or [], "sector", lambda code: checks.sector_labels.get(code, code))
        elif field == "sources":
            quotes_before = [(ref.get("source"), ref.get("quote")) for ref in before or [] if isinstance(ref, dict)]
            quotes_after = [(ref.get("source"), ref.get("quote")) for ref in after or [] if isinstance(ref, dict)]
            cited_before = {source for source, _ in quotes_before}
            words += _listed(sorted(cited_before), sorted({source for source, _ in quotes_after}), "source")
            words += _counted(quotes_before, quotes_after, "quote")
        elif field in ("participants", "figures", "milestones"):
            words += _counted(
                before or [], after or [], {"participants": "participant", "figures": "figure", "milestones": "milestone"}[field]
            )
        elif field == "date_inferred":
            words.append("date now inferred" if after else "date no longer inferred")
        elif field in ("summary", "title"):
            words.append(f"{field} reworded")
        elif field == "related":
            words.append("related records changed")
        elif field == "location":
            words.append("place changed")
        elif field == "id":
            words.append(f"id {before} → {after}")
        else:
            words.append(f"{field.replace('_', ' ')} changed")
    return "; ".join(words) or "no change to the record's fields (layout or comments only)"


def _old_rows(dataset: Dataset, records: dict[str, dict], checks: Checks) -> pd.DataFrame:
    """Records as they were, as events-table rows (for the filters); those the model or checks refuse are left out."""
    rows = []
    for record_id, data in records.items():
        try:
            rows.append(event_row(Event.model_validate(data), record_id, checks))
        except (ValidationError, KeyError, ValueError, TypeError):  # a vocabulary entry since removed, an older contract
            continue
    return events_frame(rows) if rows else dataset.events.iloc[0:0]


def changes_since(dataset: Dataset, since: dt.date, filters: Filters | None = None, link_base: str = "./") -> pd.DataFrame:
    """The records added, edited and removed on or after ``since``, each with what changed, for the view's filters.

    Args:
        dataset: with its history (``records.load.attach_history``).
        since: the first day counted.
        filters: the shared filters (None: none).
        link_base: what a record's permalink starts with (the dashboard's address; a link is ``<base>?record=<id>``).

    Returns:
        ``CHANGE_COLUMNS``: added first, then edited, then removed, each latest first.

    Raises:
        HistoryUnavailable: the dataset has no history.
    """
    history = dataset.history
    if history is None:
        raise HistoryUnavailable(dataset.history_unavailable or "the records' history was not read")
    day = pd.Timestamp(since)
    lives = history.records
    added = lives[lives["removed"].isna() & (lives["added"] >= day)]
    edited = lives[lives["removed"].isna() & (lives["added"] < day) & (lives["last_edited"] >= day)]
    removed = lives[lives["removed"].notna() & (lives["removed"] >= day) & (lives["added"] < day)]

    # each edited or removed record as it was at its last change before the day: one git call for them all
    before = {}
    for life in [*edited.itertuples(), *removed.itertuples()]:
        committed = [change for change in life.changes if change.commit and change.day < day and change.kind != "D"]
        if committed:  # else no earlier version to compare with (the file was never committed before the day)
            before[life.id] = (committed[-1].commit, committed[-1].path)
    texts = versions_at(history.repo, list(before.values()))
    old = {record_id: _parse(texts[place]) for record_id, place in before.items()}

    filters = filters or Filters()
    events = dataset.events
    shown = events if filters.is_empty else apply_filters(events, filters)
    changed = shown[shown["id"].isin(set(added["id"]) | set(edited["id"]))]  # rows of the changed records only: cheap at 50,000
    rows_by_id = {row["id"]: row for row in changed[["id", "title", "date_label", "partner_names"]].to_dict("records")}
    checks = Checks.of(dataset.vocab, dataset.sources)
    gone = {life.id: old[life.id] for life in removed.itertuples() if old.get(life.id) is not None}
    old_rows = _old_rows(dataset, gone, checks)
    unfilterable = set(removed["id"]) - set(old_rows["id"])  # cannot be tested against the filters: listed whatever they are
    removed_shown = set(apply_filters(old_rows, filters)["id"]) | unfilterable

    def link(record_id: str) -> str:
        return f"{link_base}?record={record_id}"

    table = []
    for kind, lives_of_kind, when in (("Added", added, "added"), ("Edited", edited, "last_edited"), ("Removed", removed, "removed")):
        for life in lives_of_kind.sort_values(when, ascending=False, kind="stable").itertuples():
            changed_on = getattr(life, when).date()
            if kind == "Removed":
                if life.id not in removed_shown:
                    continue
                record = _normalized(old.get(life.id) or {})
                partners = [checks.partner_name(code) for code in record.get("partners") or []]
                date = _date_words(record) if record else ""
                table.append((kind, changed_on, record.get("title", ""), date, partners, "record removed", "", life.id))
                continue
            row = rows_by_id.get(life.id)
            if row is None:  # filtered out, or the file holds a record that is rejected now
                continue
            words = "new record" if kind == "Added" else change_words(old.get(life.id) or {}, _current(history.repo / life.path), checks)
            if life.uncommitted:
                words += " (not yet committed)"
            table.append((kind, changed_on, row["title"], row["date_label"], row["partner_names"], words, link(life.id), life.id))
    return pd.DataFrame(table, columns=list(CHANGE_COLUMNS))


def _current(path: Path) -> dict:
    """A record file as it is now, as data ({} when it cannot be read the quick way)."""
    try:
        data = quick_read(path)
    except NeedsFullRead:
        return {}
    return data if isinstance(data, dict) else {}


def quick_days(today: dt.date) -> dict[str, dt.date]:
    """The quick choices of the first day counted, as the page offers them: label -> day."""
    last_monday = today - dt.timedelta(days=today.weekday() or 7)  # on a Monday, the Monday before
    return {
        "7 days ago": today - dt.timedelta(days=7),
        "Since last Monday": last_monday,
        "30 days ago": today - dt.timedelta(days=30),
    }


def change_counts(changes: pd.DataFrame) -> str:
    """'2 added · 5 edited · 1 removed' (kinds with none left out); 'no changes' when there are none."""
    counts = changes["Change"].value_counts()
    parts = [f"{counts[kind]} {kind.lower()}" for kind in KINDS if kind in counts]
    return " · ".join(parts) or "no changes"
