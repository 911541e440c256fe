"""Finding a vocabulary's cue words in text: the one matcher behind sector and event-type proposals.

A cue is a word or phrase from the ``cues`` field of ``curated/sectors.yaml`` or ``event_types.yaml``. It
matches as whole words, a plural too ("MOUs", "batteries"); a cue written with capitals past its first
letter ("AI", "EV", "MoU") matches only in those capitals, any other in any case.
"""

from __future__ import annotations

import dataclasses
import functools
import re


@dataclasses.dataclass(frozen=True)
class CueHit:
    """One cue found: the vocabulary entry it signals, the words as printed, and where."""

    entry: str
    words: str
    span: tuple[int, int]


def _case_sensitive(cue: str) -> bool:
    return any(ch.isupper() for ch in cue[1:])


@functools.cache
def _pattern(table: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern:
    """One alternation of every cue, longest first, each in a named group per entry."""
    parts = []
    ordered = sorted(((cue, entry) for entry, cues in table for cue in cues), key=lambda item: len(item[0]), reverse=True)
    for number, (cue, _) in enumerate(ordered):
        body = r"\s+".join(re.escape(word) for word in cue.split())
        if re.search(r"[^aeiou]y$", cue):  # "battery" -> "batteries"
            body = body[:-1] + "(?:y|ie)"
        flags = "" if _case_sensitive(cue) else "(?i:"
        body = f"{flags}{body})" if flags else body
        parts.append(f"(?P<c{number}>{body}(?:s|es)?)")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])") if parts else re.compile(r"(?!x)x")


def find_cues(text: str, table: dict[str, list[str]]) -> list[CueHit]:
    """Every cue of ``table`` (entry id -> its cues) in ``text``, in order, longest cue first where they overlap."""
    frozen = tuple((entry, tuple(cues)) for entry, cues in table.items())
    ordered = sorted(((cue, entry) for entry, cues in frozen for cue in cues), key=lambda item: len(item[0]), reverse=True)
    hits = []
    for match in _pattern(frozen).finditer(text):
        number = int(match.lastgroup[1:])
        hits.append(CueHit(ordered[number][1], match.group(), match.span()))
    return hits
