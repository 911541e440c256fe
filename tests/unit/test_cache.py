"""The loader's disk cache and its parallel reading change nothing but speed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from sctracker.query.summary import citing_records
from sctracker.records import load as loading
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
    return [path for path in cache.iterdir() if path.suffix == ".pickle"]


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


def test_a_warm_load_reads_only_changed_files(good_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    load(*good_copy, cache_dir=cache)
    read = []
    real = loading._read_event_file
    monkeypatch.setattr(loading, "_read_event_file", lambda path, *args: read.append(path.name) or real(path, *args))
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


@pytest.mark.parametrize("content", [b"", b"not a pickle at all", b"\x80\x05N."], ids=["empty", "garbage", "a pickled None"])
def test_a_corrupt_cache_file_is_ignored(good_copy, tmp_path, content):
    cache = tmp_path / "cache"
    load(*good_copy, cache_dir=cache)
    [cache_file] = _cache_files(cache)
    cache_file.write_bytes(content)
    assert_same(load(*good_copy), load(*good_copy, cache_dir=cache))
    assert cache_file.stat().st_size > 100  # written afresh
