"""Paths that come from the data stay inside their data folder.

A name written in a data file (a source entry's ``file``, a record id made into a file name) and a file found
in a data folder (an event record, a vocabulary) may name only a regular file inside that folder: no absolute
path, no ``..``, no Windows separator or drive, no NUL or control character, no character that some system
reads as another (a full-width dot or slash: the name must be its own NFKC form), no invisible formatting
character, no hidden part (``.git``), and no symbolic link that resolves outside the folder. Whoever can
write the folder can already change the data; what this stops is a file in it making the app read, show or
write anything else on the machine.

What it does not stop, by design: a hard link, which is the file itself and needs write access to the folder
and the target's file system (git never makes one), and a link swapped in the instant between the check
and the read, which needs a process already running on the machine as a writer of the folder.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

#: The longest file-name part most file systems allow, in bytes.
MAX_PART_BYTES = 255


class UnsafePath(ValueError):
    """A path from the data that must not be used; the message says why, in words for a curator."""


def check_name(name: object) -> str:
    """``name`` if it is a relative path of plain parts (``a.txt``, ``2025/a.txt``), else raise ``UnsafePath`` saying why."""
    if not isinstance(name, str) or not name:
        raise UnsafePath("is empty")
    if "\0" in name:
        raise UnsafePath("contains a NUL character")
    for char in name:
        category = unicodedata.category(char)
        if category == "Cc":
            raise UnsafePath(f"contains the control character U+{ord(char):04X}")
        if category == "Cf":
            raise UnsafePath(f"contains the invisible character U+{ord(char):04X} ({unicodedata.name(char, 'format')})")
    if "\\" in name:
        raise UnsafePath("contains a backslash, a Windows folder separator")
    if name.startswith("/") or os.path.isabs(name):
        raise UnsafePath("is an absolute path")
    if ":" in name:
        raise UnsafePath("contains ':', a Windows drive or stream")
    normal = unicodedata.normalize("NFKC", name)
    if normal != name:
        odd = next(char for char in name if unicodedata.normalize("NFKC", char) != char)
        raise UnsafePath(
            f"contains {odd!r} (U+{ord(odd):04X} {unicodedata.name(odd, '')}), which some systems read as {unicodedata.normalize('NFKC', odd)!r}"
        )
    for part in name.split("/"):
        if part == "..":
            raise UnsafePath("contains '..', which leads out of the folder")
        if part in ("", "."):
            raise UnsafePath("contains an empty or '.' part")
        if part.startswith("."):
            raise UnsafePath(f"contains the hidden part {part!r}")
        if len(part.encode("utf-8")) > MAX_PART_BYTES:
            raise UnsafePath(f"has a part longer than {MAX_PART_BYTES} bytes")
    return name


def shown(name: str) -> str:
    """``name`` with every character that would not print (NUL, line breaks, invisible ones) written as an escape,
    so that a problem naming it prints on one line and shows what is there."""
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in name)


def leads_outside(folder: Path, path: Path) -> bool:
    """Whether ``path``, symbolic links followed, lies outside ``folder`` (itself resolved)."""
    return not path.resolve().is_relative_to(folder.resolve())


def inside(folder: Path, name: object, what: str = "folder") -> Path:
    """``folder / name`` after checking ``name`` (``check_name``) and that it resolves inside ``folder``.

    Args:
        folder: the data folder (trusted: given on the command line or in the environment).
        name: the name from the data.
        what: how messages name the folder ("seeds folder").

    Raises:
        UnsafePath: saying why the name may not be used.
    """
    path = folder / check_name(name)
    if leads_outside(folder, path):
        raise UnsafePath(f"leads outside the {what} through a symbolic link")
    return path


def readable_file(folder: Path, name: object, what: str = "folder") -> Path:
    """``inside``, and a regular file (not a folder, a device or a pipe that would block a read)."""
    path = inside(folder, name, what)
    if path.exists() and not path.is_file():
        raise UnsafePath("is not a regular file")
    return path


def entry_problem(entry: os.DirEntry, folder: Path, what: str = "folder") -> str | None:
    """Why a file found in a data folder must not be read (None: it may), from its directory entry.

    A plain file costs nothing to check (the entry knows its type); only a symbolic link is resolved.
    """
    if entry.is_symlink() and leads_outside(folder, Path(entry.path)):
        return f"is a symbolic link leading outside the {what}; not read"
    if not entry.is_file():
        return "is not a regular file; not read"
    return None
