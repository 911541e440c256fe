"""The loader's disk cache: each record file's checked result, kept between runs and used only while
nothing it depends on has changed, so that a server or command reads again only new or edited files.

The cache is data, never code: msgpack written and read by msgspec, decoded against the exact shape and
types of what it holds (each row's types come from the events table's column spec), so a file that anyone
could have written can at worst be refused. It is used only when it is a regular file owned by this user
that no one else may write; a missing, corrupt, foreign, stale or misshapen file is ignored and written
afresh. Writes are atomic: a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, TypedDict

import msgspec
import pandas as pd

from sctracker import paths
from sctracker.records.events_table import EVENT_COLUMNS
from sctracker.records.folder_scan import FolderScan, scan_folders, stat_key
from sctracker.records.problems import Problem
from sctracker.records.vocabularies import Vocabularies

#: Bump when what the cache holds changes shape.
CACHE_FORMAT = 2
#: The libraries whose versions decide what a file's result is; the code that does is the records package
#: (and ``paths``): an edit to any of them empties the cache.
_CHECKING_LIBRARIES = ("pandas", "pydantic", "pyyaml", "pycountry", "msgspec")


@dataclasses.dataclass(frozen=True)
class FileResult:
    """What one event file gives, before the checks across files: kept in the disk cache.

    A row read back from the cache holds its dates as ``datetime.date`` (a fresh one as ``pd.Timestamp``):
    ``events_table.events_frame`` types the date columns, so the table is the same either way, and
    making 150,000 Timestamps would cost more than the rest of a warm load.
    """

    problems: tuple[Problem, ...]  # its own problems: syntax, fields, vocabularies, sources and quotes
    event_id: str | None  # the id it claims, even with problems (a later file with the same id is the duplicate)
    related: tuple[str, ...]
    row: dict | None  # its row of the events table, when it has no problem of its own


def context_key(curated_dir: Path, seeds_dir: Path, scan: FolderScan | None = None) -> str:
    """A digest of everything besides an event file that its result depends on (the seeds' files from ``scan``,
    when it went through them)."""
    package = Path(__file__).parent
    modules = sorted(package.glob("*.py")) + [Path(paths.__file__)]
    vocabularies = [curated_dir / name for name in (paths.PARTNERS_FILE, paths.SECTORS_FILE, paths.EVENT_TYPES_FILE)]
    context = (
        CACHE_FORMAT,
        str(curated_dir.resolve()),
        str(seeds_dir.resolve()),
        (scan if scan is not None and scan.covers(seeds_dir) else scan_folders(seeds_dir)).digest(seeds_dir),
        tuple(stat_key(path.stat()) if path.exists() else None for path in vocabularies),
        tuple(stat_key(module.stat()) for module in modules),
        tuple(importlib.metadata.version(library) for library in _CHECKING_LIBRARIES),
    )
    return hashlib.blake2b(repr(context).encode(), digest_size=16).hexdigest()


def cache_file(cache_dir: Path, curated_dir: Path, seeds_dir: Path) -> Path:
    """One cache file per pair of folders, so that two corpora do not evict each other."""
    name = hashlib.blake2b(f"{curated_dir.resolve()}\0{seeds_dir.resolve()}".encode(), digest_size=8).hexdigest()
    return cache_dir / f"records-{name}.msgpack"


# What the file holds, as msgspec types: decoding checks every value against them.

#: A stored column's kind (``events_table.KINDS``) as the type its cached values must have.
_KIND_TYPES: dict[str, Any] = {
    "text": str,
    "optional_text": str | None,
    "date": dt.date,
    "optional_date": dt.date | None,
    "bool": bool,
    "list": list[str],
    "records": list[dict[str, str | float | None]],
}
_STORED = [column for column in EVENT_COLUMNS if column.stored]
_DATE_COLUMNS = [column.name for column in _STORED if column.kind in ("date", "optional_date")]
#: A row as msgspec checks it: every stored column, each of its kind's type; decoded straight into a dict.
_Row = TypedDict("_Row", {column.name: _KIND_TYPES[column.kind] for column in _STORED})


class _CachedFile(msgspec.Struct, array_like=True):
    size: int
    mtime_ns: int
    ctime_ns: int
    problems: list[Problem]
    event_id: str | None
    related: list[str]
    row: _Row | None


#: The column types a cached table may be restored to; anything else in the file is refused.
_FRAME_DTYPES = frozenset({"object", "str", "bool", "int64", "float64"})


class _Frame(msgspec.Struct, array_like=True):
    """A vocabulary or the source list: one list of values a column, dates as ISO text (``dates`` names those columns)."""

    index_name: str
    index_dtype: str
    index: list[str]
    columns: list[str]
    dtypes: list[str]
    dates: list[str]
    data: list[list[str | bool | int | float | list[str] | None]]


class _Cache(msgspec.Struct, array_like=True):
    format: int
    context: str
    partners: _Frame
    sectors: _Frame
    event_types: _Frame
    sources: _Frame
    problems: list[Problem]
    files: dict[str, _CachedFile]


_DECODER = msgspec.msgpack.Decoder(_Cache)
_ENCODER = msgspec.msgpack.Encoder()


def _frame_wire(frame: pd.DataFrame) -> list:
    dates = [name for name in frame.columns if frame[name].dtype == object and any(isinstance(v, dt.date) for v in frame[name])]
    data = [
        [None if v is None else v.isoformat() for v in frame[name]] if name in dates else frame[name].tolist() for name in frame.columns
    ]
    dtypes = [str(dtype) for dtype in frame.dtypes]
    return [frame.index.name, str(frame.index.dtype), frame.index.tolist(), list(frame.columns), dtypes, dates, data]


def _frame(wire: _Frame) -> pd.DataFrame:
    """A cached table, checked: known column types, one value a row in every column, dates that are dates."""
    if not {wire.index_dtype, *wire.dtypes} <= _FRAME_DTYPES or not set(wire.dates) <= set(wire.columns):
        raise ValueError("unexpected column type")
    columns = {}
    for name, dtype, values in zip(wire.columns, wire.dtypes, wire.data, strict=True):
        if len(values) != len(wire.index):
            raise ValueError("a column of another length")
        if name in wire.dates:
            values = [None if v is None else dt.date.fromisoformat(v) for v in values]
        columns[name] = pd.Series(values, dtype=dtype)
    frame = pd.DataFrame(columns, columns=wire.columns)
    frame.index = pd.Index(wire.index, dtype=wire.index_dtype, name=wire.index_name)
    return frame


def _row_wire(row: dict | None) -> dict | None:
    """A row as the cache holds it: dates as dates, a missing one as None."""
    if row is None:
        return None
    dates = {
        name: None if pd.isna(row[name]) else row[name].date() if isinstance(row[name], pd.Timestamp) else row[name]
        for name in _DATE_COLUMNS
    }
    return {**row, **dates}


def _trusted(info: os.stat_result) -> bool:
    """A regular file, owned by this user, that no one else may write."""
    owner = getattr(os, "geteuid", None)
    return stat.S_ISREG(info.st_mode) and (owner is None or info.st_uid == owner()) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_cache(path: Path, context: str) -> dict | None:
    """The cache's content if it was made in this context; None if absent, stale, untrusted or not what this code writes.

    Returns:
        ``vocab`` (Vocabularies), ``sources`` (the source table), ``problems`` (of vocabularies and sources)
        and ``files``: each event file's path -> (``stat_key``, ``FileResult``).
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not _trusted(os.fstat(descriptor)):  # checked on the file opened, not on its name
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read()
    except OSError:
        return None
    finally:
        os.close(descriptor)
    try:
        cached = _DECODER.decode(data)
        if cached.format != CACHE_FORMAT or cached.context != context:
            return None
        vocab = Vocabularies(partners=_frame(cached.partners), sectors=_frame(cached.sectors), event_types=_frame(cached.event_types))
        sources = _frame(cached.sources)
    except (msgspec.MsgspecError, ValueError, TypeError):  # corrupt, foreign or misshapen: start afresh
        return None
    files = {
        name: (
            (entry.size, entry.mtime_ns, entry.ctime_ns),
            FileResult(tuple(entry.problems), entry.event_id, tuple(entry.related), entry.row),
        )
        for name, entry in cached.files.items()
    }
    return {"vocab": vocab, "sources": sources, "problems": cached.problems, "files": files}


def write_cache(path: Path, context: str, vocab: Vocabularies, sources: pd.DataFrame, problems: list[Problem], files: dict) -> None:
    """Write the cache atomically (a reader sees the old file or the new one) in a folder only this user may
    enter when it makes it; give up quietly if it cannot be written.

    Args:
        files: each event file's path -> (``stat_key``, ``FileResult``), as ``read_cache`` gives them back.
    """
    try:
        content = [
            CACHE_FORMAT,
            context,
            _frame_wire(vocab.partners),
            _frame_wire(vocab.sectors),
            _frame_wire(vocab.event_types),
            _frame_wire(sources),
            problems,
            {
                name: [*key, result.problems, result.event_id, result.related, _row_wire(result.row)]
                for name, (key, result) in files.items()
            },
        ]
        data = _ENCODER.encode(content)
    except (msgspec.EncodeError, TypeError, ValueError, AttributeError):  # a value this format cannot hold: no cache, same result
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=path.name, suffix=".tmp", delete=False)  # noqa: SIM115 (renamed into place below)
    except OSError:
        return
    try:
        with handle:  # made by this user, readable and writable by it alone (mode 0600)
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
