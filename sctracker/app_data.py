"""The dashboard's cached loader: one place where Streamlit caching sits on top of ``loading.load``.

The cache key includes a fingerprint of every file read (path, size, modification time), so an added,
edited or removed record shows on the next rerun and cached data never outlive their files.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from sctracker import paths
from sctracker.loading import Dataset, load


def fingerprint(curated_dir: Path, seeds_dir: Path) -> tuple:
    """Path, size and modification time of every file under both folders, sorted."""
    entries = []
    for folder in (curated_dir, seeds_dir):
        if not folder.is_dir():
            entries.append((str(folder), -1, -1))
            continue
        for path in sorted(folder.rglob("*")):
            try:
                stat = path.stat()
            except OSError:  # removed between listing and stat: the next rerun sees it gone
                continue
            if path.is_file():
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


@st.cache_data(show_spinner="Reading records…", max_entries=4)
def _cached_load(curated_dir: str, seeds_dir: str, files_key: int) -> Dataset:
    del files_key  # only part of the cache key
    return load(Path(curated_dir), Path(seeds_dir))


def dataset() -> Dataset:
    """The dataset for this run, from the folders ``SCTRACKER_CURATED``/``SCTRACKER_SEEDS`` name (or the project's)."""
    curated, seeds = paths.curated_dir(), paths.seeds_dir()
    return _cached_load(str(curated), str(seeds), hash(fingerprint(curated, seeds)))
