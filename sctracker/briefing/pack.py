"""The briefing pack: every page as a PNG in presentation mode, the filtered events as CSV, and an index.

It serves the dashboard on a free loopback port, opens each page in Debian's Chromium with the given
filters, waits until every chart has drawn, and stops the server when done. No network is needed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import urlencode

from sctracker.app.pages import READER_PAGES
from sctracker.briefing.browser import chromium, full_page_screenshot, serve, wait_until_drawn
from sctracker.export import events_csv, export_filename
from sctracker.figures.style import ChartLabels
from sctracker.query.filters import Filters, apply_filters
from sctracker.query.link import to_query
from sctracker.records.dates import today
from sctracker.records.load import load

#: Width of the pack's screenshots in CSS pixels; rendered at twice that for print.
PACK_WIDTH = 1400
PACK_SCALE = 2


@dataclasses.dataclass
class PackFile:
    path: Path
    what: str


def make_pack(out_dir: Path, filters: Filters, curated: Path | None = None, seeds: Path | None = None) -> list[PackFile]:
    """Write the briefing pack for ``filters`` into ``out_dir``.

    Args:
        out_dir: the folder to write (created if missing).
        filters: the view to brief on.
        curated, seeds: the folders to read (default: the project's).

    Returns:
        The files written, each with a line saying what it holds; ``index.md`` last.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    dataset = load(curated, seeds)
    events = apply_filters(dataset.events, filters)
    labels = ChartLabels.for_view(filters, dataset.vocab, dataset.documents, "briefing")
    stamp = today().isoformat()
    written: list[PackFile] = []

    query = urlencode(to_query(filters) | {"present": ["1"]}, doseq=True)
    with serve(curated, seeds) as url, chromium(width=PACK_WIDTH, scale=PACK_SCALE) as page:
        for number, spec in enumerate(READER_PAGES, start=1):
            page.goto(f"{url}/{spec.link_path}?{query}")
            wait_until_drawn(page)
            target = out_dir / f"{number:02d}-{spec.slug}.png"
            full_page_screenshot(page, target)
            written.append(PackFile(target, f"the {spec.title} page"))

    csv_path = out_dir / export_filename("events", filters)
    csv_path.write_bytes(events_csv(events))
    written.append(PackFile(csv_path, f"the {len(events)} filtered events as CSV (UTF-8 with BOM)"))

    index = out_dir / "index.md"
    lines = [
        "# Briefing pack: Supply-Chain Partnership Tracker",
        "",
        f"- View: {labels.subtitle}",
        f"- Events: {len(events)} of {len(dataset.events)} records",
        f"- Generated: {stamp}",
        f"- {labels.source_line}",
        "",
        "| file | what it holds |",
        "| --- | --- |",
        *[f"| {item.path.name} | {item.what} |" for item in written],
        "",
    ]
    index.write_text("\n".join(lines), encoding="utf-8")
    written.append(PackFile(index, "this index"))
    return written
