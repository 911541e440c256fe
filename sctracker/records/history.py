"""Record history from the repository: when each record file was added, last edited and removed, and how often edited.

The data live in git, so git already knows each record's history. This module is the one place that asks it
(``_git``): one ``git log --name-status -M`` over the whole history of the events folder (renames followed,
so a renamed record keeps its history), one ``git status`` for what is not committed yet, and, for the
"What's new" page, one ``git cat-file --batch`` for the records as they were at an earlier commit.

Dates are the committer's dates, as days in UTC (a commit made at 23:30 in Seoul is dated the day before).
A record edited in the working tree and not yet committed counts as edited on the file's modification day.

Where the curated folder is not in a git checkout (a copied folder, or git is not installed), every function
raises ``HistoryUnavailable`` with the reason, and the dashboard says that history is unavailable.
``cached_history`` keeps one result per (repository, HEAD commit, state of the events folder); the dashboard
keys its own cache on ``head_state`` (the times of the git folder's HEAD and its log), so a rerun runs no git.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import subprocess
import threading
from pathlib import Path

import pandas as pd

from sctracker import paths
from sctracker.records.folder_scan import folder_fingerprint, stat_key

#: The columns of the history table, one row a record file's life (a file removed and added again is two).
HISTORY_COLUMNS = ("id", "path", "added", "last_edited", "edits", "removed", "uncommitted", "changes")
_SUFFIXES = (".yaml", ".yml")
#: The longest a git command may take before history is reported unavailable.
GIT_TIMEOUT_SECONDS = 60


class HistoryUnavailable(Exception):
    """No history can be read here; the message says why, for people."""


@dataclasses.dataclass(frozen=True)
class Change:
    """One commit's change to a record file: its day, commit ("" when not committed yet), what git says (A, M, R, C or
    D) and the file's path in the repository after it."""

    day: pd.Timestamp
    commit: str
    kind: str
    path: str
    old_path: str = ""  # a rename's or copy's path before it
    similarity: int = 100  # a rename's or copy's similarity (percent): 100 is a move with no edit


@dataclasses.dataclass(frozen=True)
class History:
    """The history of every record file in the events folder of one repository, as of one HEAD commit."""

    repo: Path
    head: str
    records: pd.DataFrame  # HISTORY_COLUMNS

    @property
    def current(self) -> pd.DataFrame:
        """The rows of the records present now."""
        return self.records[self.records["removed"].isna()]

    @property
    def as_of(self) -> dt.date | None:
        """The day of the latest change to the records: an edit or adding of a record present now, or a removal
        (None when there is none)."""
        days = pd.concat([self.current["last_edited"], self.records["removed"]]).dropna()
        return days.max().date() if len(days) else None


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run one git command in ``repo``; its standard output. Every call to git goes through here."""
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},  # no index refresh written by a read
        )
    except FileNotFoundError:
        raise HistoryUnavailable("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise HistoryUnavailable(f"git took longer than {GIT_TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryUnavailable(message[0] if message else f"git {args[0]} failed")
    return done.stdout


def repository(curated_dir: Path) -> tuple[Path, str]:
    """The git checkout holding ``curated_dir`` and its HEAD commit; ``HistoryUnavailable`` when there is none."""
    if not Path(curated_dir).is_dir():
        raise HistoryUnavailable(f"the curated folder {curated_dir} does not exist")
    try:
        top, head = _git(Path(curated_dir), "rev-parse", "--show-toplevel", "HEAD").decode("utf-8").split()
    except HistoryUnavailable as err:
        raise HistoryUnavailable(f"the curated folder is not in a git checkout with commits ({err})") from None
    return Path(top), head


def _events_prefix(repo_dir: Path, curated_dir: Path) -> str:
    """The events folder's path inside the repository, with a trailing slash."""
    events = paths.events_dir(Path(curated_dir)).resolve()
    try:
        return events.relative_to(Path(repo_dir).resolve()).as_posix().rstrip("/") + "/"
    except ValueError:
        raise HistoryUnavailable(f"the events folder {events} is not inside the repository {repo_dir}") from None


def _is_record(path: str, prefix: str) -> bool:
    return path.startswith(prefix) and "/" not in path[len(prefix) :] and path.endswith(_SUFFIXES)


def _day(stamp: str) -> pd.Timestamp:
    return pd.Timestamp(stamp).tz_convert("UTC").tz_localize(None).normalize().as_unit("s")


def _log_changes(repo_dir: Path, prefix: str) -> list[Change]:
    """Every committed change to a record file, oldest first: one ``git log`` over the whole history."""
    out = _git(repo_dir, "log", "--reverse", "--no-merges", "-M", "--name-status", "-z", "--format=%x1e%H%x1f%cI", "--", prefix)
    changes: list[Change] = []
    for chunk in out.decode("utf-8", "surrogateescape").split("\x1e")[1:]:
        header, _, body = chunk.partition("\0")
        commit, stamp = header.strip().split("\x1f")
        day = _day(stamp)
        tokens = [token for token in body.lstrip("\n").split("\0") if token]
        index = 0
        while index < len(tokens):
            kind = tokens[index]
            if kind[0] in "RC":
                changes.append(Change(day, commit, kind[0], tokens[index + 2], tokens[index + 1], int(kind[1:] or 100)))
                index += 3
            else:
                changes.append(Change(day, commit, kind[0], tokens[index + 1]))
                index += 2
    return changes


def _uncommitted(repo_dir: Path, prefix: str) -> list[Change]:
    """What the working tree holds that HEAD does not: new (A), edited (M) and deleted (D) record files, dated by
    the file's modification day (today for a deleted file)."""
    out = _git(repo_dir, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", prefix)
    changes = []
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if "D" in code:
            kind, day = "D", pd.Timestamp(dt.datetime.now(dt.UTC).date())
        else:
            kind = "A" if code in ("??", "A ", "AM") else "M"
            try:
                modified = (Path(repo_dir) / path).stat().st_mtime
            except OSError:
                continue
            day = pd.Timestamp(dt.datetime.fromtimestamp(modified, dt.UTC).date())
        changes.append(Change(day.as_unit("s"), "", kind, path))
    return changes


def record_history(repo_dir: Path, curated_dir: Path) -> pd.DataFrame:
    """Each record file's life in the repository: added, last edited, edits, removed, and every change.

    Args:
        repo_dir: the git checkout (``repository``).
        curated_dir: the curated folder inside it; its ``events/`` folder's files are the records.

    Returns:
        One row a record file's life (``HISTORY_COLUMNS``): ``id`` (the file name without suffix, now or when
        removed), ``path`` (inside the repository), ``added``, ``last_edited`` (days, as Timestamps; an added file is
        also last edited that day), ``edits`` (commits that changed it after it was added; a rename with no change is
        none), ``removed`` (NaT while it exists), ``uncommitted`` (the working tree differs from HEAD) and ``changes``
        (``Change``, oldest first). Renamed files keep their history.
    """
    prefix = _events_prefix(repo_dir, curated_dir)
    live: dict[str, dict] = {}  # path -> the life of the file now at that path
    ended: list[dict] = []
    for change in [*_log_changes(repo_dir, prefix), *_uncommitted(repo_dir, prefix)]:
        if change.kind in "RC":
            old = change.old_path
            life = live.pop(old, None) if change.kind == "R" and _is_record(old, prefix) else None
            if not _is_record(change.path, prefix):
                if life is not None:  # moved out of the events folder: no longer a record
                    life["removed"] = change.day
                    life["changes"].append(dataclasses.replace(change, kind="D", path=old))
                    ended.append(life)
                continue
            if life is None:  # copied, or moved in from elsewhere: a new record
                change = dataclasses.replace(change, kind="A")
            else:  # the record keeps its life under its new name; a rename with changes is also an edit
                live[change.path] = life
                change = dataclasses.replace(change, kind="R" if change.similarity == 100 else "M")
        if not _is_record(change.path, prefix):
            continue
        if change.kind == "A":
            if change.path in live:  # added again without a removal we saw: the earlier life ends here
                ended.append(live.pop(change.path))
            live[change.path] = {"added": change.day, "last_edited": change.day, "edits": 0, "removed": pd.NaT, "changes": [change]}
            continue
        life = live.get(change.path)
        if life is None:  # a change to a file whose adding the log does not show (a shallow clone): it starts here
            life = live[change.path] = {"added": change.day, "last_edited": change.day, "edits": 0, "removed": pd.NaT, "changes": []}
        life["changes"].append(change)
        if change.kind == "D":
            life["removed"] = change.day
            ended.append(live.pop(change.path))
        elif change.kind == "M":
            life["edits"] += 1
            life["last_edited"] = change.day
    rows = []
    for life in [*ended, *live.values()]:
        last = life["changes"][-1]
        rows.append(
            {
                "id": last.path.rpartition("/")[2].rpartition(".")[0],  # str, not Path: 10,000 Paths took 0.6 s
                "path": last.path,
                "added": life["added"],
                "last_edited": life["last_edited"],
                "edits": life["edits"],
                "removed": life["removed"],
                "uncommitted": any(not change.commit for change in life["changes"]),
                "changes": life["changes"],
            }
        )
    table = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
    for column in ("added", "last_edited", "removed"):
        table[column] = pd.to_datetime(table[column]).astype("datetime64[s]")
    table["edits"] = table["edits"].astype("int64")
    table["uncommitted"] = table["uncommitted"].astype(bool)
    return table.sort_values(["added", "id"], kind="stable").reset_index(drop=True)


_CACHE: dict[tuple, History] = {}
_CACHE_LOCK = threading.Lock()
#: Histories kept in memory (a few curated folders at once, as the dashboard's loader keeps).
_CACHE_SIZE = 4


def cached_history(curated_dir: Path, state: str | None = None) -> History:
    """The history of ``curated_dir``'s records, read once per HEAD commit and state of the events folder.

    Args:
        curated_dir: the curated folder.
        state: a digest of the events folder's files as they are now (the dashboard passes the one it already has);
            None: taken here (``records.cache.folder_fingerprint``, a stat of every file).

    Raises:
        HistoryUnavailable: not a git checkout, or git is not installed.
    """
    repo, head = repository(curated_dir)
    if state is None:
        state = folder_fingerprint(paths.events_dir(Path(curated_dir)))[0]
    key = (str(repo), str(Path(curated_dir).resolve()), head, state)
    with _CACHE_LOCK:
        known = _CACHE.get(key)
    if known is not None:
        return known
    history = History(repo, head, record_history(repo, curated_dir))
    with _CACHE_LOCK:
        while len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = history
    return history


def versions_at(repo_dir: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """Files as they were at given commits, in one ``git cat-file --batch``: (commit, path) -> text (None if missing)."""
    if not wanted:
        return {}
    out = _git(repo_dir, "cat-file", "--batch", stdin="".join(f"{commit}:{path}\n" for commit, path in wanted).encode("utf-8"))
    texts: dict[tuple[str, str], str | None] = {}
    position = 0
    for item in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) == 2 and header[1] == b"missing":
            texts[item] = None
            continue
        size = int(header[2])
        texts[item] = out[position : position + size].decode("utf-8-sig", "replace")
        position += size + 1
    return texts


@functools.lru_cache(maxsize=16)
def _git_dir(curated_dir: Path) -> Path | None:
    """The git folder of the checkout holding ``curated_dir`` (a worktree's own); None where there is none. Asked once."""
    try:
        return Path(_git(Path(curated_dir), "rev-parse", "--absolute-git-dir").decode("utf-8").strip())
    except HistoryUnavailable:
        return None


def head_state(curated_dir: Path) -> str | None:
    """Something that changes whenever the checkout's HEAD moves (a commit, checkout, merge or reset), cheap enough for
    every rerun: the size and times of the git folder's ``HEAD`` and its log, no git command. None where there is no
    checkout."""
    git_dir = _git_dir(Path(curated_dir))
    if git_dir is None:
        return None
    parts = []
    for name in ("HEAD", "logs/HEAD"):
        try:
            parts.append(str(stat_key((git_dir / name).stat())))
        except OSError:
            parts.append("-")
    if parts[1] == "-":  # no log of HEAD (core.logAllRefUpdates off): ask git
        return current_head(curated_dir)
    return " ".join(parts)


def current_head(curated_dir: Path) -> str | None:
    """The HEAD commit of the checkout holding ``curated_dir``; None where there is none. One ``git rev-parse``."""
    try:
        return repository(curated_dir)[1]
    except HistoryUnavailable:
        return None


def with_history(events: pd.DataFrame, history: History) -> pd.DataFrame:
    """A copy of the events table with its ``added`` and ``last_edited`` columns from ``history``."""
    current = history.current.drop_duplicates("id", keep="last").set_index("id")
    events = events.copy()
    for column in ("added", "last_edited"):
        events[column] = events["id"].map(current[column]).astype("datetime64[s]")
    return events
