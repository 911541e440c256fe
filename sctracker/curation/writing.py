"""Writing the curator's files: atomically (a temporary file, then a rename), never over a file unless told.

Until the records layer's write primitives (``sctracker/records/store.py``) land, this is the one place the
curation package writes through; it is to be replaced by them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Set to anything but "" or "0" when the dashboard is served to a team: the Curate page then writes nothing.
READ_ONLY_ENV = "SCTRACKER_READ_ONLY"


def read_only() -> bool:
    """Whether writing is switched off (the dashboard served to a team)."""
    return os.environ.get(READ_ONLY_ENV, "") not in ("", "0")


class ReadOnlyError(PermissionError):
    """Writing is switched off (``SCTRACKER_READ_ONLY``)."""


def _check_writable() -> None:
    if read_only():
        raise ReadOnlyError(f"this copy is read-only ({READ_ONLY_ENV} is set): curate on your own machine")


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new one, never half of it."""
    _check_writable()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, which must not exist yet (``FileExistsError`` otherwise)."""
    _check_writable()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="") as out:
        out.write(text)


def remove(path: Path) -> None:
    """Delete ``path`` (a draft being discarded or published)."""
    _check_writable()
    path.unlink()
