"""Reading an article as a whole before its sentences: its headline line, the reference day relative dates
count from (the dateline's day, else the publication date), the spans that are no event's date (the
dateline, a page's date field), the acronyms it defines, and its lead partners (those of the headline and
the first sentence that names one)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from sctracker.curation import dates as dating
from sctracker.curation.events import ArticleContext
from sctracker.curation.partners import defined_acronyms, find_partners, groups_of, partner_codes
from sctracker.curation.sentences import Sentence, split_sentences
from sctracker.records.vocabularies import Vocabularies

#: A page's own date field, not an event's date: " date 2025-08-02", "Registration date2024-05-16", a
#: headline line ending in its release date.
PAGE_DATE_FIELD = re.compile(r"(?:\bdate\s?|(?<=\s))(?:19|20)\d\d-[01]\d-[0-3]\d\b")


def _bare(line: str) -> str:
    """A line without list marks, brackets and a trailing date: a headline repeated in the page compares equal."""
    return PAGE_DATE_FIELD.sub("", line).strip(" -•[]\t")


@dataclasses.dataclass(frozen=True)
class Article:
    text: str
    sentences: list[Sentence]  # the body's sentences (the headline line left out)
    context: ArticleContext


def read_article(text: str, published: dt.date, vocab: Vocabularies, published_precision: str = "day") -> Article:
    """An article ready for ``events.find_events``: its body sentences and what reading them needs.

    A publication date known only to its month or year (``published_precision``) still anchors relative
    dates, and every date worked out from it is marked as a doubt."""
    groups = groups_of(vocab.partners)
    acronyms = defined_acronyms(text)
    sentences = split_sentences(text)
    headline = sentences[0].text if sentences else ""
    body = [s for s in sentences if s.paragraph > 0 and _bare(s.text) != _bare(headline)]
    skip = [match.span() for match in PAGE_DATE_FIELD.finditer(text)]
    reference = dating.Reference(published, f"the publication date {published}")
    if published_precision != "day":
        reference = dating.Reference(published, f"the publication date, known only to the {published_precision} ({published})")
    dateline = dating.find_dateline(text)
    if dateline:
        day = dating.dateline_day(dateline, published)
        reference = dating.Reference(day, f"the dateline '{' '.join(dateline.group().split()).rstrip('-—– ')}' ({day})")
        skip.append(dateline.span())
    lead_mentions = [m for m in find_partners(headline, groups, acronyms) if not m.home]
    if not lead_mentions:  # a headline that names no partner: the first sentence that does
        first = next((s for s in body if any(not m.home for m in find_partners(s.text, groups, acronyms))), None)
        lead_mentions = find_partners(first.text, groups, acronyms) if first is not None else []
    context = ArticleContext(
        reference=reference,
        groups=groups,
        acronyms=acronyms,
        skip=tuple(skip),
        lead_partners=tuple(partner_codes(lead_mentions, groups)),
        headline=headline,
        vague_reference=published_precision != "day" and dateline is None,
        sectors=vocab.sectors,
        event_types=vocab.event_types,
    )
    return Article(text, body, context)
