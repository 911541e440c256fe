"""The briefing deck: a 16:9 PowerPoint file (python-pptx) a speaker can present as it is.

A title slide (the view in words, the day, the source line); one slide a chart, titled with its takeaway,
its summary in the speaker notes and as the picture's alternative text; the events in view as a table, over
as many slides as it takes; the sources they cite. Every text comes from the records and the summaries:
the deck adds no fact of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
from collections.abc import Sequence

import pandas as pd
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from sctracker.briefing.charts import SlideChart
from sctracker.figures.sources_view import sources_table
from sctracker.query.words import plural
from sctracker.records.events_table import COLUMNS_BY_NAME, column_values

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12_192_000), Emu(6_858_000)  # PowerPoint's own 16:9: 13.33 by 7.5 inches
_MARGIN = Inches(0.5)
_TITLE_SLIDE, _TITLE_ONLY = 0, 5  # layouts of python-pptx's default template
#: The events table's columns on a slide, with their widths in inches (together the slide's width less margins).
EVENT_COLUMNS = (
    ("date_label", 1.2),
    ("title", 3.9),
    ("event_type_label", 1.5),
    ("status_label", 1.2),
    ("partner_names", 1.9),
    ("sector_labels", 2.63),
)
#: The sources table's columns (``sources_table``'s, and the URL when sources have one), widths in inches.
SOURCE_COLUMNS = (("Outlet", 2.0), ("Headline", 6.3), ("Published", 1.5), ("URL", 2.53))
TABLE_POINTS = 12
#: Room for a table below a slide's title (inches), and how a cell's text is measured to fill it: characters
#: an inch of 12-point text holds (a little fewer than most fonts fit), a line's height, a cell's margins.
_TABLE_ROOM, _CHARS_AN_INCH, _LINE_INCHES, _CELL_INCHES = 5.9, 11.0, 0.21, 0.12


@dataclasses.dataclass(frozen=True)
class DeckView:
    """What the title slide says: the view in words, how many events it holds, the day, the source line."""

    view: str
    count: str
    made_on: dt.date
    source_line: str


def briefing_deck(view: DeckView, charts: Sequence[tuple[SlideChart, bytes]], events: pd.DataFrame, all_sources: pd.DataFrame) -> bytes:
    """The deck as .pptx bytes.

    Args:
        view: the title slide's words.
        charts: each chart with its whole-slide image (``SLIDE``'s PNG), in slide order.
        events: the events in view, for the table.
        all_sources: every source (``Dataset.sources``); the deck lists those the events cite.
    """
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _title_slide(deck, view)
    for chart, image in charts:
        _chart_slide(deck, chart, image)
    rows = [[_cell(value) for value in column_values(events, COLUMNS_BY_NAME[name])] for name, _ in EVENT_COLUMNS]
    headers = [COLUMNS_BY_NAME[name].label for name, _ in EVENT_COLUMNS]
    _table_slides(deck, ("Events in view", "event"), headers, list(zip(*rows)), [width for _, width in EVENT_COLUMNS], view.view)
    cited = cited_sources(all_sources, events)
    columns = [(name, width) for name, width in SOURCE_COLUMNS if name in cited.columns]
    widths = _fill_width([width for _, width in columns])
    _table_slides(
        deck,
        ("Sources cited", "source"),
        [name for name, _ in columns],
        cited[[name for name, _ in columns]].values.tolist(),
        widths,
        view.view,
    )
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def cited_sources(all_sources: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The sources the events cite, as the Sources page lists them (outlet, headline, date), with their URL
    when one of them has one; newest first."""
    table = sources_table(all_sources, events).assign(URL=all_sources["url"].fillna("").to_numpy())
    cited = table[table["Records citing"] > 0]
    if not cited["URL"].astype(bool).any():
        cited = cited.drop(columns="URL")
    return cited.sort_values("Published", ascending=False, kind="stable").reset_index(drop=True)


def _cell(value) -> str:
    return ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)


def _fill_width(widths: list[float]) -> list[float]:
    """Column widths stretched to the slide's width less its margins (the URL column may be missing)."""
    room = (SLIDE_WIDTH - 2 * _MARGIN) / 914400
    return [width * room / sum(widths) for width in widths]


def _place_title(slide, text: str, top: float, height: float, points: int) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = _MARGIN, Inches(top), SLIDE_WIDTH - 2 * _MARGIN, Inches(height)
    title.text = text
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(points)


def _title_slide(deck, view: DeckView) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_SLIDE])
    _place_title(slide, "Supply-Chain Partnership Tracker: briefing", 1.6, 1.5, 40)
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = _MARGIN, Inches(3.3), SLIDE_WIDTH - 2 * _MARGIN, Inches(3.2)
    lines = [view.view, f"{view.count} · {view.made_on:%-d %B %Y}", view.source_line]
    frame = subtitle.text_frame
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for paragraph, points in zip(frame.paragraphs, (28, 22, 16)):
        for run in paragraph.runs:
            run.font.size = Pt(points)


def _chart_slide(deck, chart: SlideChart, image: bytes) -> None:
    """A chart under its takeaway; its summary in the notes and as the picture's alternative text."""
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
    _place_title(slide, chart.text.takeaway, 0.2, 0.8, 28)
    top = Inches(1.1)
    height = SLIDE_HEIGHT - top - Inches(0.15)
    width = Emu(int(height * 16 / 9))
    picture = slide.shapes.add_picture(io.BytesIO(image), (SLIDE_WIDTH - width) // 2, top, width, height)
    picture.name = chart.title
    picture._element.nvPicPr.cNvPr.set("descr", chart.text.summary)  # alternative text: python-pptx has no API for it
    notes = slide.notes_slide.notes_text_frame
    notes.text = chart.text.summary
    notes.add_paragraph().text = f"Chart: {chart.title} · {chart.labels.subtitle}. {chart.labels.source_line}"


def _row_inches(row: Sequence[str], widths: Sequence[float]) -> float:
    """How tall a table row is likely to be: its cell of most wrapped lines."""
    lines = max(math.ceil(max(len(text), 1) / (_CHARS_AN_INCH * width)) for text, width in zip(row, widths))
    return lines * _LINE_INCHES + _CELL_INCHES


def table_pages(rows: Sequence[Sequence[str]], widths: Sequence[float], room: float = _TABLE_ROOM) -> list[range]:
    """The rows each slide of a table holds: as many as fit ``room`` inches under the header, at least one."""
    pages, start, used = [], 0, _row_inches([""] * len(widths), widths)
    header = used
    for index, row in enumerate(rows):
        height = _row_inches(row, widths)
        if index > start and used + height > room:
            pages.append(range(start, index))
            start, used = index, header
        used += height
    pages.append(range(start, len(rows)))
    return pages


def _table_slides(deck, title: tuple[str, str], headers: list[str], rows: list, widths: list[float], view: str) -> None:
    """A table over as many slides as it takes, each titled with the rows it holds (``title``: the table's name
    and the noun for a row); one slide saying none when there are no rows. A URL is a link."""
    name, noun = title
    rows = [[_cell(value) for value in row] for row in rows]
    pages = table_pages(rows, widths)
    for page in pages:
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        if len(pages) == 1:
            heading = f"{name}: {plural(len(rows), noun) if rows else 'none'}"
        else:
            heading = f"{name} ({page.start + 1}–{page.stop} of {len(rows):,})"
        _place_title(slide, heading, 0.2, 0.8, 28)
        slide.notes_slide.notes_text_frame.text = f"View: {view}"
        if not rows:
            continue
        shape = slide.shapes.add_table(len(page) + 1, len(headers), _MARGIN, Inches(1.1), Inches(sum(widths)), Inches(0.3))
        table = shape.table
        for index, width in enumerate(widths):
            table.columns[index].width = Inches(width)
        for row_index, values in enumerate([headers, *[rows[i] for i in page]]):
            for column_index, text in enumerate(values):
                cell = table.cell(row_index, column_index)
                cell.text = text
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(TABLE_POINTS)
                        if row_index and headers[column_index] == "URL" and text.startswith(("https://", "http://")):
                            run.hyperlink.address = text
