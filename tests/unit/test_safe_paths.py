"""Names from the data stay inside their folder: each hostile name refused with its reason, plain names kept."""

from __future__ import annotations

import os

import pytest

from sctracker.records.safe_paths import UnsafePath, check_name, inside, readable_file

# (case, name, fragment of the reason)
HOSTILE_NAMES = [
    ("empty", "", "is empty"),
    ("not-text", 42, "is empty"),
    ("absolute", "/etc/passwd", "absolute path"),
    ("parent", "../secret.txt", "'..'"),
    ("parent-deep", "a/../../secret.txt", "'..'"),
    ("parent-alone", "..", "'..'"),
    ("dot", ".", "'.' part"),
    ("double-slash", "a//b.txt", "empty or '.' part"),
    ("nul", "a.txt\0.png", "NUL"),
    ("newline", "a\n.txt", "control character U+000A"),
    ("windows-separator", "..\\secret.txt", "backslash"),
    ("windows-drive", "C:secret.txt", "':'"),
    ("full-width-dots", "\uff0e\uff0e/secret.txt", "U+FF0E"),
    ("full-width-slash", "..\uff0fsecret.txt", "U+FF0F"),
    ("one-dot-leader", "\u2025/secret.txt", "U+2025"),
    ("bidi-override", "txt.\u202egnp", "U+202E"),
    ("zero-width", "a\u200b.txt", "U+200B"),
    ("hidden", ".git/config", "hidden part '.git'"),
    ("too-long", "a" * 256 + ".txt", "longer than 255 bytes"),
]


@pytest.mark.parametrize(("name", "fragment"), [case[1:] for case in HOSTILE_NAMES], ids=[case[0] for case in HOSTILE_NAMES])
def test_hostile_names_are_refused_with_a_reason(tmp_path, name, fragment):
    with pytest.raises(UnsafePath) as refused:
        inside(tmp_path, name)
    assert fragment in str(refused.value)


@pytest.mark.parametrize("name", ["001_9b46d61e6e31a0a3.txt", "bulletin.txt", "2025/a-b_c.txt", "한국어.txt", "café.txt"])
def test_plain_names_are_kept(tmp_path, name):
    assert check_name(name) == name
    assert inside(tmp_path, name) == tmp_path / name


def test_a_symbolic_link_leading_out_is_refused(tmp_path):
    folder, outside = tmp_path / "seeds", tmp_path / "secret.txt"
    folder.mkdir()
    outside.write_text("secret", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "sub").symlink_to(tmp_path)
    for name in ("link.txt", "sub/secret.txt"):
        with pytest.raises(UnsafePath, match="leads outside the seeds folder through a symbolic link"):
            inside(folder, name, "seeds folder")


def test_a_symbolic_link_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text("text", encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    assert inside(tmp_path, "alias.txt").read_text(encoding="utf-8") == "text"


def test_a_pipe_or_a_folder_is_not_a_readable_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block for ever
    (tmp_path / "folder.txt").mkdir()
    for name in ("pipe.txt", "folder.txt"):
        with pytest.raises(UnsafePath, match="not a regular file"):
            readable_file(tmp_path, name)


@pytest.mark.parametrize("listed", ["curated/partners.yaml", "curated/sectors.yaml", "seeds/sources.yaml"])
def test_a_list_file_linked_from_outside_is_not_read(good_copy, tmp_path, listed):
    from sctracker.records.load import load

    curated, _ = good_copy
    project = curated.parent
    outside = tmp_path / "outside.yaml"
    outside.write_bytes((project / listed).read_bytes())  # a valid list: if it were read, it would pass
    (project / listed).unlink()
    (project / listed).symlink_to(outside)
    dataset = load(*good_copy)
    assert [(p.path, p.message) for p in dataset.problems if p.path == listed] == [
        (listed, "leads outside the folder through a symbolic link; not read")
    ]
