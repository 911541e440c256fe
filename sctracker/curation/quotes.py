"""Quotes for a draft: verbatim passages of the source that carry its facts, nothing paraphrased and
nothing from outside the text.

A quote is a sentence of the source as printed (a page's date field in front of it left out), found again
in the source with the records layer's own matcher before it is used, so that ``validate`` accepts it.
"""

from __future__ import annotations

from sctracker.curation.reading import PAGE_DATE_FIELD
from sctracker.curation.sentences import Sentence
from sctracker.records.sources import quote_in


def quote_of(sentence: Sentence) -> str:
    """The sentence as a quote: verbatim, without a page's date field that the page printed before it."""
    text = sentence.text
    field = PAGE_DATE_FIELD.match(text)
    if field:
        text = text[field.end() :].lstrip()
    return text or sentence.text


def quotes_for(sentences: list[Sentence], source_text: str) -> list[str]:
    """The quotes of some sentences, each checked to be in ``source_text``; none twice."""
    out: list[str] = []
    for sentence in sentences:
        quote = quote_of(sentence)
        if quote not in out and quote_in(quote, source_text):
            out.append(quote)
    return out
