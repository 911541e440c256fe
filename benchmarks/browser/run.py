"""How long each page takes in a real browser, against an empty Streamlit page served beside it (``make bench-browser``).

    python -m benchmarks.browser [--sizes real,10000] [--repeats 3] [--json bench-results/browser.json] [--root DIR]

For each corpus size it starts three servers on free loopback ports: the dashboard (on the corpus), an
empty page (a title, a text box, a line of text, with the project's ``.streamlit/config.toml``) and the
dashboard's shell around a blank page (its sidebar, filters and menu on the corpus: what every page costs
before its own work). It visits every page of ``PAGES``, the empty page and the shell once to warm the
servers and the browser's caches, then, for each repeat, the empty page, the shell and every page, in one tab:

- first view: the tab goes to about:blank (untimed), then from ``page.goto`` until the page is ready
  (``harness``: script finished, no skeleton, no stale element, every chart drawn);
- filter change: the word typed into the sidebar's Search box, timed from Enter until ready; spelt each time with
  a new mix of capitals (``spellings``: the search ignores case), so that it is a view the dashboard has not seen,
  not one it kept (``app.data.kept``);
- filter clear: the box emptied, Enter, until ready (back to the default view);
- page switch: a click on the next page's link in the sidebar menu (the last page goes to the first).

First views, clears and switches show views the dashboard has seen (the warm-up went through them), as a reader's
return to a page, or to all records, mostly is: the dashboard keeps what it worked out for a view, for every session.

Ratios divide a page's median by the empty page's median of the same kind (a page switch and a filter
clear by the empty page's filter change: an empty rerun), for wall seconds and for the CPU seconds of the
benchmark's own processes (servers and Chromium), which are steadier on a shared machine.

``real`` is the project's own records; a number N is a synthetic corpus (``benchmarks.synth``) kept in
``--work``/synthN and reused. Needs Debian's Chromium and the ``playwright`` package (never ``playwright install``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from benchmarks.browser import harness as H
from benchmarks.synth import MARKER, generate
from sctracker import paths
from sctracker.app.pages import PAGES

KINDS = ("first_view", "filter_change", "filter_clear", "page_switch")
#: What each step of a page is compared with on the empty page.
EMPTY_REFERENCE = {
    "first_view": "first_view",
    "filter_change": "filter_change",
    "filter_clear": "filter_change",
    "page_switch": "filter_change",
}
SEED = 1
#: The first row of every table: the dashboard's sidebar, filters and menu around a blank page (``harness.serve_shell``),
#: what each page costs before its own work.
SHELL_LABEL = "shell (no page)"
SEARCH_LABEL = "Search"


def corpus(size: str, root: Path, work: Path) -> tuple[Path, Path]:
    """The (curated, seeds) folders of a size: the checkout's own records, or a synthetic corpus made once in ``work``."""
    if size == "real":
        return root / "curated", root / "seeds"
    out = work / f"synth{size}"
    counted = out / ".events"
    if not ((out / MARKER).exists() and counted.exists() and counted.read_text() == size):
        generate(out, int(size), seed=SEED)
        counted.write_text(size)
    return out / "curated", out / "seeds"


def _run(results: list, function) -> dict | None:
    """Run one timed step and keep its result, or its error: a timeout must not stop the benchmark."""
    try:
        info = function()
    except Exception as err:
        results.append({"error": f"{type(err).__name__}: {err}"[:500]})
        return None
    results.append(info)
    return info


def spellings(word: str) -> Iterator[str]:
    """``word`` with a new mix of capitals each time (``minerals``, ``Minerals``, ``mInerals``, …; after ``2 ** len(word)``
    the same again): the same events, as the search ignores case, in a view the dashboard has not kept."""
    for number in itertools.count():
        mix = number % 2 ** len(word)
        yield "".join(letter.upper() if mix >> place & 1 else letter for place, letter in enumerate(word))


def page_cycle(page, url: str, next_title: str | None, word: str, in_sidebar: bool, out: dict) -> None:
    """First view of ``url``, filter change (to ``word``), filter clear, and the switch to the page titled ``next_title``."""
    if not _run(out["first_view"], lambda: H.goto_ready(page, url)):
        return
    box = H.search_box(page, SEARCH_LABEL, in_sidebar)
    if _run(out["filter_change"], lambda: H.submit_text(page, box, word)):
        _run(out["filter_clear"], lambda: H.submit_text(page, box, ""))
    if next_title is not None:
        _run(out["page_switch"], lambda: H.timed(page, H.menu_link(page, next_title).click))


def bench_size(root: Path, size: str, args) -> dict:
    """Every page's steps at one corpus size, with the empty page's interleaved: every run, unsummarized."""
    curated, seeds = corpus(size, root, args.work)
    started = time.perf_counter()
    result: dict = {"size": size, "curated": str(curated)}
    with (
        H.serve_empty_page(root) as empty,
        H.serve_shell(root, curated, seeds, args.timeout) as shell,
        H.serve(curated, seeds, args.timeout, root=root) as dashboard,
        H.browser() as browser,
    ):
        context = H.new_context(browser)
        page = context.new_page()  # one tab throughout
        page.set_default_timeout(args.timeout * 1000)  # a busy page can keep the tab unresponsive past playwright's 30 s
        page.set_default_navigation_timeout(args.timeout * 1000)
        result["cold_first_view"] = H.goto_ready(page, dashboard + "/")  # the server loads the corpus
        warmup = {kind: [] for kind in KINDS}
        words = spellings(args.word)
        for spec in PAGES:
            page_cycle(page, f"{dashboard}/{spec.link_path}", None, next(words), True, warmup)
        page_cycle(page, empty + "/", None, next(words), False, warmup)
        page_cycle(page, shell + "/", None, next(words), True, warmup)
        result["warmup_errors"] = [run["error"] for runs in warmup.values() for run in runs if "error" in run]
        runs = {spec.title: {kind: [] for kind in KINDS} for spec in PAGES}
        empty_runs = {kind: [] for kind in KINDS[:-1]}
        shell_runs = {kind: [] for kind in KINDS}  # no page to switch to: its page switch stays empty
        for repeat in range(args.repeats):
            page_cycle(page, empty + "/", None, next(words), False, empty_runs)
            page_cycle(page, shell + "/", None, next(words), True, shell_runs)
            for index, spec in enumerate(PAGES):
                following = PAGES[(index + 1) % len(PAGES)].title
                page_cycle(page, f"{dashboard}/{spec.link_path}", following, next(words), True, runs[spec.title])
            print(f"[{size}] repeat {repeat + 1}/{args.repeats} done ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
        result["empty"] = empty_runs
        result["pages"] = [{"label": SHELL_LABEL, "path": "-", "switch_to": "-", **shell_runs}] + [
            {"label": spec.title, "path": "/" + spec.link_path, "switch_to": PAGES[(i + 1) % len(PAGES)].title, **runs[spec.title]}
            for i, spec in enumerate(PAGES)
        ]
        result["off_machine_requests"] = context.off_machine
    result["wall_seconds"] = time.perf_counter() - started
    return result


# Summaries (pure: the unit tests feed them made-up runs) ---------------------------------------------


def stats(runs: list[dict]) -> dict | None:
    """Median, min, max of a step's wall and CPU seconds over its runs, its failures and median KB received."""
    done = [run for run in runs if "seconds" in run]
    if not done:
        return None
    seconds, cpu = sorted(run["seconds"] for run in done), sorted(run["cpu_ours"] for run in done)
    return {
        "median": statistics.median(seconds),
        "min": seconds[0],
        "max": seconds[-1],
        "n": len(done),
        "errors": len(runs) - len(done),
        "cpu_median": statistics.median(cpu),
        "cpu_min": cpu[0],
        "cpu_max": cpu[-1],
        "others_cpu_median": statistics.median(run["cpu_others"] for run in done),
        "median_kb": statistics.median(run["bytes"] for run in done) / 1024,
    }


def summarize(result: dict) -> dict:
    """One size's runs as medians, with each page step's ratio (wall and CPU) to the empty page's."""
    empty = {kind: stats(runs) for kind, runs in result["empty"].items()}
    pages = []
    for page in result["pages"]:
        row = {"label": page["label"], "path": page["path"], "switch_to": page["switch_to"]}
        for kind in KINDS:
            step, reference = stats(page[kind]), empty.get(EMPTY_REFERENCE[kind])
            if step and reference:
                step["ratio"] = step["median"] / reference["median"]
                step["cpu_ratio"] = step["cpu_median"] / reference["cpu_median"] if reference["cpu_median"] else None
            row[kind] = step
        pages.append(row)
    return {"empty": empty, "pages": pages, "cold_first_view": result["cold_first_view"]["seconds"]}


def _cells(step: dict | None, reference: bool = False) -> list[str]:
    if not step:
        return ["–"] * 4
    failed = f" ({step['errors']} failed)" if step["errors"] else ""
    ratio = "1×" if reference else f"{step['ratio']:.1f}×"
    cpu_ratio = "1×" if reference else ("–" if step.get("cpu_ratio") is None else f"{step['cpu_ratio']:.1f}×")
    return [f"{step['median']:.2f} ({step['min']:.2f}–{step['max']:.2f}){failed}", ratio, f"{step['cpu_median']:.2f}", cpu_ratio]


def table(summaries: dict[str, dict]) -> str:
    """A Markdown table: a row per page and step; per size, the median wall seconds (min–max), its ratio to the
    empty page, the median CPU seconds of our processes and its ratio."""
    sizes = list(summaries)
    head = "| page | step | " + " | ".join(f"{size}: s (min–max) | × empty | CPU s | CPU × empty" for size in sizes) + " |"
    lines = [head, "|---|---|" + "---:|" * (4 * len(sizes))]
    for kind in KINDS[:-1]:
        cells = [cell for size in sizes for cell in _cells(summaries[size]["empty"].get(kind), reference=True)]
        lines.append(f"| empty page | {kind.replace('_', ' ')} | " + " | ".join(cells) + " |")
    for index, page in enumerate(summaries[sizes[0]]["pages"]):
        for kind in KINDS:
            step = kind.replace("_", " ") + (f" → {page['switch_to']}" if kind == "page_switch" else "")
            cells = [cell for size in sizes for cell in _cells(summaries[size]["pages"][index].get(kind))]
            lines.append(f"| {page['label']} | {step} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "First view of a freshly started server (not in the medians): "
        + " · ".join(f"{s}: {summaries[s]['cold_first_view']:.2f} s" for s in sizes)
    )
    return "\n".join(lines)


def _meta(root: Path, args) -> dict:
    commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True).stdout.strip()
    return {
        "root": str(root),
        "commit": commit + (" (uncommitted changes)" if dirty else ""),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_average": os.getloadavg()},
        "versions": {name: metadata.version(name) for name in ("streamlit", "plotly", "pydeck", "pandas", "playwright")}
        | {"chromium": subprocess.run([H.CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()},
        "repeats": args.repeats,
        "word": args.word,
        "viewport": H.VIEWPORT,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,10000", help="comma-separated: real and/or numbers of synthetic events")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--word", default="minerals", help="the word typed into the Search box")
    parser.add_argument("--json", type=Path, default=paths.PROJECT_ROOT / "bench-results" / "browser.json", help="where to write every run")
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT, help="the checkout to serve (default: this one)")
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "sctracker-bench-browser", help="where synthetic corpora are kept"
    )
    parser.add_argument("--timeout", type=float, default=300, help="seconds allowed for one step")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    report = {"meta": _meta(root, args), "sizes": {}, "summary": {}}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    for size in [size.strip() for size in args.sizes.split(",") if size.strip()]:
        try:
            report["sizes"][size] = bench_size(root, size, args)
            report["summary"][size] = summarize(report["sizes"][size])
        except Exception:
            traceback.print_exc()
            report["sizes"][size] = {"error": traceback.format_exc()[-2000:]}
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    if report["summary"]:
        print(table(report["summary"]))
    print(f"\nwrote {args.json}")
    return 0 if report["summary"] else 1


if __name__ == "__main__":
    sys.exit(main())
