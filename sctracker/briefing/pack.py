"""The briefing pack: every chart of a view on its own as slide images, the deck, the events as CSV, an index.

Each chart is drawn twice, for a whole 16:9 slide and for half of one (``SLIDE_SIZES``), in one headless
Chromium with nothing fetched from the network; the deck (.pptx) carries the whole-slide images, and a PDF
of it is written when LibreOffice is installed. No server is started.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd

from sctracker import paths
from sctracker.briefing import office
from sctracker.briefing.charts import SlideChart, deck_file_name, view_charts
from sctracker.briefing.deck import DeckView, briefing_deck
from sctracker.briefing.render import slide_renderer
from sctracker.export import events_csv, export_filename, to_csv_bytes
from sctracker.figures.style import SLIDE, SLIDE_SIZES, ChartLabels
from sctracker.query.changes import change_counts, changes_since
from sctracker.query.filters import Filters, apply_filters
from sctracker.query.words import describe, view_count
from sctracker.records.dates import today
from sctracker.records.history import HistoryUnavailable
from sctracker.records.load import Dataset, attach_history, load


@dataclasses.dataclass
class PackFile:
    path: Path
    what: str


def _deck_view(dataset: Dataset, filters: Filters, events: pd.DataFrame, on: dt.date | None) -> DeckView:
    labels = ChartLabels.for_dataset(dataset, filters, events, "briefing", on)
    return DeckView(describe(filters, dataset.vocab), view_count(len(events), len(dataset.events)), on or today(), labels.source_line)


def view_deck(dataset: Dataset, filters: Filters, on: dt.date | None = None) -> bytes:
    """The briefing deck of one view (.pptx bytes): its charts drawn for whole slides, then the deck around them."""
    events = apply_filters(dataset.events, filters)
    charts = view_charts(dataset, filters, events, on)
    with slide_renderer() as renderer:
        images = [renderer.pngs(chart, [SLIDE])[0] for chart in charts]
    return briefing_deck(_deck_view(dataset, filters, events, on), list(zip(charts, images)), events, dataset.sources)


def whats_new_section(
    dataset: Dataset, filters: Filters, since: dt.date, out_dir: Path, on: dt.date | None = None
) -> tuple[list[str], PackFile | None]:
    """The index's "What's new since DATE" section and the CSV of the changes (None without a history)."""
    heading = [f"## What's new since {since.isoformat()}", ""]
    try:
        changes = changes_since(dataset, since, filters, link_base="./")
    except HistoryUnavailable as err:
        return [*heading, f"Record history is unavailable: {err}.", ""], None
    csv_path = out_dir / export_filename(f"changes-since-{since:%Y%m%d}", filters, on)
    csv_path.write_bytes(to_csv_bytes(changes))
    lines = [
        *heading,
        f"{change_counts(changes).capitalize()}, for the view's filters (the changes as CSV: {csv_path.name}).",
        "",
        *[
            f"- {kind} {changed_on.isoformat()}: {title} ({date}): {words}"
            for kind, changed_on, title, date, words in zip(
                changes["Change"], changes["Changed on"], changes["Title"], changes["Date"], changes["What changed"]
            )
        ],
        "",
    ]
    return lines, PackFile(csv_path, f"the {len(changes)} records added, edited or removed since {since.isoformat()}, with what changed")


def make_pack(
    out_dir: Path,
    filters: Filters,
    curated: Path | None = None,
    seeds: Path | None = None,
    on: dt.date | None = None,
    since: dt.date | None = None,
) -> list[PackFile]:
    """Write the briefing pack for ``filters`` into ``out_dir``.

    Args:
        out_dir: the folder to write (created if missing).
        filters: the view to brief on.
        curated, seeds: the folders to read (default: the project's).
        on: the day the pack is made (default today): in file names, source lines and the "last 30 days".
        since: with a day, the index gains a "What's new since" section and the pack a CSV of the changes.

    Returns:
        The files written, each with a line saying what it holds; ``index.md`` last.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    curated = Path(curated or paths.curated_dir())
    dataset = attach_history(load(curated, seeds), curated)
    events = apply_filters(dataset.events, filters)
    charts = view_charts(dataset, filters, events, on)
    written: list[PackFile] = []
    whole_slide: list[tuple[SlideChart, bytes]] = []
    with slide_renderer() as renderer:
        for chart in charts:
            for size, image in zip(SLIDE_SIZES, renderer.pngs(chart, SLIDE_SIZES)):
                path = out_dir / chart.file_name(size)
                path.write_bytes(image)
                written.append(PackFile(path, f"{chart.title}, {size.pixels[0]}×{size.pixels[1]}, for {size.placement}"))
                if size is SLIDE:
                    whole_slide.append((chart, image))

    view = _deck_view(dataset, filters, events, on)
    deck_path = out_dir / deck_file_name(filters, on)
    deck_path.write_bytes(briefing_deck(view, whole_slide, events, dataset.sources))
    written.append(
        PackFile(
            deck_path,
            "the briefing deck: a title slide, a slide a chart (its takeaway as title, its summary in the notes), the events, the sources",
        )
    )
    notes = []
    if office.soffice():
        written.append(PackFile(office.to_pdf(deck_path, out_dir), "the deck as PDF"))
    else:
        notes.append(f"No PDF of the deck: LibreOffice is not installed ({office.INSTALL_HINT}).")

    csv_path = out_dir / export_filename("events", filters, on)
    csv_path.write_bytes(events_csv(events))
    written.append(PackFile(csv_path, f"the {len(events)} filtered events as CSV (UTF-8 with BOM)"))

    news: list[str] = []
    if since is not None:
        news, changes_file = whats_new_section(dataset, filters, since, out_dir, on)
        if changes_file is not None:
            written.append(changes_file)

    index = out_dir / "index.md"
    lines = [
        "# Briefing pack: Supply-Chain Partnership Tracker",
        "",
        f"- View: {view.view}",
        f"- Events: {view.count}",
        f"- Generated: {view.made_on.isoformat()}",
        f"- {view.source_line}",
        *[f"- {note}" for note in notes],
        "",
        "## The charts' takeaways",
        "",
        *[f"- {chart.title}: {chart.text.takeaway}" for chart in charts],
        "",
        *news,
        "## Files",
        "",
        "| file | what it holds |",
        "| --- | --- |",
        *[f"| {item.path.name} | {item.what} |" for item in written],
        "",
    ]
    index.write_text("\n".join(lines), encoding="utf-8")
    written.append(PackFile(index, "this index"))
    return written
