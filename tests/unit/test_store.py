"""The write path: each rule with hostile input (traversal ids, links, existing files, oversized text, team mode),
and in every refused case nothing changed on disk."""

from __future__ import annotations

import os

import pytest

from sctracker.records import store
from sctracker.records.store import (
    MAX_RECORD_BYTES,
    MAX_UPLOAD_BYTES,
    AlreadyExists,
    BadName,
    ReadOnly,
    TooLarge,
    WriteRefused,
    append_file,
    move_record,
    read_upload,
    remove_record,
    write_file,
    write_record,
)

RECORD = "id: 2025-12-02-new-forum\ntitle: A forum\n"
GOOD_ID = "2025-12-02-new-forum"


def snapshot(*folders) -> dict:
    """Every file under the folders (links as their target), to show that a refused write changed nothing."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_symlink():
                found[str(path)] = ("link", os.readlink(path))
            elif path.is_file():
                found[str(path)] = path.read_bytes()
    return found


@pytest.fixture
def project(tmp_path):
    curated, outside = tmp_path / "curated", tmp_path / "outside"
    (curated / "events").mkdir(parents=True)
    (curated / "drafts").mkdir()
    outside.mkdir()
    (outside / "secret.yaml").write_text("secret: do not touch\n", encoding="utf-8")
    return curated, outside


# (case, id): each must be refused before a file name is made from it
HOSTILE_IDS = {
    "parent": "../2025-12-02-x",
    "parent-inside": "2025-12-02-a/../../outside/secret",
    "absolute": "/tmp/2025-12-02-x",
    "empty": "",
    "not-text": 20251202,
    "uppercase": "2025-12-02-Forum",
    "no-date": "forum",
    "slash": "2025-12-02-a/b",
    "backslash": "2025-12-02-a\\..\\b",
    "nul": "2025-12-02-a\x00",
    "newline": "2025-12-02-a\n",
    "full-width-digits": "２０２５-12-02-forum",
    "arabic-indic-digits": "٢٠٢٥-12-02-forum",
    "full-width-dot": "2025-12-02-a\uff0e",
    "dot-yaml": "2025-12-02-a.yaml",
    "trailing-dash": "2025-12-02-a-",
    "too-long": "2025-12-02-" + "a" * 300,
}


@pytest.mark.parametrize("record_id", HOSTILE_IDS.values(), ids=HOSTILE_IDS.keys())
def test_a_hostile_record_id_is_refused_before_any_file_name_is_made(project, record_id):
    curated, _ = project
    before = snapshot(curated.parent)
    with pytest.raises(BadName, match=r"record id|cannot be a file name"):
        write_record(curated, record_id, RECORD)
    with pytest.raises(BadName):
        remove_record(curated, record_id, confirm=True)
    with pytest.raises(BadName):
        move_record(curated, record_id)
    assert snapshot(curated.parent) == before


@pytest.mark.parametrize("folder", ["..", "events/../..", "/tmp", "seeds"])
def test_records_go_only_to_the_record_folders(project, folder):
    curated, _ = project
    with pytest.raises(BadName, match="records are written to events or drafts"):
        write_record(curated, GOOD_ID, RECORD, folder=folder)


def test_a_new_record_is_written_whole(project):
    curated, _ = project
    path = write_record(curated, GOOD_ID, RECORD)
    assert path == curated / "events" / f"{GOOD_ID}.yaml"
    assert path.read_text(encoding="utf-8") == RECORD
    assert oct(path.stat().st_mode & 0o777) == oct(store.FILE_MODE)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file left behind


def test_an_existing_record_is_overwritten_only_when_confirmed(project):
    curated, _ = project
    path = write_record(curated, GOOD_ID, RECORD)
    with pytest.raises(AlreadyExists, match="overwrite=True"):
        write_record(curated, GOOD_ID, "title: replaced\n")
    assert path.read_text(encoding="utf-8") == RECORD
    write_record(curated, GOOD_ID, "title: replaced\n", overwrite=True)
    assert path.read_text(encoding="utf-8") == "title: replaced\n"


def test_an_existing_record_is_removed_only_when_confirmed(project):
    curated, _ = project
    path = write_record(curated, GOOD_ID, RECORD, folder="drafts")
    with pytest.raises(AlreadyExists, match="confirm=True"):
        remove_record(curated, GOOD_ID)
    assert path.exists()
    assert remove_record(curated, GOOD_ID, confirm=True) == path and not path.exists()
    with pytest.raises(WriteRefused, match="does not exist"):
        remove_record(curated, GOOD_ID, confirm=True)


def test_a_file_made_meanwhile_is_not_clobbered(project, monkeypatch):
    # between the check and the rename another writer creates the file: the link into place fails, theirs stays
    curated, _ = project
    target = curated / "events" / f"{GOOD_ID}.yaml"
    real = store._temporary_copy

    def racing(path, raw):
        temporary = real(path, raw)
        target.write_text("theirs\n", encoding="utf-8")
        return temporary

    monkeypatch.setattr(store, "_temporary_copy", racing)
    with pytest.raises(AlreadyExists, match="created meanwhile"):
        write_record(curated, GOOD_ID, RECORD)
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(project, monkeypatch):
    curated, _ = project
    path = write_record(curated, GOOD_ID, RECORD)

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_record(curated, GOOD_ID, "title: half\n", overwrite=True)
    assert path.read_text(encoding="utf-8") == RECORD
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


# Symbolic links planted in the data: (case, how to plant it). Never written through, replaced or removed.
def _link_record_out(curated, outside):
    (curated / "events" / f"{GOOD_ID}.yaml").symlink_to(outside / "secret.yaml")


def _link_record_inside(curated, outside):
    (curated / "drafts" / "other.yaml").write_text("other\n", encoding="utf-8")
    (curated / "events" / f"{GOOD_ID}.yaml").symlink_to(curated / "drafts" / "other.yaml")


def _link_folder_out(curated, outside):
    (curated / "events").rmdir()
    (curated / "events").symlink_to(outside)


def _dangling_link(curated, outside):
    (curated / "events" / f"{GOOD_ID}.yaml").symlink_to(outside / "nowhere.yaml")


LINKS = {"record-to-outside": _link_record_out, "record-to-inside": _link_record_inside, "folder-to-outside": _link_folder_out}
LINKS["dangling"] = _dangling_link


@pytest.mark.parametrize("plant", LINKS.values(), ids=LINKS.keys())
@pytest.mark.parametrize("confirmed", [False, True], ids=["unconfirmed", "confirmed"])
def test_a_symbolic_link_is_never_written_through_or_removed(project, plant, confirmed):
    curated, outside = project
    plant(curated, outside)
    before = snapshot(curated.parent)
    with pytest.raises(WriteRefused, match="symbolic link"):
        write_record(curated, GOOD_ID, "secret: overwritten\n", overwrite=confirmed)
    with pytest.raises(WriteRefused, match="symbolic link"):
        remove_record(curated, GOOD_ID, folder="events", confirm=confirmed)
    assert snapshot(curated.parent) == before
    assert (outside / "secret.yaml").read_text(encoding="utf-8") == "secret: do not touch\n"


def test_a_folder_in_place_of_a_record_is_left_alone(project):
    curated, _ = project
    (curated / "events" / f"{GOOD_ID}.yaml").mkdir()
    with pytest.raises(WriteRefused, match="not a regular file"):
        write_record(curated, GOOD_ID, RECORD, overwrite=True)


def test_an_oversized_record_is_refused_unwritten(project):
    curated, _ = project
    before = snapshot(curated)
    with pytest.raises(TooLarge, match="over the limit"):
        write_record(curated, GOOD_ID, RECORD + "# " + "x" * MAX_RECORD_BYTES + "\n")
    with pytest.raises(TooLarge, match="over the limit"):
        write_file(curated.parent / "seeds", "001_0123456789abcdef.txt", "x" * (MAX_UPLOAD_BYTES + 1))
    assert snapshot(curated) == before and not (curated.parent / "seeds").exists()


def test_publishing_a_draft_moves_it_and_never_loses_it(project, monkeypatch):
    curated, _ = project
    draft = write_record(curated, GOOD_ID, RECORD, folder="drafts")
    published = write_record(curated, GOOD_ID, "title: already published\n")
    with pytest.raises(AlreadyExists):
        move_record(curated, GOOD_ID)
    assert draft.exists() and published.read_text(encoding="utf-8") == "title: already published\n"
    assert move_record(curated, GOOD_ID, overwrite=True) == published
    assert published.read_text(encoding="utf-8") == RECORD and not draft.exists()


def test_an_append_keeps_every_byte_and_refuses_a_concurrent_change(project, monkeypatch):
    curated, _ = project
    seeds = curated.parent / "seeds"
    seeds.mkdir()
    listing = seeds / "sources.yaml"
    listing.write_text("- id: a.txt\n", encoding="utf-8")
    append_file(seeds, "sources.yaml", "- id: b.txt\n")
    assert listing.read_text(encoding="utf-8") == "- id: a.txt\n- id: b.txt\n"
    real = store._temporary_copy

    def meanwhile(path, raw):
        temporary = real(path, raw)
        listing.write_text(listing.read_text(encoding="utf-8") + "- id: theirs.txt\n", encoding="utf-8")
        return temporary

    monkeypatch.setattr(store, "_temporary_copy", meanwhile)
    with pytest.raises(WriteRefused, match="changed while"):
        append_file(seeds, "sources.yaml", "- id: c.txt\n")
    assert listing.read_text(encoding="utf-8") == "- id: a.txt\n- id: b.txt\n- id: theirs.txt\n"
    assert sorted(p.name for p in seeds.iterdir()) == ["sources.yaml"]


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "TRUE"])
def test_team_mode_writes_nothing(project, monkeypatch, value):
    curated, _ = project
    draft = write_record(curated, GOOD_ID, RECORD, folder="drafts")
    (curated.parent / "seeds").mkdir()
    (curated.parent / "seeds" / "sources.yaml").write_text("[]\n", encoding="utf-8")
    before = snapshot(curated.parent)
    monkeypatch.setenv(store.READ_ONLY_ENV, value)
    assert store.read_only()
    attempts = [
        lambda: write_record(curated, "2025-12-03-other", RECORD),
        lambda: write_record(curated, GOOD_ID, RECORD, folder="drafts", overwrite=True),
        lambda: remove_record(curated, GOOD_ID, confirm=True),
        lambda: move_record(curated, GOOD_ID),
        lambda: write_file(curated.parent / "seeds", "001_0123456789abcdef.txt", "text"),
        lambda: append_file(curated.parent / "seeds", "sources.yaml", "- id: x\n"),
    ]
    for attempt in attempts:
        with pytest.raises(ReadOnly, match="read-only"):
            attempt()
    assert snapshot(curated.parent) == before and draft.exists()


@pytest.mark.parametrize("value", ["", "0", "no", "false"])
def test_without_team_mode_a_curator_writes(project, monkeypatch, value):
    monkeypatch.setenv(store.READ_ONLY_ENV, value)
    assert not store.read_only()
    assert write_record(project[0], GOOD_ID, RECORD).exists()


# Uploads: (case, bytes, fragment of the reason)
HOSTILE_UPLOADS = {
    "oversized": (b"a" * (MAX_UPLOAD_BYTES + 1), "over the limit"),
    "not-utf8": ("Café".encode("latin-1"), "not UTF-8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"not UTF-8|control character"),
    "nul": (b"text\x00more", r"control character U\+0000"),
    "empty": (b"  \n\n", "is empty"),
}


@pytest.mark.parametrize(("data", "fragment"), HOSTILE_UPLOADS.values(), ids=HOSTILE_UPLOADS.keys())
def test_a_hostile_upload_is_refused_naming_it(data, fragment):
    with pytest.raises(WriteRefused, match=fragment) as refused:
        read_upload(data, "article.txt")
    assert "article.txt" in str(refused.value)


def test_an_upload_is_text_kept_as_it_is():
    text = "<script>alert(1)</script> **bold** =1+1\n한미 표준포럼\n"
    assert read_upload(("\ufeff" + text).encode("utf-8")) == text
