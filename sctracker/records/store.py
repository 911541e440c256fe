"""The write path: the only way the app and its commands change files in the data folders.

Every write goes through here, and each rule is checked before anything is written:

- **Team mode**: with ``SCTRACKER_READ_ONLY=1`` in the environment (the dashboard served to a team) nothing
  writes; every function below raises ``ReadOnly``.
- **Names**: a record id is checked against the record model's id pattern (ASCII only) before a file name is
  made from it; every name must resolve inside its folder (``safe_paths``); a symbolic link is never
  written through or removed.
- **Sizes**: a record is at most ``MAX_RECORD_BYTES`` (what the loader reads), an uploaded document at most
  ``MAX_UPLOAD_BYTES``, refused before it is read further.
- **Atomic**: a file is written to a temporary file in the same folder, flushed to disk, then renamed into
  place: a reader sees the old file or the new one, and a failure leaves the old one as it was.
- **Nothing lost**: an existing file is never overwritten or removed without ``overwrite=True`` /
  ``confirm=True``; a new file is linked into place, so one made meanwhile by someone else is not clobbered;
  an append keeps every byte that was there and refuses if the file changed while it wrote.

An uploaded text is data: ``read_upload`` only decodes and checks it; the pages show it as text, never as
HTML or Markdown.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from pathlib import Path

from sctracker.records.model import Event
from sctracker.records.safe_paths import UnsafePath, check_name, inside
from sctracker.records.yaml_reader import MAX_RECORD_BYTES

#: Set to 1 (or true, yes, on) to serve read-only: nothing writes.
READ_ONLY_ENV = "SCTRACKER_READ_ONLY"
#: The largest document a curator may upload or paste: a long article is a few hundred kilobytes.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: The folders of a curated folder that records are written to.
RECORD_FOLDERS = ("events", "drafts")
#: A record id, as the record model defines it, read with ASCII digits and letters only.
RECORD_ID = re.compile(next(meta.pattern for meta in Event.model_fields["id"].metadata if getattr(meta, "pattern", None)), re.ASCII)
#: Mode of a written file: readable by all who may read the folder, writable by its owner.
FILE_MODE = 0o644


class WriteRefused(Exception):
    """A write the rules refuse; the message says why, in words for a curator, and nothing was changed."""


class ReadOnly(WriteRefused):
    """Team mode: nothing writes."""


class AlreadyExists(WriteRefused):
    """The file exists and the caller did not confirm overwriting or removing it."""


class TooLarge(WriteRefused):
    """Over the size limit."""


class BadName(WriteRefused):
    """A record id or file name that may not become a file name."""


def read_only() -> bool:
    """Whether this process serves read-only (team mode)."""
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def ensure_writable() -> None:
    """Raise ``ReadOnly`` in team mode."""
    if read_only():
        raise ReadOnly(f"the dashboard is read-only here ({READ_ONLY_ENV} is set): nothing was written")


def check_record_id(record_id: object) -> str:
    """``record_id`` if it may name a record file (the model's id pattern, ASCII only), else ``BadName``."""
    if not isinstance(record_id, str) or not RECORD_ID.fullmatch(record_id):
        raise BadName(f"{record_id!r} is not a record id (the date, then a lowercase slug: 2025-12-04-korea-us-standards-forum)")
    try:
        check_name(f"{record_id}.yaml")
    except UnsafePath as err:
        raise BadName(f"{record_id!r} cannot be a file name: it {err}") from None
    return record_id


def record_name(record_id: str, folder: str = "events") -> str:
    """The name of record ``record_id``'s file in ``folder`` (``events`` or ``drafts``), relative to the curated folder."""
    if folder not in RECORD_FOLDERS:
        raise BadName(f"records are written to {' or '.join(RECORD_FOLDERS)}, not {folder!r}")
    return f"{folder}/{check_record_id(record_id)}.yaml"


def _target(root: Path, name: str) -> Path:
    """``root/name``, checked to lie inside ``root`` (a link in ``name``'s folders leading out included)."""
    try:
        return inside(root, name, f"{root.name} folder")
    except UnsafePath as err:
        raise BadName(f"{name!r} {err}; nothing was changed") from None


def _encoded(data: str | bytes, limit: int, what: str) -> bytes:
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > limit:
        raise TooLarge(f"{what} is {len(raw):,} bytes, over the limit of {limit:,} bytes; nothing was written")
    return raw


def _existing(path: Path) -> bool:
    """Whether something is at ``path``; refuse what may not be replaced or removed (a link, a folder)."""
    if path.is_symlink():
        raise WriteRefused(f"{path.name} is a symbolic link; it is not written through, replaced or removed")
    if path.exists() and not path.is_file():
        raise WriteRefused(f"{path.name} is not a regular file; nothing was changed")
    return path.exists()


def _temporary_copy(path: Path, raw: bytes) -> Path:
    """``raw`` in a new temporary file beside ``path``, flushed to disk (its name starts with '.', which no loader reads)."""
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as handle:
        handle.write(raw)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(handle.name, FILE_MODE)
    return Path(handle.name)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries, so a rename survives a crash (where the system allows it)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _place(temporary: Path, path: Path, overwrite: bool) -> None:
    """Move ``temporary`` to ``path``: replace it when ``overwrite``, else link it in, which fails if ``path`` exists."""
    try:
        if overwrite:
            os.replace(temporary, path)
            return
        try:
            os.link(temporary, path)  # atomic and never clobbers: a file made meanwhile is kept
        except FileExistsError:
            raise AlreadyExists(f"{path.name} was created meanwhile; nothing was overwritten") from None
        except OSError as err:  # a file system without hard links
            if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            if path.exists():
                raise AlreadyExists(f"{path.name} was created meanwhile; nothing was overwritten") from None
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)


def write_file(root: Path, name: str, data: str | bytes, *, overwrite: bool = False, max_bytes: int = MAX_UPLOAD_BYTES) -> Path:
    """Write ``data`` (text as UTF-8) to ``root/name`` atomically, making the folders of ``name`` if needed.

    Args:
        root: a data folder (the seeds folder, the curated folder).
        name: the file's path inside it (``events/<id>.yaml``), from the data or a curator: checked by ``safe_paths``.
        overwrite: replace an existing file; without it an existing file is refused.
        max_bytes: the size limit.

    Returns:
        The path written.

    Raises:
        ReadOnly, BadName, TooLarge, AlreadyExists, WriteRefused: with nothing changed.
    """
    ensure_writable()
    raw = _encoded(data, max_bytes, name)
    path = _target(root, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if _existing(path) and not overwrite:
        raise AlreadyExists(f"{path.name} exists; pass overwrite=True (the curator's confirmation) to replace it")
    _place(_temporary_copy(path, raw), path, overwrite)
    return path


def append_file(root: Path, name: str, text: str, *, max_bytes: int = MAX_UPLOAD_BYTES) -> Path:
    """Add ``text`` (at most ``max_bytes``) at the end of ``root/name`` (a list such as ``sources.yaml``) atomically, keeping every byte there.

    Raises:
        WriteRefused: if the file changed while the new one was written (nothing is lost: try again).
    """
    ensure_writable()
    raw = _encoded(text, max_bytes, f"the addition to {name}")
    path = _target(root, name)
    if not _existing(path):
        raise WriteRefused(f"{path.name} does not exist; nothing was appended")
    before = path.stat()
    old = path.read_bytes()
    temporary = _temporary_copy(path, old + raw)
    after = path.stat()
    if (after.st_size, after.st_mtime_ns, after.st_ino) != (before.st_size, before.st_mtime_ns, before.st_ino):
        temporary.unlink(missing_ok=True)
        raise WriteRefused(f"{path.name} changed while it was being written; nothing was appended")
    _place(temporary, path, overwrite=True)
    return path


def remove_file(root: Path, name: str, *, confirm: bool = False) -> Path:
    """Remove ``root/name``, only with ``confirm=True``; returns the path removed, to say what was removed."""
    ensure_writable()
    path = _target(root, name)
    if not _existing(path):
        raise WriteRefused(f"{path.name} does not exist; nothing was removed")
    if not confirm:
        raise AlreadyExists(f"{path.name} exists; pass confirm=True (the curator's confirmation) to remove it")
    path.unlink()
    _sync_folder(path.parent)
    return path


def write_record(curated_dir: Path, record_id: str, text: str, *, folder: str = "events", overwrite: bool = False) -> Path:
    """Write a record's YAML text as ``<folder>/<record_id>.yaml`` (see ``write_file``), at most ``MAX_RECORD_BYTES``."""
    return write_file(Path(curated_dir), record_name(record_id, folder), text, overwrite=overwrite, max_bytes=MAX_RECORD_BYTES)


def remove_record(curated_dir: Path, record_id: str, *, folder: str = "drafts", confirm: bool = False) -> Path:
    """Remove a record file (a draft, by default), only with ``confirm=True``."""
    return remove_file(Path(curated_dir), record_name(record_id, folder), confirm=confirm)


def move_record(curated_dir: Path, record_id: str, *, source: str = "drafts", target: str = "events", overwrite: bool = False) -> Path:
    """Move a record from one folder to another (publish a draft): the new file is written first, then the old
    one removed, so a failure between them leaves two copies, never none."""
    ensure_writable()
    origin = _target(Path(curated_dir), record_name(record_id, source))
    if not _existing(origin):
        raise WriteRefused(f"{source}/{origin.name} does not exist; nothing was moved")
    written = write_record(curated_dir, record_id, origin.read_text(encoding="utf-8"), folder=target, overwrite=overwrite)
    remove_record(curated_dir, record_id, folder=source, confirm=True)
    return written


def read_upload(data: bytes, name: str = "the upload", *, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """An uploaded or pasted document as text, refused if too large, binary or not UTF-8 (nothing is written here).

    The text is data: it is stored and shown as it is, never run or rendered as HTML or Markdown.
    """
    if len(data) > max_bytes:
        raise TooLarge(f"{name} is {len(data):,} bytes, over the limit of {max_bytes:,} bytes")
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise WriteRefused(f"{name} is not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})") from None
    control = next((char for char in text if ord(char) < 32 and char not in "\t\n\r\f"), None)
    if control is not None:
        raise WriteRefused(f"{name} holds the control character U+{ord(control):04X}: it is binary, not a text")
    if not text.strip():
        raise WriteRefused(f"{name} is empty")
    return text
