"""Load and validate: curated YAML and seed documents in, one tidy table of events and every problem out.

Nothing is silently dropped: each event file read is either a row of the events table or an entry of
``Dataset.rejected`` with the problems that kept it out, each naming file, line, field and what is wrong.
YAML is read with the safe loader only (``yaml_reader``).

Speed: a record is first read the quick way (the C parser, no line map); only a file with a problem is
read again the full way, which names lines, so the problems are the same either way. With ``cache_dir``,
each event file's result is kept on disk, keyed by the file's path, size and times and by everything its
checks depend on (vocabularies, sources, this code, library versions); only new or changed files are read
again. Checks across files (duplicate ids, ``related`` links) run on every load. Given the previous load in the
same process (``previous``), a load takes unchanged files' results and the events table from it (``reuse``).
Many files to read (``PARALLEL_FROM``) are shared out among forked worker processes, one per CPU.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import difflib
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from sctracker import paths
from sctracker.records.cache import FileResult, cache_file, context_key, read_cache, write_cache
from sctracker.records.events_table import event_row, events_frame
from sctracker.records.folder_scan import FolderScan, stat_key
from sctracker.records.history import History, HistoryUnavailable, cached_history, with_history
from sctracker.records.model import Event, partial_event
from sctracker.records.problems import Problem, display_path, line_for, model_problems
from sctracker.records.reuse import REWRITE_AFTER, LoadMemory, updated_events
from sctracker.records.rules import Checks, record_problems
from sctracker.records.safe_paths import entry_problem, leads_outside
from sctracker.records.sources import load_sources
from sctracker.records.vocabularies import Vocabularies, load_vocabularies
from sctracker.records.yaml_reader import MAX_RECORD_BYTES, NeedsFullRead, YamlFileError, quick_read, read_yaml


@dataclasses.dataclass
class Dataset:
    """Everything the pages and the CLI need, read once."""

    events: pd.DataFrame
    rejected: pd.DataFrame  # path, problems (list of str): one row per event file kept out
    # every problem, event files and vocabularies and sources alike; a link to a missing record is one, but
    # the record that links is not kept out for it (it is in ``events``, not in ``rejected``)
    problems: list[Problem]
    files_read: int  # event files read; == len(events) + len(rejected)
    vocab: Vocabularies
    sources: pd.DataFrame  # index id; file, headline, outlet, published, …, text
    # the records' history in the repository (``attach_history``): None until asked for, or when there
    # is none, and then ``history_unavailable`` says why
    history: History | None = None
    history_unavailable: str = ""
    # what this load leaves for the next one in the same process (``reuse``); None without a disk cache
    memory: LoadMemory | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems


def event_files(curated_dir: Path) -> tuple[list[os.DirEntry], dict[str, str]]:
    """Every event file's directory entry, sorted, so that duplicate ids are resolved the same way on every machine;
    and the paths of those that must not be read (``safe_paths``: a link leading out of the curated folder, a pipe),
    with why. Entries, not ``Path`` objects: at 50,000 files, making the paths took longer than a load reusing
    the previous one may."""
    folder = paths.events_dir(curated_dir)
    if not folder.is_dir():
        return [], {}
    with os.scandir(folder) as scan:
        entries = {entry.name: entry for entry in scan if entry.name.endswith((".yaml", ".yml"))}
    files = [entries[name] for suffix in (".yaml", ".yml") for name in sorted(n for n in entries if n.endswith(suffix))]
    if leads_outside(curated_dir, folder):
        return files, dict.fromkeys((entry.path for entry in files), "is in a folder that leads outside the curated folder; not read")
    unsafe = {}
    for entry in files:
        problem = entry_problem(entry, curated_dir, "curated folder")
        if problem:
            unsafe[entry.path] = problem
    return files, unsafe


def _read_event_file(path: Path, display: str, size: int | None, checks: Checks) -> FileResult:
    """Read and check one event file (of ``size`` bytes, None if unknown): the quick way when it has no
    problem, else the full way that names lines."""
    try:
        if size is not None and size <= MAX_RECORD_BYTES:
            data = quick_read(path)
            if isinstance(data, dict):
                event = Event.model_validate(data)
                if not record_problems(event, display, {}, path.stem, checks):
                    return FileResult(
                        (),
                        event.id,
                        tuple(event.related),
                        event_row(event, display, checks),
                    )
    except (OSError, NeedsFullRead, ValidationError):
        pass
    return _read_event_file_fully(path, display, checks)


#: Below this many files to read, one process reads them all: starting workers would cost more than it saves.
PARALLEL_FROM = 2_000
#: Files a worker reads per task: large enough that passing tasks costs little, small enough to share out evenly.
_CHUNK = 500


def _read_event_files(jobs: list[tuple[Path, str, int | None]], checks: Checks) -> list[FileResult]:
    """Read and check event files, given as (path, display, size), in order; in parallel when there are many.

    The workers are forked from this process, so they start at once with ``checks`` already in memory;
    forking is safe only while this process runs a single thread (the CLI, the benchmark, a test), so a
    process with other threads (the Streamlit server) reads in this one. Each file's result is the
    same either way: the workers run the same function.
    """
    workers = min(parallel_workers(), 4)
    if len(jobs) < PARALLEL_FROM or workers < 2 or threading.active_count() > 1:
        return [_read_event_file(path, display, size, checks) for path, display, size in jobs]
    chunks = [jobs[start : start + _CHUNK] for start in range(0, len(jobs), _CHUNK)]
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_set_worker_checks, initargs=(checks,)) as pool:
        return [result for chunk in pool.map(_read_chunk, chunks) for result in chunk]


def parallel_workers() -> int:
    """How many processes may read at once: the CPUs this process may use, on Linux; elsewhere one.

    Workers are forked, so that they start at once with what they need; on macOS system libraries
    make forking unsafe, so other systems read in one process.
    """
    return len(os.sched_getaffinity(0)) if sys.platform.startswith("linux") else 1


#: A worker process's ``checks``, set once as it starts (never set in the process that loads).
_worker_checks: Checks | None = None


def _set_worker_checks(checks: Checks) -> None:
    global _worker_checks
    _worker_checks = checks


def _read_chunk(jobs: list[tuple[Path, str, int | None]]) -> list[FileResult]:
    return [_read_event_file(path, display, size, _worker_checks) for path, display, size in jobs]


def _read_event_file_fully(path: Path, display: str, checks: Checks) -> FileResult:
    problems: list[Problem] = []
    try:
        data, lines = read_yaml(path, display)
    except YamlFileError as err:
        problems.append(err.problem)
        data, lines = None, {}
    except OSError as err:
        problems.append(Problem(display, None, "", f"cannot read: {err.strerror or err}"))
        data, lines = None, {}
    event = None
    if not problems:
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
            problems.append(Problem(display, 1, "", f"a record is a YAML mapping of fields, this file holds {kind}"))
        else:
            try:
                event = Event.model_validate(data)
            except ValidationError as err:
                problems.extend(model_problems(err, display, lines))
                event = partial_event(data, err)  # the rest is still checked: one bad field hides no other problem
    if event is None:
        return FileResult(tuple(problems), None, (), None)
    problems.extend(record_problems(event, display, lines, path.stem, checks))
    row = None if problems else event_row(event, display, checks)
    return FileResult(tuple(problems), event.id, tuple(event.related or ()), row)


def _closest_id(missing: str, ids: dict[str, str]) -> str:
    close = difflib.get_close_matches(missing, list(ids), n=1, cutoff=0.8)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _lines_of(path: Path, display: str) -> dict:
    """A file's line map, read again for the rare problem found across files."""
    try:
        return read_yaml(path, display)[1]
    except (YamlFileError, OSError):
        return {}


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading makes millions of objects and no cycles, and the
    collector's passes over them took a third of a cold load and two thirds of a warm one."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(
    curated_dir: Path | None = None,
    seeds_dir: Path | None = None,
    *,
    cache_dir: Path | None = None,
    previous: Dataset | None = None,
    scan: FolderScan | None = None,
) -> Dataset:
    """Read vocabularies, sources and every event record, and validate them all.

    Args:
        curated_dir: the curated folder (default: ``paths.curated_dir()``).
        seeds_dir: the seeds folder (default: ``paths.seeds_dir()``).
        cache_dir: a folder for the disk cache of each file's result (None: no cache, every file is read).
            The result is the same with or without it.
        previous: the last dataset loaded from these folders with ``cache_dir`` in this process, if any: what it
            holds is used in place of the disk cache where nothing it depends on changed (``reuse``). The result
            is the same with or without it.
        scan: a look through the folders just taken (``cache.scan_folders``), when the caller has one: the sizes
            and times of the files it went through are taken from it rather than from the files again.

    Returns:
        A ``Dataset``: the valid events as one table (a row an event, list columns for partners and
        sectors, names and labels alongside, sorted by date), the rejected files with their problems,
        and every problem found.
    """
    with _gc_paused():
        curated_dir, seeds_dir = Path(curated_dir or paths.curated_dir()), Path(seeds_dir or paths.seeds_dir())
        return _load(curated_dir, seeds_dir, cache_dir, previous.memory if previous is not None else None, scan)


def _load(curated_dir: Path, seeds_dir: Path, cache_dir: Path | None, memory: LoadMemory | None, scan: FolderScan | None) -> Dataset:
    problems: list[Problem] = []
    for folder, what in ((curated_dir, "curated"), (seeds_dir, "seeds")):
        if not folder.is_dir():
            problems.append(Problem(str(folder), None, "", f"the {what} folder does not exist"))
    if problems:  # nothing worth caching
        cache_dir = None

    cache_path = context = cached = None
    if cache_dir is not None:
        cache_path = cache_file(Path(cache_dir), curated_dir, seeds_dir)
        context = context_key(curated_dir, seeds_dir, scan)
        if memory is None or memory.context != context:
            memory, cached = None, read_cache(cache_path, context)
    else:
        memory = None
    if memory is not None:
        vocab, sources, context_problems = memory.checks.vocab, memory.sources, list(memory.context_problems)
        checks = memory.checks
    else:
        if cached is not None:
            vocab, sources, context_problems = cached["vocab"], cached["sources"], cached["problems"]
        else:
            context_problems = []
            vocab = load_vocabularies(curated_dir, context_problems)
            sources = load_sources(seeds_dir, context_problems)
        checks = Checks.of(vocab, sources)
    problems.extend(context_problems)
    files, unsafe = event_files(curated_dir)
    if curated_dir.is_dir() and not files:
        problems.append(Problem(str(paths.events_dir(curated_dir)), None, "", "no event records (*.yaml) found"))

    base = curated_dir.parent
    display_folder = os.path.join(display_path(paths.events_dir(curated_dir), base), "")  # each file's display: this and its name
    looked = scan.files if scan is not None and scan.covers(curated_dir) else {}
    known: dict[str, tuple] = memory.files if memory is not None else cached["files"] if cached is not None else {}
    keep: dict[str, tuple] = {}  # what the cache will hold: path -> (stat key, result)
    results: list[tuple[str, str, FileResult | None]] = []  # (path, display, result)
    to_read: list[tuple[int, str, str, tuple | None]] = []  # (place in results, path, display, stat key)
    for entry in files:
        path, display = entry.path, display_folder + entry.name
        if path in unsafe:  # never stat-ed, read or cached
            results.append((path, display, FileResult((Problem(display, None, "", unsafe[path]),), None, (), None)))
            continue
        key = looked.get(path)
        if key is None:
            try:
                key = stat_key(entry.stat())
            except OSError:  # read_yaml reports why
                key = None
        known_entry = known.get(path)
        result = known_entry[1] if key is not None and known_entry is not None and known_entry[0] == key else None
        if result is None:
            to_read.append((len(results), path, display, key))
        else:
            keep[path] = known_entry
        results.append((path, display, result))
    jobs = [(Path(path), display, None if key is None else key[0]) for _, path, display, key in to_read]
    for (place, path, display, key), result in zip(to_read, _read_event_files(jobs, checks), strict=True):
        results[place] = (path, display, result)
        if key is not None:
            keep[path] = (key, result)
    unsaved = (memory.unsaved if memory is not None else 0) + len(to_read)
    changed = (cached is None and memory is None) or bool(to_read) or keep.keys() != known.keys()
    if cache_path is not None and changed and (memory is None or unsaved > REWRITE_AFTER):
        write_cache(cache_path, context, vocab, sources, context_problems, keep)
        unsaved = 0

    rows, rejected, id_owner = [], [], {}
    for path, display, result in results:
        file_problems = list(result.problems)
        if result.event_id is not None:
            if result.event_id in id_owner:
                line = _lines_of(Path(path), display).get(("id",))
                file_problems.append(
                    Problem(display, line, "id", f"duplicate id {result.event_id!r}, already used by {id_owner[result.event_id]}")
                )
            else:
                id_owner[result.event_id] = display
        if file_problems:
            rejected.append({"path": display, "problems": [str(p) for p in file_problems]})
            problems.extend(file_problems)
        else:
            rows.append((path, display, result))

    # a link to a record that does not exist is reported, but the record that links is kept: its own facts stand
    for path, display, result in rows:
        missing = [(i, rid) for i, rid in enumerate(result.related) if rid not in id_owner]
        if missing:
            lines = _lines_of(Path(path), display)
            problems.extend(
                Problem(display, line_for(lines, ("related", i)), f"related[{i}]", f"no record has id {rid!r}{_closest_id(rid, id_owner)}")
                for i, rid in missing
            )

    shown = {display: result for _, display, result in rows}
    events = updated_events(memory, shown) if memory is not None else events_frame([result.row for result in shown.values()])
    return Dataset(
        events=events,
        rejected=pd.DataFrame(rejected, columns=["path", "problems"]),
        problems=sorted(problems, key=lambda p: (p.path, p.line or 0)),
        files_read=len(files),
        vocab=vocab,
        sources=sources,
        memory=None if context is None else LoadMemory(context, tuple(context_problems), sources, checks, keep, shown, events, unsaved),
    )


def attach_history(dataset: Dataset, curated_dir: Path, state: str | None = None) -> Dataset:
    """The dataset with its records' history: ``added`` and ``last_edited`` filled in, ``history`` set; or, where
    there is no history, the dataset as it is with ``history_unavailable`` saying why.

    Args:
        dataset: from ``records.load`` (not changed).
        curated_dir: the folder it was read from.
        state: a digest of the events folder's files now, when the caller has one (``cached_history``).
    """
    try:
        history = cached_history(curated_dir, state)
    except HistoryUnavailable as err:
        return dataclasses.replace(dataset, history=None, history_unavailable=str(err))
    return dataclasses.replace(dataset, events=with_history(dataset.events, history), history=history, history_unavailable="")
