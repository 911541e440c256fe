"""People with their roles, and organizations (companies, agencies), as an article names them.

A person is a title followed by a name ("Chile's Mining Minister Aurora Williams", "his Polish counterpart,
Wladyslaw Kosiniak-Kamysz") or a name followed by a title ("Yasuo Takamura, councillor of Japan's Cabinet
Secretariat"). The side they speak for comes from a country named in the title; where none is, a name in
the Korean romanization pattern ("Moon Sung-wook") is taken for Korea's side and said to be a guess.
"""

from __future__ import annotations

import dataclasses
import re

from sctracker.curation.partners import Group, find_partners
from sctracker.records.model import HOME_COUNTRY

_ROLE = (
    r"(?:Prime Minister|Minister|Vice President|President|Premier|Secretary General|Secretary-General|Secretary|"
    r"Director General|Director-General|Director|Commissioner|Ambassador|Chairman|Chairperson|Chair|CEO|Governor|"
    r"Councillor|Councilor|Chancellor|Crown Prince|King|counterpart|minister|secretary|councillor|director|"
    r"commissioner|ambassador|chief|president|chairman)"
)
_NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*|[A-Z]\.|al|bin|van|von|de|Ould)"
_NAME = rf"(?!(?:General|Secretary|Minister|President)\b)(?:Dr\.\s+)?[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*(?:\s+{_NAME_WORD}){{1,3}}"
_CAPITAL_WORD = r"(?:(?:[A-Z]\.)+|[A-Z][\w'’&-]*)"
_TITLE_WORD = rf"(?:{_CAPITAL_WORD}|of|for|at|and|the|on)"
#: "<title> <Name>": a title starting with a capitalized word (or "his", "her"), ending in a role, then a name
#: of two to four capitalized words.
TITLE_THEN_NAME = re.compile(
    rf"(?P<title>(?:{_CAPITAL_WORD}|his|her|their)\s+(?:{_TITLE_WORD}\s+){{0,8}}?(?:[a-z]+\s+){{0,2}}?{_ROLE}(?:\s+\([A-Z]+\))?|{_ROLE}),?\s+(?P<name>{_NAME})(?![\w-])"
)
#: "<Name>, <title>,": a name, a comma, a short title with a role word in it.
NAME_THEN_TITLE = re.compile(rf"(?P<name>{_NAME}),\s+(?P<title>(?:[\w'’.-]+\s+){{0,5}}?{_ROLE}\b[^,.;()]{{0,90}})")
#: A Korean name as romanized in English news: family name, then a hyphenated given name.
KOREAN_NAME = re.compile(r"^[A-Z][a-z]{1,5}\s+[A-Z][a-z]+-[a-z]+$")
_NOT_NAMES = re.compile(
    r"\b(?:Ministry|Department|Agency|Council|Committee|Corporation|Company|Republic|Union|Partnership|Summit|Forum|Statement)\b"
)

_ORG_SUFFIX = r"(?:Corp\.|Corporation|Inc\.|Co\.|Ltd\.?|Holdings(?:\s+Inc\.)?|Group|Company|Electronics(?:\s+Co\.)?|Motor|Agency|Institute|Secretariat|Association|Bank|Fund|Office)"
#: A run of capitalized words ending in a company or agency word: "POSCO Holdings Inc.", "Samsung C&T Corp.".
SUFFIXED_ORG = re.compile(rf"(?<![\w])(?P<org>(?:[A-Z][\w&.'’-]*\s+(?:(?:of|for)\s+)?){{1,6}}{_ORG_SUFFIX})(?![\w])")
#: A ministry or department by its name: "Ministry of Trade, Industry and Energy".
MINISTRY = re.compile(
    r"(?P<org>(?:[A-Z][\w'’-]*\s+)*(?:Ministry|Department) of [A-Z][\w'’-]*(?:,\s+[A-Z][\w'’-]*)*(?:\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?)"
)
#: An organization the text defines with its acronym: "Korea Mine Rehabilitation and Mineral Resources Corporation (KOMIR)".
DEFINED_ORG = re.compile(r"(?P<org>(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|y|de)\s+)?){1,9})\((?P<acronym>[A-Z][A-Za-z&]{1,7})\)")
_COMPANY_WORDS = re.compile(r"\b(?:Corp\.|Corporation|Inc\.|Co\.|Ltd|Holdings|Group|Company|Electronics|Motor|Minera|Solution)\b")
_GOVERNMENT_WORDS = re.compile(r"\b(?:Ministry|Department|Agency|Institute|Secretariat|Council|Commission|Office|Corporation|Fund|Bank)\b")


@dataclasses.dataclass(frozen=True)
class Person:
    name: str
    role: str
    side: str | None  # KOR or a partner code; None when the text does not say
    side_guessed: bool
    span: tuple[int, int]


@dataclasses.dataclass(frozen=True)
class Organization:
    name: str
    kind: str  # company or agency
    side: str | None
    span: tuple[int, int]


def find_people(text: str, groups: tuple[Group, ...] = ()) -> list[Person]:
    """Every person ``text`` names with a title, in order, once each."""
    people: dict[str, Person] = {}
    for pattern in (TITLE_THEN_NAME, NAME_THEN_TITLE):
        for match in pattern.finditer(text):
            name = re.sub(r"['’]s$", "", match.group("name").strip())
            if _NOT_NAMES.search(name) or find_partners(name, groups) or name in people:
                continue
            title = _own_title(match.group("title"))
            side = _side_in(title, groups)
            guessed = False
            if side is None and KOREAN_NAME.match(name.removeprefix("Dr. ")):
                side, guessed = HOME_COUNTRY, True
            people[name] = Person(name, _plain_role(title, groups), side, guessed, match.span("name"))
    return sorted(people.values(), key=lambda p: p.span)


def _own_title(title: str) -> str:
    """The part of a matched title that belongs to the name after it: not an earlier line, sentence, or person."""
    title = re.split(r"\n|[.;]\s+", title)[-1]
    parts = re.split(r"\s+and\s+", title)
    with_role = [part for part in parts if re.search(_ROLE, part)]
    return with_role[-1] if len(parts) > 1 and with_role else title


def _side_in(title: str, groups: tuple[Group, ...]) -> str | None:
    mentions = find_partners(title, groups)
    return (mentions[0].country or mentions[0].code) if mentions else None


def _plain_role(title: str, groups: tuple[Group, ...]) -> str:
    """The title without the words that name a side: "Chile's Mining Minister" -> "Mining Minister"."""
    role = title
    for mention in reversed(find_partners(title, groups)):
        a, b = mention.span
        role = role[:a] + role[b:]
    role = re.sub(r"^\s*(?:['’]s\s+)?(?:his|her|their|its|the)?\s*", "", role)
    role = re.sub(r"\s+", " ", role.replace("'s ", " ").replace("’s ", " ")).strip(" ,")
    return role[:1].upper() + role[1:] if role else title.strip()


def find_organizations(text: str, groups: tuple[Group, ...] = ()) -> list[Organization]:
    """Companies and agencies ``text`` names, in order, once each (the longest form of overlapping names)."""
    found: list[tuple[tuple[int, int], str]] = []
    for pattern in (DEFINED_ORG, MINISTRY, SUFFIXED_ORG):
        for match in pattern.finditer(text):
            span = match.span("org")
            name = match.group("org").strip().rstrip(",")
            if pattern is DEFINED_ORG:
                name = f"{name} ({match.group('acronym')})"
                span = (span[0], match.end())
            if not (_COMPANY_WORDS.search(name) or _GOVERNMENT_WORDS.search(name)) or len(name) < 5:
                continue
            if any(a <= span[0] and span[1] <= b for a, b in (s for s, _ in found)):
                continue
            found = [(s, n) for s, n in found if not (span[0] <= s[0] and s[1] <= span[1])]
            found.append((span, name))
    out, seen = [], set()
    for span, name in sorted(found):
        name = re.sub(r"^(?:The|the|and|of)\s+", "", name)
        if name in seen:
            continue
        seen.add(name)
        kind = "company" if _COMPANY_WORDS.search(name) else "agency"
        side = _side_in(name, groups)
        out.append(Organization(name, kind, side, span))
    return out
