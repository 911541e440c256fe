"""The dashboard's cached loader: the one place where Streamlit caching sits on top of ``records.load``.

Layers, each cheap to check on a rerun:

- ``loading.load(..., cache_dir=...)`` keeps each record file's result on disk, so a fresh server process
  reads only the files that changed since the last one.
- ``st.cache_resource`` keeps one ``Dataset`` in memory for every session, keyed by a digest of every
  file's path, size and times (``records.cache.folder_fingerprint``), so an added, edited or removed record
  shows on the next rerun. A resource is shared, not copied: the Dataset is read-only (nothing in the
  package writes to it; ``filters.apply_filters`` returns new frames). ``st.cache_data`` would unpickle
  a copy on every rerun, which at 50,000 records took longer than the whole rerun may.
- ``_cached_with_history`` adds the records' history from git (``records.history``), keyed by that digest and the
  state of HEAD (``history.head_state``: two stats a rerun, no git command), so a commit or an edit shows as well.
- ``FolderWatch`` says when that digest must be taken again. Stat-ing every file costs about 5 µs a file,
  too much at every rerun past a few thousand files; past ``WATCH_ABOVE_FILES`` a file-system watcher
  (watchdog, which Streamlit itself uses) flags a change, and only then are the files stat-ed again.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from sctracker import paths
from sctracker.records.cache import folder_fingerprint
from sctracker.records.history import head_state
from sctracker.records.load import Dataset, attach_history, load

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
            self._digest, count = folder_fingerprint(*self.folders)
            if self._observer is None and count > self.watch_above:
                self._observer = self._start_observer()
                self._changed.set()  # a change made while it started is seen by the next call
            return self._digest

    def _start_observer(self):
        """A watchdog observer that flags any change under the folders; None if none can start here."""
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return None
        changed = self._changed

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in ("created", "deleted", "modified", "moved", "closed"):
                    changed.set()  # reads ("opened", "closed_no_write") are not changes

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


def load_with_disk_cache(curated_dir: Path, seeds_dir: Path) -> Dataset:
    """``records.load`` with the disk cache in ``paths.cache_dir``: the plain function under Streamlit's cache."""
    return load(curated_dir, seeds_dir, cache_dir=paths.cache_dir(curated_dir))


@st.cache_resource(show_spinner=False, max_entries=4, on_release=FolderWatch.stop)
def _watch(curated_dir: str, seeds_dir: str) -> FolderWatch:
    return FolderWatch((Path(curated_dir), Path(seeds_dir)))


@st.cache_resource(show_spinner="Reading records…", max_entries=2)
def _cached_load(curated_dir: str, seeds_dir: str, digest: str) -> Dataset:
    del digest  # only part of the cache key
    return load_with_disk_cache(Path(curated_dir), Path(seeds_dir))


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
