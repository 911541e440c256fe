"""The benchmark behind ``make bench``: how fast the dashboard is as the corpus grows, against an empty page.

For the real records and synthetic corpora of 1,000, 10,000 and 50,000 (``benchmarks.synth``, made once in
a temporary folder, then committed to a git repository of its own), it times the cold load (a fresh process, an empty disk cache), the warm load (a fresh
process, the disk cache filled), the filter on a typical choice and on a text search, each figure builder
it finds, the records' history from git (read, and on a rerun), and each page's script through ``AppTest`` (its first run, then reruns after a filter change),
and the same runs of an empty Streamlit page as the baseline. It prints medians and their ratio to the
empty page's rerun, writes everything to ``bench-results/bench.json``, says which targets are met, and
measures the peak memory of a real server process serving one session at the largest size.

Timings are wall-clock medians; CPU time is kept beside each run in the JSON, as the machine may be shared.
No test asserts on these numbers: the tests check correctness, this reports speed.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.synth import generate
from sctracker import paths
from sctracker.app.pages import PAGES
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.cache import folder_fingerprint
from sctracker.records.history import head_state, record_history, repository
from sctracker.records.load import Dataset, load

SIZES = ("real", "1000", "10000", "50000")
#: Runs per measurement: fewer at the large sizes, to keep ``make bench`` near 5 minutes on 2 cores.
REPEATS = {"real": 9, "1000": 7, "10000": 5, "50000": 5}
LOAD_REPEATS = {"real": 5, "1000": 5, "10000": 5, "50000": 3}
TYPICAL_FILTER = Filters(sectors=("batteries",), date_from=dt.date(2020, 1, 1))
SEARCH_FILTER = Filters(text="supply chain")
#: The filter change timed on every page: the sector filter alternates between these.
SECTOR_CHANGES = (["batteries"], ["semiconductors"])
SEED = 1
EMPTY_PAGE = "import streamlit as st\n"
#: A page with only what every page of the dashboard shares: page config, data, sidebar, notices, filter.
#: The dashboard's shell (data, sidebar, filters, link) around a blank page: what every page costs before its own work.
SETUP_ONLY_APP = (
    "from sctracker.app.page import run_app\nfrom sctracker.app.pages import PageSpec\n\n"
    'run_app((PageSpec("blank_page.py", "Blank", "Blank", ":material/check_box_outline_blank:"),))\n'
)
#: Targets from the issue, in seconds.
COLD_LOAD_TARGETS = {"10000": 1.0, "50000": 4.0}
RERUN_TARGET_SIZE, RERUN_TARGET = "50000", 0.3
RERUN_RATIO_TARGET = 5.0


@dataclasses.dataclass
class Measurement:
    """One thing timed at one corpus size: every run's wall and CPU seconds, and what else was seen."""

    size: str
    name: str
    wall: list[float] = dataclasses.field(default_factory=list)
    cpu: list[float] = dataclasses.field(default_factory=list)
    note: str = ""
    extra: dict = dataclasses.field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return statistics.median(self.wall) if self.wall else None


def _timed(function: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _repeat(measurement: Measurement, function: Callable[[], object], repeats: int) -> object:
    result = None
    for _ in range(repeats):
        wall, cpu, result = _timed(function)
        measurement.wall.append(wall)
        measurement.cpu.append(cpu)
    return result


# Loads in a fresh process -------------------------------------------------------------------------


def _load_in_child(curated: Path, seeds: Path, cache_dir: Path) -> None:
    """Run in the child process: time one load and print its wall and CPU seconds as JSON."""
    wall, cpu, dataset = _timed(lambda: load(curated, seeds, cache_dir=cache_dir))
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


# In-process measurements --------------------------------------------------------------------------


def measure_data_steps(size: str, dataset: Dataset, curated: Path, seeds: Path, repeats: int) -> list[Measurement]:
    """The filter, the per-rerun freshness check, and what ``st.cache_data`` would cost instead of a shared resource."""
    typical = Measurement(size, "filter: one sector, from 2020")
    rows = _repeat(typical, lambda: apply_filters(dataset.events, TYPICAL_FILTER), repeats)
    typical.extra = {"rows": len(rows)}
    search = Measurement(size, "filter: text search")
    rows = _repeat(search, lambda: apply_filters(dataset.events, SEARCH_FILTER), repeats)
    search.extra = {"rows": len(rows)}
    stat = Measurement(size, "stat every file (freshness check)")
    _, files = _repeat(stat, lambda: folder_fingerprint(curated, seeds), repeats)
    stat.extra = {"files": files}
    stat.note = "done on every rerun only up to app_data.WATCH_ABOVE_FILES files; past that, after a watcher sees a change"
    copy = Measurement(size, "cache_data copy of the Dataset (not used)")
    _repeat(copy, lambda: pickle.loads(pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)), repeats)
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
            result = _repeat(measurement, recipe(dataset), repeats)
        except Exception as err:  # a builder whose signature moved must not stop the benchmark
            measurement.wall.clear()
            measurement.cpu.clear()
            measurement.note = f"failed: {type(err).__name__}: {err}"[:300]
            continue
        payload = _payload_bytes(result)
        if payload is not None:
            measurement.extra["bytes"] = payload
    return measurements


# Pages through AppTest ----------------------------------------------------------------------------


def _sent_bytes(at) -> int:
    """The size of every element the run produced, as protobuf: what the browser would receive."""

    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return sum(
        len(node.proto.SerializeToString())
        for root in (at.main, at.sidebar)
        for node in walk(root)
        if hasattr(getattr(node, "proto", None), "SerializeToString")
    )


def _largest_table_rows(at) -> int:
    return max((len(frame.value) for frame in at.dataframe), default=0)


def measure_empty_page(folder: Path, repeats: int) -> list[Measurement]:
    """The baseline: an empty Streamlit page, its first run and its reruns, through AppTest as the pages are."""
    from streamlit.testing.v1 import AppTest

    script = folder / "empty_page.py"
    script.write_text(EMPTY_PAGE, encoding="utf-8")
    first = Measurement("-", "baseline: empty page, first run")
    rerun = Measurement("-", "baseline: empty page, rerun")
    for _ in range(repeats):
        at = AppTest.from_file(str(script), default_timeout=60)
        _repeat(first, at.run, 1)
        _repeat(rerun, at.run, 1)
    return [first, rerun]


def measure_pages(size: str, repeats: int, folder: Path) -> list[Measurement]:
    """Each page: its first run (data already in memory) and reruns after a change of the sector filter.

    Also a page with only the shared set-up (``views.setup_page``), to tell the pages' own cost from it.
    """
    from streamlit.testing.v1 import AppTest

    measurements = []
    warm = AppTest.from_file(str(paths.PROJECT_ROOT / "dashboard.py"), default_timeout=900)
    load_run = Measurement(size, "page: first run of the session (loads the data)")
    _repeat(load_run, warm.run, 1)
    measurements.append(load_run)
    script = folder / "setup_only_app.py"
    script.write_text(SETUP_ONLY_APP, encoding="utf-8")
    (folder / "blank_page.py").write_text(EMPTY_PAGE, encoding="utf-8")
    setup_only = Measurement(size, "shared set-up only (app.page.run_app around a blank page): rerun after a filter change")
    at = AppTest.from_file(str(script), default_timeout=900).run()
    for index in range(repeats):
        at.multiselect(key="filter_sectors").set_value(SECTOR_CHANGES[index % 2])
        _repeat(setup_only, at.run, 1)
    measurements.append(setup_only)
    for page in PAGES:
        name = page.title
        first = Measurement(size, f"page: {name}, first run")
        rerun = Measurement(size, f"page: {name}, rerun after a filter change")
        measurements += [first, rerun]
        try:
            at = AppTest.from_file(str(paths.PROJECT_ROOT / "dashboard.py"), default_timeout=900)
            at.run()
            if not page.is_first:
                at.switch_page(page.script)
            _repeat(first, at.run, 1)
            first.extra = {"bytes": _sent_bytes(at), "table_rows": _largest_table_rows(at)}
            for index in range(repeats):
                at.multiselect(key="filter_sectors").set_value(SECTOR_CHANGES[index % 2])
                _repeat(rerun, at.run, 1)
            rerun.extra = {"bytes": _sent_bytes(at), "table_rows": _largest_table_rows(at)}
            if at.exception:
                rerun.note = f"exception on the page: {at.exception[0].value}"[:300]
        except Exception as err:
            rerun.note = f"failed: {type(err).__name__}: {err}"[:300]
    return measurements


# Peak memory of a real server --------------------------------------------------------------------


def _children_serving(port: int) -> list[int]:
    """Process ids of this process's children started with ``--server.port <port>``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"--server.port" in command and str(port).encode() in command:
            found.append(int(entry.name))
    return found


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


def measure_server_memory(size: str, curated: Path, seeds: Path) -> Measurement:
    """Start ``streamlit run dashboard.py``, open one session in headless Chromium, read the server's peak memory."""
    from sctracker.briefing import browser

    measurement = Measurement(size, "server: one session, overview page drawn")
    if not Path(browser.CHROMIUM).exists():
        measurement.note = f"skipped: no Chromium at {browser.CHROMIUM}"
        return measurement
    try:
        with browser.serve(curated, seeds, timeout=300) as url:
            [pid] = _children_serving(int(url.rsplit(":", 1)[1]))
            idle_kib = _status_kib(pid, "VmRSS")
            with browser.chromium() as page:
                wall, cpu, _ = _timed(lambda: (page.goto(url, timeout=600_000), browser.wait_until_drawn(page, timeout_ms=900_000)))
            measurement.wall.append(wall)
            measurement.cpu.append(cpu)
            measurement.extra = {
                "peak_rss_mib": round(_status_kib(pid, "VmHWM") / 1024, 1),
                "rss_before_session_mib": round(idle_kib / 1024, 1),
            }
            measurement.note = "time: until the page is drawn in the browser (client side included)"
    except Exception as err:
        measurement.note = f"failed: {type(err).__name__}: {err}"[:300]
    return measurement


# Report ------------------------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:,.1f}"


def table_text(measurements: list[Measurement], baseline: float) -> str:
    """The results as a Markdown table: size, measurement, median, runs, ratio to the empty page's rerun, notes."""
    lines = [
        "| N | measurement | median ms | runs | × empty page | notes |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for m in measurements:
        ratio = "-" if m.median is None or not baseline else f"{m.median / baseline:,.1f}"
        extra = ", ".join(f"{key} {value:,}" if isinstance(value, int) else f"{key} {value}" for key, value in m.extra.items())
        notes = "; ".join(part for part in (extra, m.note) if part)
        lines.append(f"| {m.size} | {m.name} | {_ms(m.median)} | {len(m.wall)} | {ratio} | {notes} |")
    return "\n".join(lines)


def targets(measurements: list[Measurement], baseline_rerun: float, real_size: str = "real") -> list[dict]:
    """Each target of the issue with the measured value and whether it is met."""
    found = {(m.size, m.name): m for m in measurements}
    checks = []
    for size, limit in COLD_LOAD_TARGETS.items():
        m = found.get((size, "load: cold (fresh process, empty cache)"))
        if m and m.median is not None:
            checks.append({"target": f"cold load of {int(size):,} records under {limit:g} s", "value_s": m.median, "met": m.median < limit})
    for m in measurements:
        if not (m.name.startswith("page: ") and m.name.endswith("rerun after a filter change")) or m.median is None:
            continue
        if m.size == RERUN_TARGET_SIZE:
            checks.append(
                {
                    "target": f"{m.name} at {int(m.size):,} under {RERUN_TARGET * 1000:g} ms",
                    "value_s": m.median,
                    "met": m.median < RERUN_TARGET,
                }
            )
        if m.size == real_size and baseline_rerun:
            ratio = m.median / baseline_rerun
            checks.append(
                {
                    "target": f"{m.name} at the real records no worse than {RERUN_RATIO_TARGET:g}× an empty page",
                    "value_s": m.median,
                    "ratio": ratio,
                    "met": ratio <= RERUN_RATIO_TARGET,
                }
            )
    return checks


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
    table = _repeat(first, lambda: record_history(repo, curated), repeats)
    first.extra = {"records": int(table["removed"].isna().sum()), "files_ever": len(table)}
    rerun = Measurement(size, "history: rerun (HEAD's state, then the cache)")
    _repeat(rerun, lambda: head_state(curated), repeats)
    rerun.note = "the dashboard keys its cached dataset on head_state and the folder digest; cached_history runs only on a change"
    return [first, rerun]


def run(sizes: list[str], out: Path, repeats: int | None = None, memory: bool = True, work: Path | None = None) -> dict:
    """Run the whole benchmark and write its JSON.

    Args:
        sizes: "real" and/or numbers of synthetic records.
        out: the JSON file to write.
        repeats: runs per measurement (default: ``REPEATS``/``LOAD_REPEATS`` by size).
        memory: also measure a real server's peak memory at the largest size.
        work: a folder for the corpora and caches (default: a temporary one, removed after).

    Returns:
        What was written: machine, baseline, measurements, targets.
    """
    started = time.time()
    # parts of the dashboard run here outside any Streamlit script, and Streamlit warns each time that
    # there is no script context: true, harmless, and hundreds of lines of noise
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    temporary = work is None
    work = Path(tempfile.mkdtemp(prefix="sctracker-bench-")) if work is None else work
    work.mkdir(parents=True, exist_ok=True)
    saved_env = {name: os.environ.get(name) for name in (paths.CURATED_ENV, paths.SEEDS_ENV)}
    measurements: list[Measurement] = []
    corpora: dict[str, tuple[Path, Path]] = {}
    try:
        print(f"baseline: empty page ({repeats or REPEATS['real']} runs)", file=sys.stderr, flush=True)
        empty = measure_empty_page(work, repeats or REPEATS["real"])
        measurements += empty
        baseline = empty[1].median or 0.0
        for size in sizes:
            if size == "real":
                curated, seeds = paths.PROJECT_ROOT / "curated", paths.PROJECT_ROOT / "seeds"
            else:
                print(f"{size}: writing the synthetic corpus", file=sys.stderr, flush=True)
                corpus = generate(work / f"n{size}", int(size), seed=SEED)
                curated, seeds = corpus.curated, corpus.seeds
                commit_corpus(curated.parent)
            corpora[size] = (curated, seeds)
            cache_dir = paths.cache_dir(curated)  # where the app keeps it, so that its pages start warm as a restarted server does
            count = repeats or REPEATS.get(size, 3)
            print(f"{size}: loads", file=sys.stderr, flush=True)
            measurements += measure_loads(size, curated, seeds, cache_dir, repeats or LOAD_REPEATS.get(size, 2))
            dataset = load(curated, seeds, cache_dir=cache_dir)
            print(f"{size}: filter, figures ({len(dataset.events):,} events)", file=sys.stderr, flush=True)
            measurements += measure_data_steps(size, dataset, curated, seeds, count)
            measurements += measure_history(size, curated, count)
            measurements += measure_figures(size, dataset, count)
            del dataset
            print(f"{size}: pages", file=sys.stderr, flush=True)
            os.environ[paths.CURATED_ENV], os.environ[paths.SEEDS_ENV] = str(curated), str(seeds)
            measurements += measure_pages(size, count, work)
        if memory and sizes:
            size = sizes[-1]
            print(f"{size}: server memory with one session", file=sys.stderr, flush=True)
            measurements.append(measure_server_memory(size, *corpora[size]))
    finally:
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if temporary:
            shutil.rmtree(work, ignore_errors=True)

    met = targets(measurements, baseline)
    result = {
        "made": dt.datetime.now().isoformat(timespec="seconds"),
        "seconds": round(time.time() - started, 1),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_end": os.getloadavg(),
        },
        "baseline_rerun_s": baseline,
        "measurements": [dataclasses.asdict(m) | {"median": m.median} for m in measurements],
        "targets": met,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(table_text(measurements, baseline))
    print()
    for check in met:
        ratio = f" ({check['ratio']:.1f}× the empty page)" if "ratio" in check else ""
        print(f"{'MET   ' if check['met'] else 'NOT MET'} {check['target']}: {_ms(check['value_s'])} ms{ratio}")
    print(f"\nwrote {out} in {result['seconds']:.0f} s; load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: real and numbers of synthetic records")
    parser.add_argument("--repeats", type=int, default=None, help="runs per measurement (default: by size)")
    parser.add_argument("--out", type=Path, default=paths.PROJECT_ROOT / "bench-results" / "bench.json")
    parser.add_argument("--no-memory", action="store_true", help="skip the server's peak memory")
    parser.add_argument("--load-once", nargs=3, metavar=("CURATED", "SEEDS", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load_once:
        _load_in_child(*(Path(value) for value in args.load_once))
        return 0
    run([size.strip() for size in args.sizes.split(",") if size.strip()], args.out, args.repeats, memory=not args.no_memory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
