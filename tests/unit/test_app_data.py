"""The dashboard's data access: the cache folder, and the folder watch that sees every change."""

from __future__ import annotations

import os
import time

from sctracker.app import data as app_data


def test_the_app_cache_folder_is_beside_the_curated_folder_unless_set(tmp_path, monkeypatch):
    monkeypatch.delenv("SCTRACKER_CACHE", raising=False)
    assert app_data.paths.cache_dir(tmp_path / "curated") == tmp_path / ".cache"
    monkeypatch.setenv("SCTRACKER_CACHE", str(tmp_path / "elsewhere"))
    assert app_data.paths.cache_dir(tmp_path / "curated") == tmp_path / "elsewhere"


def test_the_folder_watch_stats_every_file_each_time_for_a_small_corpus(good_copy):
    watch = app_data.FolderWatch(good_copy)
    first = watch.digest()
    assert not watch.watching and watch.digest() == first
    (good_copy[0] / "events" / "2025-12-02-new.yaml").write_text("title: x\n", encoding="utf-8")
    assert watch.digest() != first


def _eventually(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_the_folder_watch_of_a_large_corpus_stats_only_the_files_that_changed(good_copy, monkeypatch):
    watch = app_data.FolderWatch(good_copy, watch_above=0)
    try:
        first = watch.digest()
        assert watch.watching
        assert watch.digest() == first  # the look right after the watcher started
        looks = []
        real = app_data.scan_folders
        monkeypatch.setattr(app_data, "scan_folders", lambda *folders: looks.append(1) or real(*folders))
        assert watch.digest() == first and looks == []  # nothing changed: no file stat-ed
        events = good_copy[0] / "events"
        path = events / "2024-06-01-exampleland-minerals-pact.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # an edit in place
        assert _eventually(lambda: watch.digest() != first)
        assert looks == [] and watch.digest() == real(*good_copy).digest()  # that file alone looked at again
        for change in (
            lambda: (events / "2027-01-01-new.yaml").write_text("title: x\n", encoding="utf-8"),
            lambda: (events / "2027-01-01-new.yaml").rename(events / "2027-01-02-moved.yaml"),
            lambda: (events / "2027-01-02-moved.yaml").unlink(),
        ):
            before = watch.digest()
            change()
            assert _eventually(lambda before=before: watch.digest() != before)
            assert looks == [] and watch.digest() == real(*good_copy).digest()
        (events / "drafts").mkdir()  # a folder: only a look through everything can follow
        assert _eventually(lambda: watch.digest() and looks != [])
        assert watch.digest() == real(*good_copy).digest()
    finally:
        watch.stop()
    assert not watch.watching


def test_a_read_alone_is_not_a_change(good_copy):
    watch = app_data.FolderWatch(good_copy, watch_above=0)
    try:
        first = watch.digest()
        watch.digest()
        for path in (good_copy[0] / "events").iterdir():
            path.read_bytes()
        os.sync()
        time.sleep(0.5)
        assert watch.digest() == first
    finally:
        watch.stop()


def test_the_whole_map_view_is_worked_out_once_a_dataset_and_forgotten_with_it(good_copy, monkeypatch):
    import gc

    from sctracker.records.load import load

    made = []
    real = app_data.partner_map.whole_view
    monkeypatch.setattr(app_data.partner_map, "whole_view", lambda events, vocab: made.append(1) or real(events, vocab))
    dataset = load(*good_copy)
    view = app_data.whole_map_view(dataset)
    assert app_data.whole_map_view(dataset) is view and made == [1]
    assert view == real(dataset.events, dataset.vocab)
    key = id(dataset)
    del dataset
    gc.collect()
    assert key not in app_data._kept


def test_a_view_is_worked_out_once_a_key_and_the_least_recently_used_go_first(good_copy, monkeypatch):
    from sctracker.records.load import load

    monkeypatch.setattr(app_data, "KEPT_VIEWS", 2)
    dataset, other = load(*good_copy), load(*good_copy)
    made = []

    def build(name):
        return lambda: made.append(name) or [name]

    first = app_data.kept(dataset, "a", build("a"))
    assert app_data.kept(dataset, "a", build("again")) is first and made == ["a"]
    assert app_data.kept(other, "a", build("other a")) == ["other a"]  # each dataset its own
    app_data.kept(dataset, "b", build("b"))
    app_data.kept(dataset, "a", build("a, used last"))  # kept: "b" is now the least recently used
    app_data.kept(dataset, "c", build("c"))
    assert app_data.kept(dataset, "a", build("a, dropped?")) is first
    assert app_data.kept(dataset, "b", build("b again")) == ["b again"]
    assert made == ["a", "other a", "b", "c", "b again"]
