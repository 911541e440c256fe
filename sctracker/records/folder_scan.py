"""Looking through the data folders: each file's size and times, and a digest that any added, removed, renamed or
rewritten file changes.

One look (``scan_folders``) serves both the dashboard's question "did anything change?" and the load after it,
which takes each file's size and times from it rather than stat-ing every file a second time. The digest is a
sum of one hash a file (modulo 2**128), kept for each folder looked through, so that a look can be brought up to
date from the paths a file-system watcher reports (``FolderScan.updated``) without stat-ing or hashing the other
files: at 50,000 records, stat-ing and hashing them all took most of the second a reloading rerun may take.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

_MODULUS = 1 << 128


def stat_key(info: os.stat_result) -> tuple[int, int, int]:
    """What tells a file's versions apart: size, modification time and change time (which no tool can set back)."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _file_hash(path: str, key: tuple[int, int, int]) -> int:
    return int.from_bytes(hashlib.blake2b(f"{path}\0{key}".encode(), digest_size=16).digest(), "little")


@dataclasses.dataclass(frozen=True)
class FolderScan:
    """Every file under some folders as one look found them, and the folders that were missing.

    Attributes:
        folders: the folders looked through, as they were given.
        files: each file's path -> ``stat_key``.
        missing: those of ``folders`` that do not exist.
        sums: for each of ``folders``, the sum of its files' hashes, modulo 2**128.
    """

    folders: tuple[str, ...]
    files: dict[str, tuple[int, int, int]]
    missing: tuple[str, ...]
    sums: tuple[int, ...]

    def covers(self, folder: Path) -> bool:
        """Whether the look went through ``folder`` (named as it was given)."""
        return str(folder) in self.folders

    def digest(self, folder: Path | None = None) -> str:
        """A digest of the path, size and times of every file (under ``folder`` only, one of ``folders``): any added,
        removed, renamed or rewritten file changes it; a missing folder counts as such. A folder's digest is the
        same whether it was looked through alone or with others."""
        names = self.folders if folder is None else (str(folder),)
        digest = hashlib.blake2b(digest_size=16)
        for name in names:
            total = "missing" if name in self.missing else self.sums[self.folders.index(name)]
            digest.update(f"{name}\0{total}\n".encode())
        return digest.hexdigest()

    def updated(self, changed: Iterable[str]) -> FolderScan | None:
        """This look with the files at the ``changed`` paths looked at again (added, rewritten or gone); None when one
        of them is now a folder, which only a look through everything again can follow."""
        files, sums = dict(self.files), list(self.sums)
        prefixes = [os.path.join(folder, "") for folder in self.folders]
        for path in set(changed):
            within = [index for index, prefix in enumerate(prefixes) if path.startswith(prefix)]
            if not within:
                continue
            try:
                info = os.stat(path)
            except OSError:
                info = None
            if info is not None and stat.S_ISDIR(info.st_mode):
                return None
            old, new = files.pop(path, None), None if info is None else stat_key(info)
            if new is not None:
                files[path] = new
            for index in within:
                if old is not None:
                    sums[index] -= _file_hash(path, old)
                if new is not None:
                    sums[index] += _file_hash(path, new)
                sums[index] %= _MODULUS
        return FolderScan(self.folders, files, self.missing, tuple(sums))


def scan_folders(*folders: Path) -> FolderScan:
    """Look through ``folders`` and every folder under them."""
    files: dict[str, tuple[int, int, int]] = {}
    missing, sums = [], []
    for top in map(str, folders):
        total, pending = 0, [top]
        while pending:
            folder = pending.pop()
            try:
                with os.scandir(folder) as scan:
                    entries = list(scan)
            except OSError:
                if folder == top:
                    missing.append(top)
                continue
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                        continue
                    key = stat_key(entry.stat())
                except OSError:  # removed while we looked: the next look sees it gone
                    continue
                files[entry.path] = key
                total += _file_hash(entry.path, key)
        sums.append(total % _MODULUS)
    return FolderScan(tuple(map(str, folders)), files, tuple(missing), tuple(sums))


def folder_fingerprint(*folders: Path) -> tuple[str, int]:
    """A digest of the path, size and times of every file under ``folders`` (``FolderScan.digest``), and how many
    files there are."""
    scan = scan_folders(*folders)
    return scan.digest(), len(scan.files)
