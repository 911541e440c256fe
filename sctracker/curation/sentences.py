"""An article cut into sentences, each with its place in the text, so that every quote is a verbatim slice.

pysbd (a rule-based splitter) cuts each line; lines are paragraphs in the articles we read (press releases
and news pages pasted as text). Pages that lost the space between sentences ("contractor.Under the deal")
are cut there too.
"""

from __future__ import annotations

import dataclasses
import functools
import re

import pysbd

#: A sentence end glued to the next sentence: two lowercase letters (not an abbreviation like "U.S."), a full
#: stop, an optional closing quote, then a capital letter or an opening quote.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[\"“]?[A-Z])|(?<=[a-z]{2}[.!?][\"”])(?=[A-Z\"“])")


@dataclasses.dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` is exactly ``article[start:end]`` (no surrounding space)."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int  # 0-based index of its line among the article's non-empty lines


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, with its character span."""
    sentences: list[Sentence] = []
    paragraph = -1
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        paragraph += 1
        for piece in _segmenter().segment(line.group()):
            for start, end in _cut_glued(piece.sent):
                absolute = line.start() + piece.start + start
                chunk = piece.sent[start:end]
                stripped = chunk.strip()
                if not stripped:
                    continue
                offset = absolute + len(chunk) - len(chunk.lstrip())
                sentences.append(Sentence(len(sentences), offset, offset + len(stripped), stripped, paragraph))
    return sentences


def _cut_glued(sentence: str) -> list[tuple[int, int]]:
    cuts = [0, *(match.start() for match in _GLUED.finditer(sentence)), len(sentence)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]
