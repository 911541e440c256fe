"""The server benchmark's page steps: each page's script under AppTest against an empty page, and the peak
memory of a real server with one session (``benchmarks.bench`` runs them)."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.measurement import Measurement, repeat, timed
from sctracker import paths
from sctracker.app.pages import PAGES

SECTOR_CHANGES = (["batteries"], ["semiconductors"])
EMPTY_PAGE = "import streamlit as st\n"
#: A page with only what every page of the dashboard shares: page config, data, sidebar, notices, filter.
#: The dashboard's shell (data, sidebar, filters, link) around a blank page: what every page costs before its own work.
SETUP_ONLY_APP = (
    "from sctracker.app.page import run_app\nfrom sctracker.app.pages import PageSpec\n\n"
    'run_app((PageSpec("blank_page.py", "Blank", "Blank", ":material/check_box_outline_blank:"),))\n'
)

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
        repeat(first, at.run, 1)
        repeat(rerun, at.run, 1)
    return [first, rerun]


def measure_pages(size: str, repeats: int, folder: Path) -> list[Measurement]:
    """Each page: its first run (data already in memory) and reruns after a change of the sector filter.

    Also a page with only the shared set-up (``views.setup_page``), to tell the pages' own cost from it.
    """
    from streamlit.testing.v1 import AppTest

    measurements = []
    warm = AppTest.from_file(str(paths.PROJECT_ROOT / "dashboard.py"), default_timeout=900)
    load_run = Measurement(size, "page: first run of the session (loads the data)")
    repeat(load_run, warm.run, 1)
    measurements.append(load_run)
    script = folder / "setup_only_app.py"
    script.write_text(SETUP_ONLY_APP, encoding="utf-8")
    (folder / "blank_page.py").write_text(EMPTY_PAGE, encoding="utf-8")
    setup_only = Measurement(size, "shared set-up only (app.page.run_app around a blank page): rerun after a filter change")
    at = AppTest.from_file(str(script), default_timeout=900).run()
    for index in range(repeats):
        at.multiselect(key="filter_sectors").set_value(SECTOR_CHANGES[index % 2])
        repeat(setup_only, at.run, 1)
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
            repeat(first, at.run, 1)
            first.extra = {"bytes": _sent_bytes(at), "table_rows": _largest_table_rows(at)}
            for index in range(repeats):
                at.multiselect(key="filter_sectors").set_value(SECTOR_CHANGES[index % 2])
                repeat(rerun, at.run, 1)
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
                wall, cpu, _ = timed(lambda: (page.goto(url, timeout=600_000), browser.wait_until_drawn(page, timeout_ms=900_000)))
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
