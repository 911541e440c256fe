"""The dashboard's cached loader: the one place where Streamlit caching sits on top of ``records.load``.

Layers, each cheap to check on a rerun:

- ``loading.load(..., cache_dir=...)`` keeps each record file's result on disk, so a fresh server process
  reads only the files that changed since the last one; given the last load in this process (``previous``),
  it reads neither the disk cache nor any unchanged file, and updates the events table rather than making it.
- ``st.cache_resource`` keeps one ``Dataset`` in memory for every session, keyed by a digest of every
  file's path, size and times (``records.folder_scan.FolderScan``), so an added, edited or removed record
  shows on the next rerun. A resource is shared, not copied: the Dataset is read-only (nothing in the
  package writes to it; ``filters.apply_filters`` returns new frames). ``st.cache_data`` would unpickle
  a copy on every rerun, which at 50,000 records took longer than the whole rerun may.
- ``_cached_with_history`` adds the records' history from git (``records.history``), keyed by that digest and the
  state of HEAD (``history.head_state``: two stats a rerun, no git command), so a commit or an edit shows as well.
- ``FolderWatch`` says when that digest must be taken again. Stat-ing every file costs about 5 µs a file,
  too much at every rerun past a few thousand files; past ``WATCH_ABOVE_FILES`` a file-system watcher
  (watchdog, which Streamlit itself uses) reports which files changed, and only those are stat-ed again
  (``FolderScan.updated``; a folder made, removed or moved means a look through everything).
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

import streamlit as st

from sctracker import paths
from sctracker.figures import partner_map
from sctracker.records.folder_scan import FolderScan, scan_folders
from sctracker.records.history import head_state
from sctracker.records.load import Dataset, attach_history, load

T = TypeVar("T")

#: Up to this many files, every rerun stat-s them all (a few milliseconds); past it, a watcher says when to.
WATCH_ABOVE_FILES = 2000


class FolderWatch:
    """The current digest of some folders' files, recomputed only when it may have changed.

    Args:
        folders: the folders to follow (missing ones are allowed: they count as missing).
        watch_above: past this many files, rely on a file-system watcher between digests.
    """

    def __init__(self, folders: tuple[Path, ...], watch_above: int = WATCH_ABOVE_FILES):
        self.folders = folders
        self.watch_above = watch_above
        self._changed = threading.Event()
        self._lock = threading.Lock()
        self._observer = None
        self._digest: str | None = None
        self._scan: FolderScan | None = None
        # what the watcher saw since the last digest: the files changed, or that only a look through all will do
        self._seen_lock = threading.Lock()
        self._seen_files: set[str] = set()
        self._seen_folders = False

    @property
    def watching(self) -> bool:
        """Whether a file-system watcher runs (else every call stat-s every file)."""
        return self._observer is not None

    def digest(self) -> str:
        """The digest of every file's path, size and times, as of now."""
        with self._lock:
            if self._observer is not None and self._digest is not None and not self._changed.is_set():
                return self._digest
            self._changed.clear()
            with self._seen_lock:
                files, folders = self._seen_files, self._seen_folders
                self._seen_files, self._seen_folders = set(), False
            scan = None
            if self._observer is not None and self._scan is not None and not folders:
                scan = self._scan.updated(files)  # only the files the watcher saw change: stat-ed again
            self._scan = scan or scan_folders(*self.folders)
            self._digest = self._scan.digest()
            if self._observer is None and len(self._scan.files) > self.watch_above:
                self._observer = self._start_observer()
                if self._observer is not None:  # a change made while it started: seen by a second look, now
                    self._scan = scan_folders(*self.folders)
                    self._digest = self._scan.digest()
            return self._digest

    @property
    def saw_change(self) -> bool:
        """Whether a change was seen since the last digest (always, without a watcher: each digest looks)."""
        return self._observer is None or self._changed.is_set()

    def saw(self, path: str | None) -> None:
        """Note a change the watcher saw: a file's path, or None for a change only a look through all can follow."""
        with self._seen_lock:
            if path is None:
                self._seen_folders = True
            else:
                self._seen_files.add(path)
        self._changed.set()

    @property
    def scan(self) -> FolderScan | None:
        """The look behind the latest digest (None before the first): the load after it takes the files' sizes and
        times from it rather than stat-ing every file again."""
        return self._scan

    def _start_observer(self):
        """A watchdog observer that flags any change under the folders; None if none can start here."""
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return None
        watch = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type not in ("created", "deleted", "modified", "moved", "closed"):
                    return  # reads ("opened", "closed_no_write") are not changes
                if not event.is_directory:
                    for path in (event.src_path, getattr(event, "dest_path", "")):
                        if path:
                            watch.saw(os.fsdecode(path))
                elif event.event_type != "modified":  # a folder made, removed or moved: look through all
                    watch.saw(None)
                # a folder "modified": a file in it came or went, and that file's own event says which

        observer = Observer()
        observer.daemon = True
        try:
            for folder in self.folders:
                if folder.is_dir():
                    observer.schedule(Handler(), str(folder), recursive=True)
            observer.start()
        except OSError:  # e.g. the system's limit of watches reached: stat every file instead
            return None
        return observer

    def stop(self) -> None:
        """Stop the watcher, if one runs."""
        with self._lock:
            observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)


#: The last dataset loaded from each pair of folders (the latest few pairs), handed to the next load from them
#: (``records.reuse``), so that a change to one record of a large corpus shows without loading it all again.
_last_loads: dict[tuple[Path, Path], Dataset] = {}
_LAST_LOADS_KEPT = 2
_last_loads_lock = threading.Lock()


def load_with_disk_cache(curated_dir: Path, seeds_dir: Path, scan: FolderScan | None = None) -> Dataset:
    """``records.load`` with the disk cache in ``paths.cache_dir``, the last load from the same folders in this
    process and the look through them just taken (``scan``): the plain function under Streamlit's cache."""
    folders = (curated_dir, seeds_dir)
    with _last_loads_lock:
        previous = _last_loads.get(folders)
    dataset = load(curated_dir, seeds_dir, cache_dir=paths.cache_dir(curated_dir), previous=previous, scan=scan)
    with _last_loads_lock:
        _last_loads.pop(folders, None)
        _last_loads[folders] = dataset  # the latest last, so that the oldest pair goes first
        while len(_last_loads) > _LAST_LOADS_KEPT:
            del _last_loads[next(iter(_last_loads))]
    return dataset


@st.cache_resource(show_spinner=False, max_entries=4, on_release=FolderWatch.stop)
def _watch(curated_dir: str, seeds_dir: str) -> FolderWatch:
    return FolderWatch((Path(curated_dir), Path(seeds_dir)))


@st.cache_resource(show_spinner="Reading records…", max_entries=2)
def _cached_load(curated_dir: str, seeds_dir: str, digest: str) -> Dataset:
    del digest  # only part of the cache key
    return load_with_disk_cache(Path(curated_dir), Path(seeds_dir), _watch(curated_dir, seeds_dir).scan)


@st.cache_resource(show_spinner="Reading the records' history…", max_entries=2)
def _cached_with_history(curated_dir: str, seeds_dir: str, digest: str, head: str | None) -> Dataset:
    del head  # only part of the cache key: a commit changes the history, not the files
    return attach_history(_cached_load(curated_dir, seeds_dir, digest), Path(curated_dir), state=digest)


def dataset() -> Dataset:
    """The dataset for this run, from the folders ``SCTRACKER_CURATED``/``SCTRACKER_SEEDS`` name (or the project's),
    with the records' history from git where there is one (``records.history``).

    Shared by every session and read-only: filter it into new frames, never change it in place.
    """
    curated, seeds = str(paths.curated_dir()), str(paths.seeds_dir())
    return _cached_with_history(curated, seeds, _watch(curated, seeds).digest(), head_state(Path(curated)))


#: What the pages work out of each dataset (``kept``), while the dataset lives: a dataset is shared by every session
#: and read-only, so what is worked out of it for one view is the same for every session that comes to that view.
_kept: dict[int, OrderedDict] = {}
_kept_lock = threading.Lock()
#: Views kept a dataset, the least recently used dropped first: at 10,000 synthetic records a view's events and
#: figures are a few megabytes.
KEPT_VIEWS = 48


def kept(dataset: Dataset, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, worked out once for ``dataset`` and ``key`` while the dataset lives, and shared (read-only).

    ``key`` must name everything ``build`` reads besides the dataset: the filters, the page's chart and its
    choices. Coming back to a view, by clearing a filter or returning to a page, then skips its work (at 10,000
    synthetic records, the Timeline's figures and words took half a second of every rerun).
    """
    with _kept_lock:
        views = _kept.get(id(dataset))
        if views is None:
            views = _kept[id(dataset)] = OrderedDict()
            weakref.finalize(dataset, _kept.pop, id(dataset), None)  # gone with the dataset: its id may be reused
        if key in views:
            views.move_to_end(key)
            return views[key]
    value = build()  # outside the lock: two sessions may work out one view at once, and keep the same result
    with _kept_lock:
        views[key] = value
        while len(views) > KEPT_VIEWS:
            views.popitem(last=False)
    return value


def whole_map_view(dataset: Dataset) -> dict:
    """The partner map's first view for every filter of ``dataset``: fitted to all its records' partners (a third of
    a second at 50,000 records)."""
    return kept(dataset, "whole map view", lambda: partner_map.whole_view(dataset.events, dataset.vocab))
