"""Partners named in an article: countries, their states and provinces, and groups, with where each is named.

Every spelling comes from data, never from a typed list of countries: each country's names, other names,
demonym ("Polish", "Dutch") and capital ("Warsaw", "Canberra") from ``records.countries``; initials of
multi-word names ("U.S.", "UAE"); ISO 3166-2 states and provinces from pycountry (``AU-WA`` Western
Australia), trusted only when their country is named too; groups by name, by their aliases in
``curated/partners.yaml``, by initials, and by an acronym the article itself defines ("Gulf Cooperation
Council (GCC)"). A capital counts as a government only where the text uses it so ("Warsaw's plan", "a
Riyadh official"); "in Seoul" is a place. Korea is the home country, never a partner: its spellings are
found (so that "South Korean" is not read as anything else) and marked as home.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import re

import pandas as pd
import pycountry

from sctracker.records.countries import countries, subdivision
from sctracker.records.model import HOME_COUNTRY

#: The home country's short spellings that its data table does not carry ("Korea" for "South Korea").
HOME_WORDS = ("Korea", "Korean", "Koreans", "S. Korea", "S. Korean", "ROK", "R.O.K.")
#: Words for regions that contain a country's demonym but name no country: they are read and set aside.
REGION_WORDS = (
    "South American", "Latin American", "North American", "Central American", "Southeast Asian", "East Asian",
    "South Asian", "Korean Peninsula", "Indo-Pacific", "Asia-Pacific", "Middle East", "Middle Eastern",
)  # fmt: skip
#: A capital names a government only when followed by one of these, or by a possessive.
_GOVERNMENT_AFTER = re.compile(r"^(?:['’]s\b|\s+(?:official|officials|government|authorities|said|says|announced)\b)")
#: A country named as the adjective of an office ("U.S. Department of Commerce") speaks for the text, not as a party.
_OFFICE_AFTER = re.compile(
    r"^(?:\s+(?:Department|Secretary|Ministry|Treasury|Embassy|State Department|National Security|Commerce|Trade Representative)\b"
    r"|['’]s?\s+(?:[A-Z][\w-]*\s+){0,4}(?:Act|Law|Regulation|Strategy)\b)"  # "the United States' Inflation Reduction Act"
)
#: A country's name as part of a geographic feature's ("the Taiwan Strait", "the Korean Peninsula"): no party.
_FEATURE_AFTER = re.compile(r"^\s+(?:Strait|Straits|Sea|Peninsula|Ocean|Gulf|Basin|River|Canal|Channel)\b")
#: A country named as a place: "in Cambodia", "at … in southern Poland".
_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Aa]t)\s+(?:the\s+)?(?:(?:southern|northern|eastern|western|central)\s+)?$")
_SUBDIVISION_TYPES = {
    "State",
    "Province",
    "Territory",
    "Prefecture",
    "Emirate",
    "Land",
    "Autonomous region",
    "Autonomous community",
    "Autonomous province",
}
_SMALL_WORDS = {"of", "the", "and", "for", "de", "da", "du", "des", "la", "le"}


@dataclasses.dataclass(frozen=True)
class Mention:
    """One place where the text names a partner (or the home country)."""

    code: str  # ISO alpha-3, a group's code, or an ISO 3166-2 subdivision code
    country: str | None  # the alpha-3 code it counts for (None for a group)
    words: str  # as printed
    span: tuple[int, int]
    how: str  # name, demonym, capital, initials, group, acronym, subdivision, home
    office: bool = False  # the adjective of an office ("U.S. Secretary of Commerce")
    place: bool = False  # named as where something happens ("in Cambodia")

    @property
    def home(self) -> bool:
        return self.country == HOME_COUNTRY


@dataclasses.dataclass(frozen=True)
class Group:
    """A group partner from the vocabulary: its code, its spellings and its members."""

    code: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]


def groups_of(partners: pd.DataFrame) -> tuple[Group, ...]:
    """The groups of a partners vocabulary table (``Vocabularies.partners``), with their aliases when it has them."""
    groups = partners[partners["kind"] == "group"]
    aliases = groups["aliases"] if "aliases" in groups.columns else pd.Series([[]] * len(groups), index=groups.index)
    return tuple(Group(code, row["name"], tuple(aliases[code] or ()), tuple(row["members"] or ())) for code, row in groups.iterrows())


def initials(name: str) -> str:
    """The initials of a multi-word name's capitalized words: "United Arab Emirates" -> "UAE" ("" for one word)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


@functools.cache
def _country_aliases() -> dict[str, tuple[str, str]]:
    """Spelling -> (alpha-3, how) for every country; spellings two countries share are left out."""
    found: dict[str, set[tuple[str, str]]] = collections.defaultdict(set)
    for code, country in countries().items():
        names = {country.name, country.iso_name, country.official_name, *country.other_names} - {None}
        for name in names:
            if "," not in name:
                found[name].add((code, "name"))
        if country.demonym:
            found[country.demonym].add((code, "demonym"))
        short = initials(country.name)
        if len(short) >= 2:
            found[short].add((code, "initials"))
            found[".".join(short) + "."].add((code, "initials"))
    for word in HOME_WORDS:
        found[word] = {(HOME_COUNTRY, "home")}
    by_code = {}
    for spelling, owners in found.items():
        codes = {code for code, _ in owners}
        if len(codes) == 1 and len(spelling) >= 2:
            by_code[spelling] = sorted(owners)[0]
    return by_code


@functools.cache
def _capitals() -> dict[str, str]:
    """Capital -> alpha-3 ("Washington D.C." is also "Washington")."""
    out = {}
    for code, country in countries().items():
        if country.capital:
            out[country.capital] = code
            plain = re.sub(r"(?:\s+\S*\.)+$", "", country.capital)  # "Washington D.C." -> "Washington"
            out.setdefault(plain, code)
    return out


def capital_country(city: str) -> str | None:
    """The country whose capital ``city`` is, or None."""
    return _capitals().get(city)


@functools.cache
def _subdivision_names() -> dict[str, str]:
    """Subdivision name -> ISO 3166-2 code, for states and provinces whose name is nobody else's."""
    taken = set(_country_aliases()) | set(_capitals())
    found: dict[str, set[str]] = collections.defaultdict(set)
    for item in pycountry.subdivisions:
        if item.type in _SUBDIVISION_TYPES and len(item.name) >= 4:
            found[item.name].add(item.code)
    return {name: codes.pop() for name, codes in found.items() if len(codes) == 1 and name not in taken}


def subdivision_country(name: str) -> str | None:
    """The alpha-3 code of the country a state or province of this name belongs to ("Hawaii" -> USA), or None."""
    code = _subdivision_names().get(name)
    parent = subdivision(code) if code else None
    return parent[0] if parent else None


def _alternation(spellings) -> re.Pattern:
    ordered = sorted(set(spellings), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(s) for s in ordered) + r")(?![\w])")


@functools.cache
def _country_pattern() -> re.Pattern:
    return _alternation([*_country_aliases(), *REGION_WORDS])


@functools.cache
def _capital_pattern() -> re.Pattern:
    return _alternation(_capitals())


@functools.cache
def _subdivision_pattern() -> re.Pattern:
    return _alternation(_subdivision_names())


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines in parentheses: "Gulf Cooperation Council (GCC)" -> {"GCC": "Gulf Cooperation Council"}."""
    out = {}
    for match in re.finditer(r"\(([A-Z][A-Z0-9&]{1,7})\)", text):
        before = text[max(0, match.start() - 120) : match.start()].rstrip()
        phrase = re.search(r"((?:(?:[A-Z][\w'’-]*|of|the|and|for)\s+)*[A-Z][\w'’-]*)$", before)
        if phrase:
            out[match.group(1)] = re.sub(r"^(?:The|the)\s+", "", phrase.group(1))
    return out


def find_partners(text: str, groups: tuple[Group, ...] = (), acronyms: dict[str, str] | None = None) -> list[Mention]:
    """Every partner named in ``text``, in order (the home country's mentions marked ``home``).

    Args:
        text: the text to read (a sentence, or the whole article).
        groups: the vocabulary's groups (``groups_of``).
        acronyms: acronyms the whole article defines (``defined_acronyms``), so that a sentence using only
            the acronym is read too.
    """
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, code: str | None, country: str | None, how: str) -> None:
        span = match.span()
        if any(a < span[1] and span[0] < b for a, b in taken):
            return
        taken.append(span)
        if code is not None and not _FEATURE_AFTER.match(text[span[1] :]):
            office = bool(_OFFICE_AFTER.match(text[span[1] :]))
            place = bool(_PLACE_BEFORE.search(text[: span[0]]))
            mentions.append(Mention(code, country, match.group(), span, how, office, place))

    for match, code, how in _group_matches(text, groups, acronyms or {}):
        add(match, code, None, how)
    aliases = _country_aliases()
    country_matches = [(match, aliases.get(match.group())) for match in _country_pattern().finditer(text)]
    named = {found[0] for _, found in country_matches if found}
    for match in _subdivision_pattern().finditer(text):  # before the countries: "Western Australia" is a state
        code = _subdivision_names()[match.group()]
        parent = subdivision(code)
        if parent and parent[0] in named:
            add(match, code, parent[0], "subdivision")
    for match, found in country_matches:
        add(match, *(found[0], found[0], found[1]) if found else (None, None, "region"))
    for match in _capital_pattern().finditer(text):
        if _GOVERNMENT_AFTER.match(text[match.end() :]):
            code = _capitals()[match.group()]
            add(match, code, code, "capital")
    return sorted(mentions, key=lambda m: m.span)


def _group_matches(text: str, groups: tuple[Group, ...], acronyms: dict[str, str]):
    spellings: dict[str, tuple[str, str]] = {}
    for group in groups:
        spellings[group.name] = (group.code, "group")
        for alias in group.aliases:
            spellings[alias] = (group.code, "group")
        short = initials(group.name)
        if len(short) >= 2:
            spellings.setdefault(short, (group.code, "initials"))
    for acronym, long_form in acronyms.items():
        owner = next((code for spelling, (code, _) in spellings.items() if long_form.endswith(spelling)), None)
        if owner and acronym not in spellings:
            spellings[acronym] = (owner, "acronym")
    if not spellings:
        return []
    return [(match, *spellings[match.group()]) for match in _alternation(spellings).finditer(text)]


def partner_codes(mentions: list[Mention], groups: tuple[Group, ...] = ()) -> list[str]:
    """The partners of some mentions, in order of first mention: never the home country; subdivisions as
    their country; members of a group named alongside them folded into the group when two or more are."""
    codes = list(dict.fromkeys((m.country or m.code) for m in mentions if not m.home and not m.office and not m.place))
    for group in groups:
        if group.code in codes:
            members = [code for code in codes if code in group.members]
            if len(members) >= 2:
                codes = [code for code in codes if code not in members]
    return codes
