"""The loader's disk cache: each record file's checked result, kept between runs and used only while
nothing it depends on has changed, so that a server or command reads again only new or edited files."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from pathlib import Path

from sctracker import paths


def stat_key(stat: os.stat_result) -> tuple[int, int, int]:
    """What tells a file's versions apart: size, modification time and change time (which no tool can set back)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def folder_fingerprint(*folders: Path) -> tuple[str, int]:
    """A digest of the path, size and times of every file under ``folders``, and how many files there are.

    Any added, removed, renamed or rewritten file changes the digest; a missing folder counts as such.
    """
    digest = hashlib.blake2b(digest_size=16)
    count = 0
    pending = [str(folder) for folder in folders]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            digest.update(f"{folder}\0missing\n".encode())
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                key = stat_key(entry.stat())
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            digest.update(f"{entry.path}\0{key}\n".encode())
            count += 1
    return digest.hexdigest(), count


#: Bump when what the cache holds changes shape.
CACHE_FORMAT = 1
#: The libraries whose versions decide what a file's result is; the code that does is the records package
#: (and ``paths``): an edit to any of them empties the cache.
_CHECKING_LIBRARIES = ("pandas", "pydantic", "pyyaml", "pycountry")


def context_key(curated_dir: Path, seeds_dir: Path) -> tuple:
    """Everything besides an event file that its result depends on."""
    package = Path(__file__).parent
    modules = sorted(package.glob("*.py")) + [Path(paths.__file__)]
    vocabularies = [curated_dir / name for name in (paths.PARTNERS_FILE, paths.SECTORS_FILE, paths.EVENT_TYPES_FILE)]
    return (
        CACHE_FORMAT,
        str(curated_dir.resolve()),
        str(seeds_dir.resolve()),
        folder_fingerprint(seeds_dir)[0],
        tuple(stat_key(path.stat()) if path.exists() else None for path in vocabularies),
        tuple(stat_key(module.stat()) for module in modules),
        tuple(importlib.metadata.version(library) for library in _CHECKING_LIBRARIES),
    )


def cache_file(cache_dir: Path, curated_dir: Path, seeds_dir: Path) -> Path:
    """One cache file per pair of folders, so that two corpora do not evict each other."""
    name = hashlib.blake2b(f"{curated_dir.resolve()}\0{seeds_dir.resolve()}".encode(), digest_size=8).hexdigest()
    return cache_dir / f"records-{name}.pickle"


def read_cache(path: Path, context: tuple) -> dict | None:
    """The cache's content if it was made in this context; None if absent, stale or unreadable.

    The file is a pickle: only ever written by this function's twin, in a folder as trusted as the code.
    """
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
    except Exception:  # missing, truncated, corrupt or from another version: start afresh
        return None
    if not isinstance(cached, dict) or cached.get("context") != context:
        return None
    return cached


def write_cache(path: Path, content: dict) -> None:
    """Write the cache atomically (a reader sees the old file or the new one); give up quietly if the folder is read-only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=path.name, suffix=".tmp", delete=False)  # noqa: SIM115 (renamed into place below)
    except OSError:
        return
    try:
        with handle:
            pickle.dump(content, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
