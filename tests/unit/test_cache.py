"""The loader's disk cache and its parallel reading change nothing but speed."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import msgspec
import pandas as pd
import pytest

from sctracker.query.summary import citing_records
from sctracker.records import load as loading
from sctracker.records import reuse
from sctracker.records.folder_scan import scan_folders
from sctracker.records.load import Dataset, load
from tests.conftest import PROJECT
from tests.hostile_corpus import write_corpus


def assert_same(a: Dataset, b: Dataset) -> None:
    pd.testing.assert_frame_equal(a.events, b.events)
    pd.testing.assert_frame_equal(a.rejected, b.rejected)
    pd.testing.assert_frame_equal(a.sources, b.sources)
    for table in ("partners", "sectors", "event_types"):
        pd.testing.assert_frame_equal(getattr(a.vocab, table), getattr(b.vocab, table))
    assert a.problems == b.problems and a.files_read == b.files_read


@pytest.fixture
def mixed(good_copy):
    """The good fixture plus every hostile case, a duplicate id and a broken link: every kind of result."""
    curated, seeds = good_copy
    events = curated / "events"
    write_corpus(events)
    original = events / "2025-12-02-testland-battery-forum.yaml"
    (events / "2025-12-02-testland-battery-forum.yml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    return curated, seeds


def _cache_files(cache):
    return [path for path in cache.iterdir() if path.suffix == ".msgpack"]


def test_cold_and_warm_loads_give_what_no_cache_gives(mixed, tmp_path):
    cache = tmp_path / "cache"
    plain = load(*mixed)
    assert plain.problems and not plain.events.empty  # the corpus has both
    cold = load(*mixed, cache_dir=cache)
    assert len(_cache_files(cache)) == 1
    warm = load(*mixed, cache_dir=cache)
    assert_same(plain, cold)
    assert_same(plain, warm)


_PARALLEL_CHECK = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from sctracker.records import load as loading
    from tests.unit.test_cache import assert_same

    curated, seeds, marks = (Path(arg) for arg in sys.argv[1:])
    serial = loading.load(curated, seeds)
    read_chunk = loading._read_chunk

    def marked(jobs):  # runs in a worker: leave its process id behind
        (marks / str(os.getpid())).touch()
        return read_chunk(jobs)

    loading._read_chunk = marked
    loading.PARALLEL_FROM, loading._CHUNK = 1, 4
    assert_same(serial, loading.load(curated, seeds))
    print(os.getpid())
    """
)


@pytest.mark.skipif(loading.parallel_workers() < 2, reason="reading in parallel needs two CPUs, on Linux")
def test_reading_in_parallel_changes_nothing(mixed, tmp_path):
    # in a fresh process: the loader forks its workers only from a process with a single thread
    marks = tmp_path / "workers"
    marks.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _PARALLEL_CHECK, *map(str, mixed), str(marks)],
        capture_output=True, text=True, timeout=120, cwd=PROJECT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    workers = {int(path.name) for path in marks.iterdir()}
    assert len(workers) >= 2 and int(done.stdout) not in workers


def _files_read(monkeypatch) -> list[str]:
    """The names of the event files the loader reads from now on, in order."""
    read = []
    real = loading._read_event_file
    monkeypatch.setattr(loading, "_read_event_file", lambda path, *args: read.append(path.name) or real(path, *args))
    return read


def test_a_warm_load_reads_only_changed_files(good_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    load(*good_copy, cache_dir=cache)
    read = _files_read(monkeypatch)
    load(*good_copy, cache_dir=cache)
    assert read == []
    edited = good_copy[0] / "events" / "2024-06-01-exampleland-minerals-pact.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load(*good_copy, cache_dir=cache)
    assert read == [edited.name]


def test_an_edit_shows_on_the_next_load(good_copy, tmp_path):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    load(curated, seeds, cache_dir=cache)
    path = curated / "events" / "2025-12-02-testland-battery-forum.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: 2nd Korea–Testland Battery Forum", "title: Renamed forum"), encoding="utf-8"
    )
    events = load(curated, seeds, cache_dir=cache).events.set_index("id")
    assert events.at["2025-12-02-testland-battery-forum", "title"] == "Renamed forum"
    assert_same(load(curated, seeds), load(curated, seeds, cache_dir=cache))


def test_an_edit_into_invalid_yaml_is_reported(good_copy, tmp_path):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    load(curated, seeds, cache_dir=cache)
    (curated / "events" / "2025-12-02-testland-battery-forum.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    dataset = load(curated, seeds, cache_dir=cache)
    assert "2025-12-02-testland-battery-forum" not in set(dataset.events["id"])
    assert [p.path for p in dataset.problems] == ["curated/events/2025-12-02-testland-battery-forum.yaml"]
    assert "YAML syntax" in dataset.problems[0].message


def test_removing_a_file_removes_its_row(good_copy, tmp_path):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    assert len(load(curated, seeds, cache_dir=cache).events) == 3
    (curated / "events" / "2026-01-22-union-chip-dialogue.yaml").unlink()
    dataset = load(curated, seeds, cache_dir=cache)
    assert list(dataset.events["id"]) == ["2024-06-01-exampleland-minerals-pact", "2025-12-02-testland-battery-forum"]
    assert dataset.files_read == 2 and dataset.rejected.empty
    # the pact links to the removed record: the check across files reports the link, naming the line, and keeps the pact
    assert [str(p) for p in dataset.problems] == [
        "curated/events/2024-06-01-exampleland-minerals-pact.yaml:14: related[0]: no record has id '2026-01-22-union-chip-dialogue'"
    ]
    assert_same(load(curated, seeds), dataset)


def test_checks_across_files_run_on_every_load(good_copy, tmp_path):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    load(curated, seeds, cache_dir=cache)
    events = curated / "events"
    (events / "2025-12-02-testland-battery-forum.yml").write_text(
        (events / "2025-12-02-testland-battery-forum.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    dataset = load(curated, seeds, cache_dir=cache)
    assert [(p.field, p.line) for p in dataset.problems] == [("id", 1)] and "duplicate id" in dataset.problems[0].message
    assert (
        citing_records(dataset.events, dataset.sources.index).sum()
        == citing_records(load(curated, seeds).events, dataset.sources.index).sum()
    )


def test_a_vocabulary_change_empties_the_cache(good_copy, tmp_path):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    load(curated, seeds, cache_dir=cache)
    sectors = curated / "sectors.yaml"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("label: Batteries", "label: Battery cells"), encoding="utf-8")
    events = load(curated, seeds, cache_dir=cache).events
    assert "Battery cells" in events["sector_labels"].explode().tolist()


def test_a_source_change_empties_the_cache(good_copy, tmp_path):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    load(curated, seeds, cache_dir=cache)
    bulletin = seeds / "000_4e5a9cc05a6421ba.txt"
    bulletin.write_text(
        bulletin.read_text(encoding="utf-8").replace("held the 2nd Korea–Testland Battery Forum", "held a forum"), encoding="utf-8"
    )
    dataset = load(curated, seeds, cache_dir=cache)
    assert any("quote not found" in p.message for p in dataset.problems)
    assert_same(load(curated, seeds), dataset)


def _forge(cache_file: Path, change) -> None:
    """Rewrite the cache's content through ``change`` (of the decoded msgpack), keeping it well-formed."""
    content = msgspec.msgpack.decode(cache_file.read_bytes())
    change(content)
    cache_file.write_bytes(msgspec.msgpack.encode(content))


def _retitle(content) -> None:
    for entry in content[7].values():
        if entry[6] is not None:
            entry[6]["title"] = "FORGED"


def _pickle_payload(marker: Path) -> bytes:
    """A pickle that would create ``marker`` when loaded: the old cache format's hazard."""

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    return pickle.dumps(Payload())


def _row_type(content) -> None:
    next(entry for entry in content[7].values() if entry[6] is not None)[6]["date_inferred"] = "yes"


def _row_missing_column(content) -> None:
    del next(entry for entry in content[7].values() if entry[6] is not None)[6]["summary"]


def _frame_dtype(content) -> None:
    content[5][4][0] = "category"


def _frame_short_column(content) -> None:
    content[5][6][0] = content[5][6][0][:-1]


def _frame_bad_date(content) -> None:
    column = content[5][3].index(content[5][5][0])  # the sources' first date column
    content[5][6][column][0] = "2025-02-30"


# Each hostile cache file: (case, how to make it from a good one). Each must be ignored, nothing in it run
# or shown, and the cache written afresh.
HOSTILE_CACHES = {
    "empty": lambda path, marker: path.write_bytes(b""),
    "garbage": lambda path, marker: path.write_bytes(b"not msgpack at all \xc1\xff"),
    "truncated": lambda path, marker: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "pickle-that-runs-code": lambda path, marker: path.write_bytes(_pickle_payload(marker)),
    "json": lambda path, marker: path.write_text('{"format": 2}', encoding="utf-8"),
    "another-shape": lambda path, marker: path.write_bytes(msgspec.msgpack.encode({"files": {}})),
    "another-format": lambda path, marker: _forge(path, lambda content: content.__setitem__(0, 1)),
    "another-context": lambda path, marker: _forge(path, lambda content: content.__setitem__(1, "0" * 32)),
    "row-value-of-another-type": lambda path, marker: _forge(path, _row_type),
    "row-missing-a-column": lambda path, marker: _forge(path, _row_missing_column),
    "table-of-an-unknown-type": lambda path, marker: _forge(path, _frame_dtype),
    "table-column-too-short": lambda path, marker: _forge(path, _frame_short_column),
    "table-impossible-date": lambda path, marker: _forge(path, _frame_bad_date),
    "writable-by-others": lambda path, marker: (_forge(path, _retitle), path.chmod(0o666)),
    "writable-by-the-group": lambda path, marker: (_forge(path, _retitle), path.chmod(0o620)),
    "a-link-to-a-forged-file": lambda path, marker: (
        _forge(path, _retitle),
        path.rename(marker.with_name("forged.msgpack")),
        path.symlink_to(marker.with_name("forged.msgpack")),
    ),
    "a-folder": lambda path, marker: (path.unlink(), path.mkdir()),
}


@pytest.mark.parametrize("tamper", HOSTILE_CACHES.values(), ids=HOSTILE_CACHES.keys())
def test_a_hostile_cache_file_is_ignored_run_never_and_rebuilt(good_copy, tmp_path, tamper):
    cache, marker = tmp_path / "cache", tmp_path / "ran"
    load(*good_copy, cache_dir=cache)
    [cache_file] = _cache_files(cache)
    tamper(cache_file, marker)
    dataset = load(*good_copy, cache_dir=cache)
    assert_same(load(*good_copy), dataset)
    assert "FORGED" not in set(dataset.events["title"])
    assert not marker.exists()  # nothing in the file ran
    if cache_file.is_dir():  # the cache could not be written: nothing lost, the next load reads again
        return
    info = cache_file.lstat()
    assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600  # written afresh, for this user alone
    assert_same(dataset, load(*good_copy, cache_dir=cache))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_cache_file_of_another_user_is_ignored(good_copy, tmp_path):
    cache = tmp_path / "cache"
    load(*good_copy, cache_dir=cache)
    [cache_file] = _cache_files(cache)
    _forge(cache_file, _retitle)
    os.chown(cache_file, 65534, 65534)
    assert "FORGED" not in set(load(*good_copy, cache_dir=cache).events["title"])
    assert cache_file.stat().st_uid == os.geteuid()


def test_the_cache_is_trusted_as_far_as_its_owner_and_no_further(good_copy, tmp_path):
    # what the tests above refuse would otherwise be used: a file of this user, writable by it alone, is
    # as trusted as the user's own records (whoever can write it can write them)
    cache = tmp_path / "cache"
    load(*good_copy, cache_dir=cache)
    [cache_file] = _cache_files(cache)
    _forge(cache_file, _retitle)
    assert set(load(*good_copy, cache_dir=cache).events["title"]) == {"FORGED"}
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700  # the folder it made: only this user may enter


def test_a_read_only_cache_folder_changes_nothing_but_speed(good_copy, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert_same(load(*good_copy), load(*good_copy, cache_dir=cache))
    finally:
        cache.chmod(0o700)


def test_a_value_the_cache_cannot_hold_means_no_cache_not_a_failure(good_copy, tmp_path):
    from sctracker.records.cache import write_cache

    dataset = load(*good_copy)
    odd = dataset.sources.assign(published=[object()] * len(dataset.sources))
    write_cache(tmp_path / "cache" / "records.msgpack", "context", dataset.vocab, odd, [], {})
    assert not (tmp_path / "cache" / "records.msgpack").exists()


# A load given the previous one (``records.reuse``): what a running server does after a curator's change ----------


def _retitled(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntitle: ") + 1
    path.write_text(text[:start] + f"title: {title}\n" + text[text.index("\n", start) + 1 :], encoding="utf-8")


@pytest.mark.parametrize("update_up_to", [1_000, 0], ids=["table updated", "table made again"])
def test_each_load_given_the_previous_gives_what_no_cache_gives(mixed, tmp_path, monkeypatch, update_up_to):
    monkeypatch.setattr(reuse, "UPDATE_UP_TO", update_up_to)
    curated, seeds = mixed
    cache, events = tmp_path / "cache", curated / "events"
    forum = events / "2025-12-02-testland-battery-forum.yaml"
    steps = {
        "unchanged": lambda: None,
        "edited": lambda: _retitled(forum, "Renamed forum"),
        "added": lambda: (events / "2027-01-01-added.yaml").write_text(
            forum.read_text(encoding="utf-8").replace("id: 2025-12-02-testland-battery-forum", "id: 2027-01-01-added"), encoding="utf-8"
        ),
        "made invalid": lambda: forum.write_text("title: [unclosed\n", encoding="utf-8"),
        "its duplicate removed": lambda: (events / "2025-12-02-testland-battery-forum.yml").unlink(),
        "a linked record removed": lambda: (events / "2026-01-22-union-chip-dialogue.yaml").unlink(),
        "removed": lambda: (events / "2027-01-01-added.yaml").unlink(),
    }
    dataset = load(curated, seeds, cache_dir=cache)
    for step, change in steps.items():
        change()
        reused = load(curated, seeds, cache_dir=cache, previous=dataset, scan=scan_folders(curated, seeds))
        assert reused.memory is not None, step
        assert_same(load(curated, seeds), reused)
        assert_same(reused, load(curated, seeds, cache_dir=cache))  # and a fresh process's load, from the disk cache
        dataset = reused
    assert "Renamed forum" not in set(dataset.events["title"])  # the steps did change something


def test_a_load_given_the_previous_reads_only_changed_files_and_not_the_disk_cache(good_copy, tmp_path, monkeypatch):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    dataset = load(curated, seeds, cache_dir=cache)
    read = _files_read(monkeypatch)
    monkeypatch.setattr(loading, "read_cache", lambda *args: pytest.fail("the disk cache was read"))
    unchanged = load(curated, seeds, cache_dir=cache, previous=dataset)
    assert read == [] and unchanged.events is dataset.events  # nothing changed: the very same table
    edited = curated / "events" / "2024-06-01-exampleland-minerals-pact.yaml"
    _retitled(edited, "Renamed pact")
    after = load(curated, seeds, cache_dir=cache, previous=unchanged)
    assert read == [edited.name]
    assert after.events.set_index("id").at["2024-06-01-exampleland-minerals-pact", "title"] == "Renamed pact"
    assert unchanged.events.set_index("id").at["2024-06-01-exampleland-minerals-pact", "title"] != "Renamed pact"  # not changed in place


def test_the_disk_cache_is_written_again_only_after_many_files_were_read(good_copy, tmp_path, monkeypatch):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    dataset = load(curated, seeds, cache_dir=cache)
    written = []
    real = loading.write_cache
    monkeypatch.setattr(loading, "write_cache", lambda *args: written.append(len(args[-1])) or real(*args))
    monkeypatch.setattr(loading, "REWRITE_AFTER", 1)
    edited = curated / "events" / "2024-06-01-exampleland-minerals-pact.yaml"
    _retitled(edited, "First rename")
    dataset = load(curated, seeds, cache_dir=cache, previous=dataset)
    assert written == [] and dataset.memory.unsaved == 1
    _retitled(edited, "Second rename")
    dataset = load(curated, seeds, cache_dir=cache, previous=dataset)
    assert written == [3] and dataset.memory.unsaved == 0
    assert_same(dataset, load(curated, seeds, cache_dir=cache))


def test_a_previous_load_of_another_context_is_not_reused(good_copy, tmp_path):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    dataset = load(curated, seeds, cache_dir=cache)
    sectors = curated / "sectors.yaml"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("label: Batteries", "label: Battery cells"), encoding="utf-8")
    reused = load(curated, seeds, cache_dir=cache, previous=dataset)
    assert "Battery cells" in reused.events["sector_labels"].explode().tolist()
    assert_same(load(curated, seeds), reused)
    assert load(curated, seeds, previous=dataset).memory is None  # without a disk cache, nothing is kept either


def test_a_folders_digest_is_the_same_looked_through_alone_or_with_others(good_copy):
    curated, seeds = good_copy
    both = scan_folders(curated, seeds)
    assert both.digest(seeds) == scan_folders(seeds).digest() and both.digest(curated) == scan_folders(curated).digest()
    assert both.digest() not in (both.digest(seeds), both.digest(curated))
    gone = curated.parent / "gone"
    assert scan_folders(gone).digest() != scan_folders(seeds).digest() and scan_folders(gone).missing == (str(gone),)


def test_a_look_brought_up_to_date_is_the_look_taken_again(good_copy):
    curated, seeds = good_copy
    look = scan_folders(curated, seeds)
    events = curated / "events"
    edited, removed, added = (
        events / "2024-06-01-exampleland-minerals-pact.yaml",
        events / "2026-01-22-union-chip-dialogue.yaml",
        events / "new.yaml",
    )
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    removed.unlink()
    added.write_text("title: x\n", encoding="utf-8")
    outside = curated.parent / "elsewhere.yaml"
    outside.write_text("x", encoding="utf-8")
    changed = [str(path) for path in (edited, removed, added, outside, events / "never-there.yaml")]
    updated = look.updated(changed)
    again = scan_folders(curated, seeds)
    assert updated.files == again.files and updated.digest() == again.digest() != look.digest()
    assert updated.digest(seeds) == look.digest(seeds)  # nothing changed there
    (events / "sub").mkdir()
    assert look.updated([str(events / "sub")]) is None  # a folder: look through everything again


def test_a_load_takes_the_files_sizes_and_times_from_the_look_it_is_given(good_copy, tmp_path):
    curated, seeds = good_copy
    cache = tmp_path / "cache"
    dataset = load(curated, seeds, cache_dir=cache)
    look = scan_folders(curated, seeds)
    edited = curated / "events" / "2024-06-01-exampleland-minerals-pact.yaml"
    _retitled(edited, "Renamed after the look")
    as_looked = load(curated, seeds, cache_dir=cache, previous=dataset, scan=look)
    assert "Renamed after the look" not in set(as_looked.events["title"])  # the data as of the look: no file stat-ed again
    seen = load(curated, seeds, cache_dir=cache, previous=as_looked, scan=scan_folders(curated, seeds))
    assert "Renamed after the look" in set(seen.events["title"])  # the next look sees the edit
    assert_same(load(curated, seeds), seen)


def test_rows_put_into_a_sorted_table_land_where_a_sort_puts_them():
    rng = __import__("random").Random(7)
    days = pd.to_datetime(["2020-01-01", "2020-01-02", "2021-06-30"]).astype("datetime64[s]")

    def table(ids):
        frame = pd.DataFrame({"date": [days[rng.randrange(3)] for _ in ids], "id": ids, "n": range(len(ids))})
        return frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)

    for _ in range(50):
        ids = [f"{rng.choice('abc')}{i}" for i in rng.sample(range(1000), 40)]
        events, new = table(ids[:35]), table(ids[35:])
        expected = pd.concat([events, new], ignore_index=True).sort_values(["date", "id"], kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(reuse._merged(events, None, new), expected)
        kept = [rng.random() < 0.8 for _ in range(len(events))]
        pd.testing.assert_frame_equal(reuse._merged(events, pd.Series(kept).to_numpy(), None), events[kept].reset_index(drop=True))
