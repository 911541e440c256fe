"""Where an event took place: "in Santiago", "in Honolulu, Hawaii", "in Gliwice in southern Poland",
"in the Korean capital Seoul", with the country from the capitals, states and country names the text uses."""

from __future__ import annotations

import dataclasses
import re

from sctracker.curation.partners import Group, capital_country, find_partners, subdivision_country

_PLACE = r"(?:The\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
#: "in <Place>", optionally ", <Region or Country>" or " in (southern|…) <Country>"; "capital <City>".
IN_PLACE = re.compile(
    rf"\b(?:in|at)\s+(?:the\s+[A-Z]\w+\s+capital\s+)?(?P<city>{_PLACE})(?:,\s+(?P<region>{_PLACE})|\s+in\s+(?:(?:southern|northern|eastern|western|central)\s+)?(?P<country>{_PLACE}))?"
)
_NOT_PLACES = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|This|Appendix)\b"
)


@dataclasses.dataclass(frozen=True)
class Place:
    city: str | None
    country: str | None  # alpha-3
    words: str
    span: tuple[int, int]
    sure: bool  # False when the city's country is a reading (the one country the sentence names)


def find_place(text: str, groups: tuple[Group, ...] = ()) -> Place | None:
    """The first place ``text`` says something happened in, with its country where the text shows it."""
    for match in IN_PLACE.finditer(text):
        city = match.group("city")
        if _NOT_PLACES.match(city):
            continue
        country = capital_country(city)
        if country:
            return Place(city, country, match.group(), match.span(), True)
        named = [m for m in find_partners(city, groups) if m.country and m.span == (0, len(city))]
        if named:  # "in Korea", "in Western Australia"
            return Place(None, named[0].country, match.group(), match.span(), True)
        tail = match.group("region") or match.group("country") or ""
        around = [m.country for m in find_partners(tail, groups) if m.country] or [subdivision_country(tail)]
        if around[0]:
            return Place(city, around[0], match.group(), match.span(), True)
        if tail:
            continue  # "in Washington, Feb." and the like: not a place we can read
        others = {m.country for m in find_partners(text, groups) if m.country and not m.home}
        if len(others) == 1 and not find_partners(city, groups):
            return Place(city, others.pop(), match.group(), match.span(), False)
    return None
