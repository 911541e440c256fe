"""The curator's workbench: the one entry point from a new article to draft records on disk, shared by
``python -m sctracker draft`` and the Curate page, and the pure step under it that the evaluation and the
tests call without writing anything."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sctracker import paths
from sctracker.curation.drafts import Draft, build_draft, list_drafts, write_draft
from sctracker.curation.events import find_events
from sctracker.curation.reading import read_article
from sctracker.curation.register import RegistrationError, check_new, find_provenance, register
from sctracker.records.model import SourceEntry
from sctracker.records.problems import Problem
from sctracker.records.rules import Checks
from sctracker.records.sources import load_sources, source_texts
from sctracker.records.vocabularies import Vocabularies, load_vocabularies


@dataclasses.dataclass
class DraftingResult:
    """What drafting an article did: the sources it registered and the drafts it wrote."""

    sources: list[SourceEntry]
    drafts: list[Draft]
    texts: dict[str, str]  # source id -> the text its quotes come from


def draft_source(
    text: str, source_id: str, published: dt.date, vocab: Vocabularies, taken: set[str], published_precision: str = "day"
) -> list[Draft]:
    """The drafts of one source's text, written nowhere: one draft an event the text states."""
    article = read_article(text, published, vocab, published_precision)
    return [build_draft(finding, source_id, text, vocab, taken) for finding in find_events(article.sentences, article.context)]


def taken_ids(curated: Path) -> set[str]:
    """Ids already used by a record or a draft."""
    events = paths.events_dir(Path(curated))
    return (
        {p.stem for p in events.glob("*.yaml")} | {p.stem for p in list_drafts(curated)}
        if events.is_dir()
        else {p.stem for p in list_drafts(curated)}
    )


def vocabularies(curated: Path) -> Vocabularies:
    """The curated folder's vocabularies; a ``RegistrationError`` if they have problems (fix them first)."""
    problems: list[Problem] = []
    vocab = load_vocabularies(Path(curated), problems)
    if problems:
        raise RegistrationError("the vocabularies have problems; run `python -m sctracker validate`: " + "; ".join(map(str, problems[:3])))
    return vocab


def draft_article(text: str, url: str, curated: Path, seeds: Path, *, published: dt.date | None = None, headline: str | None = None,
                  outlet: str | None = None, retrieved: dt.date | None = None) -> DraftingResult:  # fmt: skip
    """Register an article as a source and write a draft record for every event it states.

    Args:
        text: the article's text (``register.decode_article`` checks a file's bytes first).
        url: where it was found.
        curated, seeds: the folders to write into.
        published, headline, outlet: as the curator gives them; else found in the text.
        retrieved: when it was retrieved (default today).

    Returns:
        The registered sources and the drafts written (each with its path and what the drafter was unsure of).

    Raises:
        RegistrationError: nothing was written, and the message says why.
    """
    if not url.strip():
        raise RegistrationError("give the article's URL (where it was found)")
    check_new(text, url, seeds)
    vocab = vocabularies(curated)
    provenance = find_provenance(text, url, published=published, headline=headline, outlet=outlet, retrieved=retrieved)
    entries = register(text, provenance, seeds)
    texts = {entry.id: source_texts_for(seeds, entry) for entry in entries}
    taken = taken_ids(curated)
    drafts = []
    for entry in entries:
        for draft in draft_source(texts[entry.id], entry.id, entry.published, vocab, taken, entry.published_precision):
            write_draft(draft, curated)
            drafts.append(draft)
    return DraftingResult(entries, drafts, texts)


def source_texts_for(seeds: Path, entry: SourceEntry) -> str:
    """The text a source's quotes come from (a bulletin release's headline and body)."""
    return source_texts(seeds)[entry.id]


def record_checks(curated: Path, seeds: Path) -> Checks:
    """What a record is checked against (vocabularies, sources and their texts), read without the records."""
    problems: list[Problem] = []
    return Checks.of(load_vocabularies(Path(curated), problems), load_sources(Path(seeds), problems))
