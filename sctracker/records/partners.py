"""The partners a record can name, at world scale: every ISO 3166-1 country (its name and UN M49 region
derived from the country table, never typed), the groups of ``curated/partners.yaml`` (members with the
dates they joined or left, an anchor for the map, aliases), and ISO 3166-2 subdivisions such as ``AU-WA``,
which count for their country and are shown as ``Western Australia (Australia)``.

Korea (``KOR``, and its subdivisions ``KR-…``) is the home country, never a partner. ``partners.yaml`` also
holds name overrides: a country or subdivision shown under another name than ISO's.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re

import pandas as pd
import pycountry

from sctracker.records.countries import countries, subdivision
from sctracker.records.model import HOME_COUNTRY, GroupEntry, Member, NameEntry

#: What a partner code can stand for.
KINDS = ("country", "group", "subdivision")
#: The columns of the partner table, one row a country, a group or a renamed subdivision, all plain values (the
#: loader's cache keeps the table as it is).
COLUMNS = [
    "name",  # as people read it; a subdivision's ends in its country's: "Bavaria (Germany)"
    "kind",  # country, group or subdivision
    "region",  # UN M49 region (a group's own; a subdivision's country's)
    "subregion",  # UN M49 sub-region of a country, else None
    "country",  # the country it counts for: itself, a subdivision's country; None for a group
    "members",  # a group's members now (those that left are left out)
    "history",  # a group's members, ever: codes, with ``joined`` and ``left`` beside them ("" when not given)
    "joined",
    "left",
    "korea_member",
    "aliases",
    "anchor_city",  # a group's anchor on the map: its place, country and point (None / NaN otherwise)
    "anchor_country",
    "anchor_lon",
    "anchor_lat",
]
_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
#: Countries with no UN M49 region (Antarctica's neighbours, say) are ordered under this.
NO_REGION = "Other"


def partner_table(groups: list[GroupEntry], names: list[NameEntry]) -> pd.DataFrame:
    """Every partner that has a row: the groups in file order, every ISO country but Korea by code, then the
    subdivisions ``names`` renames (any other subdivision is looked up when a record names it)."""
    overrides = {entry.code: entry for entry in names}
    rows = {}
    for group in groups:
        history = [member if isinstance(member, Member) else Member(code=member) for member in group.members]
        rows[group.code] = {
            **_blank(group.name, "group", group.region),
            "members": [member.code for member in history if member.left is None],
            "history": [member.code for member in history],
            "joined": [member.joined or "" for member in history],
            "left": [member.left or "" for member in history],
            "korea_member": group.korea_member,
            "aliases": list(group.aliases),
            "anchor_city": group.anchor.city,
            "anchor_country": group.anchor.country,
            "anchor_lon": group.anchor.lon,
            "anchor_lat": group.anchor.lat,
        }
    for code, country in sorted(countries().items()):
        if code == HOME_COUNTRY or code in rows:
            continue
        override = overrides.get(code)
        rows[code] = {
            **_blank(override.name if override else country.name, "country", country.region or NO_REGION),
            "subregion": country.subregion,
            "country": code,
            "aliases": list(override.aliases) if override else [],
        }
    for code, entry in overrides.items():
        found = subdivision(code) if is_subdivision_code(code) else None
        if found is not None and found[0] in rows:
            parent = rows[found[0]]
            rows[code] = {
                **_blank(f"{entry.name} ({parent['name']})", "subdivision", parent["region"]),
                "country": found[0],
                "aliases": list(entry.aliases),
            }
    table = pd.DataFrame.from_dict(rows, orient="index", columns=COLUMNS)
    table.index.name = "code"
    return table.astype({"anchor_lon": "float64", "anchor_lat": "float64", "korea_member": "bool"})


def _blank(name: str, kind: str, region: str) -> dict:
    return {
        "name": name, "kind": kind, "region": region, "subregion": None, "country": None, "members": [], "history": [],
        "joined": [], "left": [], "korea_member": False, "aliases": [], "anchor_city": None, "anchor_country": None,
        "anchor_lon": float("nan"), "anchor_lat": float("nan"),
    }  # fmt: skip


def is_subdivision_code(code: str) -> bool:
    return bool(_SUBDIVISION.match(code))


def is_home(code: str) -> bool:
    """Korea or one of its subdivisions."""
    return code == HOME_COUNTRY or code.startswith("KR-")


@dataclasses.dataclass(frozen=True, eq=False)  # compared and hashed by identity: it is cached by
class Partners:
    """Lookups on the partner table that also know the subdivisions it has no row for (``AU-WA``)."""

    table: pd.DataFrame

    def kind(self, code: str) -> str | None:
        """``country``, ``group`` or ``subdivision``; None for a code that is no partner."""
        if code in self.table.index:
            return self.table.at[code, "kind"]
        if code != HOME_COUNTRY and code in countries():
            return "country"
        if is_subdivision_code(code) and not is_home(code) and subdivision(code) is not None:
            return "subdivision"
        return None

    def name(self, code: str) -> str:
        """As people read it: ``Australia``, ``European Union``, ``Western Australia (Australia)``; the code if unknown."""
        if code in self.table.index:
            return self.table.at[code, "name"]
        if code in countries():
            return countries()[code].name
        found = subdivision(code) if is_subdivision_code(code) else None
        if found is None:
            return code
        parent, name, _ = found
        return f"{name} ({self.name(parent)})"

    def country(self, code: str) -> str | None:
        """The country a partner counts for: itself, or a subdivision's country; None for a group."""
        if code in self.table.index:
            value = self.table.at[code, "country"]
            return value if isinstance(value, str) else None  # a group's is empty (pandas may hold it as NaN)
        kind = self.kind(code)
        if kind == "country":
            return code
        if kind == "subdivision":
            return subdivision(code)[0]
        return None

    def region(self, code: str) -> str:
        """The region a partner is ordered under: its own, a subdivision's country's."""
        if code in self.table.index:
            return self.table.at[code, "region"]
        if code in countries():
            return countries()[code].region or NO_REGION
        parent = self.country(code)
        return self.table.at[parent, "region"] if parent in self.table.index else NO_REGION

    def rows(self, codes) -> pd.DataFrame:
        """The partner table's rows for ``codes`` in their order, subdivisions included; codes that are no
        partner are left out."""
        records = []
        for code in codes:
            kind = self.kind(code)
            if kind is None:
                continue
            row = self.table.loc[code].to_dict() if code in self.table.index else {**_blank("", kind, ""), "country": self.country(code)}
            records.append({**row, "code": code, "name": self.name(code), "region": self.region(code)})
        return pd.DataFrame(records, columns=["code", *COLUMNS]).set_index("code")

    def members_on(self, group: str, day) -> list[str]:
        """A group's members on ``day`` (a date): those that had joined (in its year or month, for a less
        precise date) and not yet left."""
        iso = day.isoformat()
        row = self.table.loc[group]
        return [
            code
            for code, joined, left in zip(row["history"], row["joined"], row["left"])
            if (not joined or joined <= iso[: len(joined)]) and (not left or iso[: len(left)] < left)
        ]

    def suggest(self, text: str) -> list[str]:
        """The partner codes a curator may have meant by ``text``: ``Japan``, ``japan`` or ``JP`` give ``JPN``,
        ``EU`` gives ``EUU``, ``Western Australia`` gives ``AU-WA``, a misspelling its nearest names."""
        words = _words(self)
        key = _key(text)
        if not key:
            return []
        codes = list(words.get(key, ()))
        if not codes and is_subdivision_code(text.upper()) and self.kind(text.upper()):
            codes = [text.upper()]
        if not codes:
            for close in difflib.get_close_matches(key, list(words), n=3, cutoff=0.75):
                codes += [code for code in words[close] if code not in codes]
        return codes[:3]


def _key(text: str) -> str:
    text = re.sub(r"[^\w]+", " ", text.casefold()).strip()
    return re.sub(r"^the ", "", text)


@functools.lru_cache(maxsize=4)
def _words(partners: Partners) -> dict[str, tuple[str, ...]]:
    """Every word or phrase that names a partner (codes, names, ISO and official names, demonyms, capitals,
    other spellings, group aliases, subdivision names), in lower case, with the codes it names."""
    found: dict[str, list[str]] = {}

    def add(word: str | None, code: str) -> None:
        key = _key(word or "")
        if key and code not in found.setdefault(key, []):
            found[key].append(code)

    for code, row in partners.table.iterrows():
        for word in (
            code,
            row["name"].removesuffix(f" ({partners.name(row['country'])})") if row["kind"] == "subdivision" else row["name"],
            *row["aliases"],
        ):
            add(word, code)
    for code, country in countries().items():
        for word in (
            code,
            country.alpha_2,
            country.name,
            country.iso_name,
            country.official_name,
            country.demonym,
            country.capital,
            *country.other_names,
        ):
            add(word, code)
    for entry in pycountry.subdivisions:
        add(entry.name, entry.code)
    add("Korea", HOME_COUNTRY)
    return {key: tuple(codes) for key, codes in found.items()}
