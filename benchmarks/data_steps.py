"""The server benchmark's data steps: loads in a fresh process (cold and warm), a curator's change to one record
in a large corpus, the filter and the freshness check, and each figure builder (``benchmarks.bench`` runs them)."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.measurement import Measurement, repeat, timed
from sctracker import paths
from sctracker.app.data import FolderWatch, load_with_disk_cache
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.folder_scan import folder_fingerprint
from sctracker.records.history import head_state, record_history, repository
from sctracker.records.load import Dataset, load

TYPICAL_FILTER = Filters(sectors=("batteries",), date_from=dt.date(2020, 1, 1))
SEARCH_FILTER = Filters(text="supply chain")


# Loads in a fresh process -------------------------------------------------------------------------


def load_in_child(curated: Path, seeds: Path, cache_dir: Path) -> None:
    """Run in the child process: time one load and print its wall and CPU seconds as JSON."""
    wall, cpu, dataset = timed(lambda: load(curated, seeds, cache_dir=cache_dir))
    print(json.dumps({"wall": wall, "cpu": cpu, "events": len(dataset.events), "problems": len(dataset.problems)}))


def _load_in_fresh_process(curated: Path, seeds: Path, cache_dir: Path) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench", "--load-once", str(curated), str(seeds), str(cache_dir)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=paths.PROJECT_ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_loads(size: str, curated: Path, seeds: Path, cache_dir: Path, repeats: int) -> list[Measurement]:
    """Cold loads (each with an empty cache folder, as a server's first start) and warm loads (the cache filled)."""
    cold = Measurement(size, "load: cold (fresh process, empty cache)")
    for _ in range(repeats):
        empty = Path(tempfile.mkdtemp(prefix="sctracker-cold-"))
        try:
            run = _load_in_fresh_process(curated, seeds, empty)
        finally:
            shutil.rmtree(empty, ignore_errors=True)
        cold.wall.append(run["wall"])
        cold.cpu.append(run["cpu"])
        cold.extra = {"events": run["events"], "problems": run["problems"]}
    _load_in_fresh_process(curated, seeds, cache_dir)  # fill the cache
    warm = Measurement(size, "load: warm (fresh process, cache filled)")
    for _ in range(repeats):
        run = _load_in_fresh_process(curated, seeds, cache_dir)
        warm.wall.append(run["wall"])
        warm.cpu.append(run["cpu"])
    return [cold, warm]


# A curator's change ------------------------------------------------------------------------------


def _next_rerun_data(watch: FolderWatch, curated: Path, seeds: Path) -> Dataset:
    """What the dashboard's next rerun does about the data once a file changed (``app.data.dataset``): the digest
    from its folder watch (which stats only the files its watcher saw change), then the load given the last one
    and the watch's look (``app.data.load_with_disk_cache``)."""
    watch.digest()
    return load_with_disk_cache(curated, seeds, watch.scan)


def _seen(watch: FolderWatch, seconds: float = 10) -> None:
    """Wait until the watcher has reported the change (a few milliseconds; not part of what is timed: the next
    rerun comes when the curator looks again)."""
    deadline = time.monotonic() + seconds
    while not watch.saw_change and time.monotonic() < deadline:
        time.sleep(0.005)


def measure_record_changes(size: str, curated: Path, seeds: Path, repeats: int) -> list[Measurement]:
    """A record added, edited and removed in the corpus, each timed until the next rerun's data show it.

    The process has loaded the corpus once and the disk cache is warm, as in a running server. The added
    record is a copy of the corpus's first under a new id; the edit changes its title; then it is removed.
    Each run checks that the change shows (``extra["shown"]``), and the corpus is left as it was.
    """
    import yaml

    events = paths.events_dir(curated)
    template = min(events.glob("*.yaml"))
    record = yaml.safe_load(template.read_text(encoding="utf-8"))
    record["id"] = f"{record['id']}-added-by-bench"
    added = events / f"{record['id']}.yaml"
    watch = FolderWatch((curated, seeds), watch_above=0)
    _next_rerun_data(watch, curated, seeds)  # the server's first load: the cache is warm from here on
    changes = {
        "added": (
            lambda: added.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8"),
            lambda dataset: record["id"] in set(dataset.events["id"]),
        ),
        "edited": (
            lambda: added.write_text(
                yaml.safe_dump(record | {"title": record["title"] + " (edited)"}, sort_keys=False, allow_unicode=True), encoding="utf-8"
            ),
            lambda dataset: (dataset.events["title"] == record["title"] + " (edited)").any(),
        ),
        "removed": (added.unlink, lambda dataset: record["id"] not in set(dataset.events["id"])),
    }
    measurements = {kind: Measurement(size, f"record {kind}: the next rerun's data (digest, load given the last one)") for kind in changes}
    try:
        for _ in range(repeats):
            for kind, (change, shows) in changes.items():
                change()
                _seen(watch)
                wall, cpu, dataset = timed(lambda: _next_rerun_data(watch, curated, seeds))
                measurement = measurements[kind]
                measurement.wall.append(wall)
                measurement.cpu.append(cpu)
                shown = bool(shows(dataset)) and not dataset.problems
                measurement.extra["shown"] = measurement.extra.get("shown", True) and shown
    finally:
        added.unlink(missing_ok=True)
        watch.stop()
    return list(measurements.values())


# In-process measurements --------------------------------------------------------------------------


def measure_data_steps(size: str, dataset: Dataset, curated: Path, seeds: Path, repeats: int) -> list[Measurement]:
    """The filter, the per-rerun freshness check, and what ``st.cache_data`` would cost instead of a shared resource."""
    typical = Measurement(size, "filter: one sector, from 2020")
    rows = repeat(typical, lambda: apply_filters(dataset.events, TYPICAL_FILTER), repeats)
    typical.extra = {"rows": len(rows)}
    search = Measurement(size, "filter: text search")
    rows = repeat(search, lambda: apply_filters(dataset.events, SEARCH_FILTER), repeats)
    search.extra = {"rows": len(rows)}
    stat = Measurement(size, "stat every file (freshness check)")
    _, files = repeat(stat, lambda: folder_fingerprint(curated, seeds), repeats)
    stat.extra = {"files": files}
    stat.note = "done on every rerun only up to app_data.WATCH_ABOVE_FILES files; past that, after a watcher sees a change"
    copy = Measurement(size, "cache_data copy of the Dataset (not used)")
    repeat(copy, lambda: pickle.loads(pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)), repeats)
    copy.note = "what st.cache_data would add to every rerun; app.data shares one read-only Dataset instead"
    return [typical, search, stat, copy]


def _figure_recipes() -> Iterator[tuple[str, str, Callable[[Dataset], Callable[[], object]]]]:
    """Each figure builder the package has, called as its page calls it: (module, name, setup -> call)."""
    from sctracker.figures.style import ChartLabels

    def labels(dataset: Dataset, chart: str):
        return ChartLabels.for_view(Filters(), dataset.vocab, dataset.events, chart)

    def timeline_chart(dataset):
        from sctracker.figures import timeline

        events = dataset.events
        window, last = timeline.densest_window(events), timeline.latest_held(events)
        return lambda: timeline.timeline_figure(events, dataset, labels(dataset, "timeline"), window, last)

    def timeline_months(dataset):
        from sctracker.figures import timeline

        return lambda: timeline.monthly_figure(dataset.events, dataset, labels(dataset, "timeline-per-month"))

    def sectors_by_partner(dataset):
        from sctracker.figures import sectors as sector_matrix

        sectors = sector_matrix.shown_sectors(dataset.vocab)

        def build():
            grid = sector_matrix.partner_grid(dataset.events, dataset.vocab, sectors, False, "engagement")
            return sector_matrix.grid_figure(grid, "Events by partner and sector", labels(dataset, "sector-matrix"))

        return build

    def sectors_by_year(dataset):
        from sctracker.figures import sectors as sector_matrix

        sectors = sector_matrix.shown_sectors(dataset.vocab)

        def build():
            grid = sector_matrix.period_grid(dataset.events, dataset.vocab, sectors, "year")
            return sector_matrix.grid_figure(grid, "Events by sector and year", labels(dataset, "sector-by-year"))

        return build

    def partner_deck(dataset):
        from sctracker.figures import partner_map

        return lambda: partner_map.partner_deck(dataset.events, dataset.vocab)

    def events_table(dataset):
        from sctracker.app.tables import table_view

        return lambda: table_view(dataset.events)

    def events_csv(dataset):
        from sctracker.export import events_csv as make_csv

        return lambda: make_csv(dataset.events)

    yield "sctracker.figures.timeline", "figure: timeline", timeline_chart
    yield "sctracker.figures.timeline", "figure: events per month", timeline_months
    yield "sctracker.figures.sectors", "figure: partners by sector", sectors_by_partner
    yield "sctracker.figures.sectors", "figure: sectors by year", sectors_by_year
    yield "sctracker.figures.partner_map", "figure: partner map", partner_deck
    yield "sctracker.app.tables", "table: events table view", events_table
    yield "sctracker.export", "table: events CSV", events_csv


def _payload_bytes(result: object) -> int | None:
    """How many bytes a figure sends to the browser (plotly or pydeck JSON, a table's CSV or Arrow)."""
    if hasattr(result, "to_json"):
        return len(result.to_json())
    if isinstance(result, bytes):
        return len(result)
    return None


def measure_figures(size: str, dataset: Dataset, repeats: int) -> list[Measurement]:
    """Each figure builder on every event (the unfiltered view, the largest)."""
    import importlib.util

    measurements = []
    for module, name, recipe in _figure_recipes():
        measurement = Measurement(size, name)
        measurements.append(measurement)
        if importlib.util.find_spec(module) is None:
            measurement.note = f"skipped: {module} does not exist yet"
            continue
        try:
            result = repeat(measurement, recipe(dataset), repeats)
        except Exception as err:  # a builder whose signature moved must not stop the benchmark
            measurement.wall.clear()
            measurement.cpu.clear()
            measurement.note = f"failed: {type(err).__name__}: {err}"[:300]
            continue
        payload = _payload_bytes(result)
        if payload is not None:
            measurement.extra["bytes"] = payload
    return measurements


#: Who commits the synthetic corpus into its git repository, at a fixed day (the history's timing does not depend on it).
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "Benchmark",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Benchmark",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def commit_corpus(root: Path, edited_share: float = 0.05) -> None:
    """Make a synthetic corpus a git repository with a history: every record added in one commit, then a share of
    them edited (a line appended to the curation note) in a second."""
    env = {**os.environ, **_GIT_ENV}

    def git(*args: str, day: str) -> None:
        stamp = {"GIT_AUTHOR_DATE": f"{day}T09:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T09:00:00+00:00"}
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env | stamp)

    git("init", "-q", day="2026-01-01")
    git("add", "-A", day="2026-01-01")
    git("commit", "-q", "-m", "synthetic corpus", day="2026-01-01")
    files = sorted(paths.events_dir(root / "curated").glob("*.yaml"))
    for path in files[:: max(1, round(1 / edited_share))]:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("# reviewed again\n")
    git("commit", "-q", "-am", "a share of the records reviewed", day="2026-02-01")


def measure_history(size: str, curated: Path, repeats: int) -> list[Measurement]:
    """The records' history: read from git (one log and one status, no cache), and what a rerun of the dashboard
    adds for it (the state of HEAD, two stats, with the folder digest it already has, and the cached history)."""
    repo, _ = repository(curated)
    first = Measurement(size, "history: read from git (no cache)")
    table = repeat(first, lambda: record_history(repo, curated), repeats)
    first.extra = {"records": int(table["removed"].isna().sum()), "files_ever": len(table)}
    rerun = Measurement(size, "history: rerun (HEAD's state, then the cache)")
    repeat(rerun, lambda: head_state(curated), repeats)
    rerun.note = "the dashboard keys its cached dataset on head_state and the folder digest; cached_history runs only on a change"
    return [first, rerun]
