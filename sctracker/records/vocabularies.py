"""The controlled vocabularies: partners (every ISO country, the groups and name overrides of
``partners.yaml``, subdivisions), sectors and event types, read and checked once."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pandas as pd
import pycountry

from sctracker import paths
from sctracker.records.countries import country, subdivision
from sctracker.records.model import HOME_COUNTRY, GroupEntry, Member, NameEntry, VocabularyEntry
from sctracker.records.partners import Partners, is_home, is_subdivision_code, partner_table
from sctracker.records.problems import Problem, display_path
from sctracker.records.yaml_reader import EntryList, check_unique, read_list, read_sections


@dataclasses.dataclass
class Vocabularies:
    """The controlled vocabularies, each a table indexed by its code in file order.

    ``partners`` has a row for every group, every ISO country but Korea and every subdivision ``partners.yaml``
    renames (see ``records.partners``); other subdivisions (``AU-WA``) have none and are looked up by the
    methods below.
    """

    partners: pd.DataFrame  # index code; the columns of ``records.partners.COLUMNS``
    sectors: pd.DataFrame  # index id; label, definition, headline
    event_types: pd.DataFrame  # index id; label, definition

    @functools.cached_property
    def lookup(self) -> Partners:
        """Lookups on the partners that know subdivisions too."""
        return Partners(self.partners)

    @functools.cached_property
    def _names_and_kinds(self) -> dict[str, tuple[str, str]]:
        # a chart asks for the name of each of its partners: a dict lookup, where ``DataFrame.at`` took 10 µs and
        # more (8 % of the Timeline's rerun at 10,000 synthetic records)
        return dict(zip(self.partners.index, zip(self.partners["name"], self.partners["kind"])))

    def partner_name(self, code: str) -> str:
        """A partner's name as people read it (``Western Australia (Australia)`` for a subdivision); the code if unknown."""
        known = self._names_and_kinds.get(code)
        return known[0] if known else self.lookup.name(code)

    def partner_kind(self, code: str) -> str:
        """``country``, ``group`` or ``subdivision`` (a code no vocabulary knows is taken for a country)."""
        known = self._names_and_kinds.get(code)
        return known[1] if known else self.lookup.kind(code) or "country"

    def partner_country(self, code: str) -> str | None:
        """The country a partner counts for on the map and in filters: a subdivision's country; None for a group."""
        return self.lookup.country(code)

    def partner_rows(self, codes) -> pd.DataFrame:
        """The partner table's rows for ``codes``, subdivisions included (see ``Partners.rows``)."""
        return self.lookup.rows(codes)

    def sector_label(self, sector: str) -> str:
        return self.sectors.at[sector, "label"] if sector in self.sectors.index else sector


def load_vocabularies(curated_dir: Path, problems: list[Problem]) -> Vocabularies:
    """Read partners, sectors and event types; add any problem to ``problems``, each at its entry's line."""
    base = curated_dir.parent
    tables = {}
    for name in (paths.SECTORS_FILE, paths.EVENT_TYPES_FILE):
        display = display_path(curated_dir / name, base)
        entries = read_list(curated_dir / name, VocabularyEntry, display, problems)
        check_unique(entries, problems)
        if name == paths.SECTORS_FILE:
            problems.extend(_headline_problems(entries))
        frame = pd.DataFrame([entry.model_dump() for entry in entries], columns=list(VocabularyEntry.model_fields))
        tables[name] = frame.drop_duplicates("id").set_index("id")
    display = display_path(curated_dir / paths.PARTNERS_FILE, base)
    sections = read_sections(curated_dir / paths.PARTNERS_FILE, {"groups": GroupEntry, "names": NameEntry}, display, problems)
    groups, names = sections["groups"], sections["names"]
    check_unique(groups, problems)
    check_unique(names, problems)
    problems.extend(_group_problems(groups))
    problems.extend(_name_problems(names, {group.code for group in groups}))
    return Vocabularies(
        partners=partner_table(_unique(groups), _unique(names)),
        sectors=tables[paths.SECTORS_FILE],
        event_types=tables[paths.EVENT_TYPES_FILE],
    )


def _unique(listed: EntryList) -> list:
    """The entries of a list, the first of each code only (a later one is reported as listed twice)."""
    return list({entry.code: entry for entry in reversed(list(listed))}.values())[::-1]


def _headline_problems(sectors: EntryList) -> list[Problem]:
    """The headline sectors lead the list (pages show them first, in file order, with a rule after them)."""
    problems, others = [], False
    for index, sector in sectors.entries:
        if sector.headline and others:
            problems.append(
                sectors.problem(index, f"{sector.id}.headline", "headline sectors come first in the file, before the others", "headline")
            )
        others = others or not sector.headline
    return problems


def _group_problems(groups: EntryList) -> list[Problem]:
    """What the groups' models cannot check: codes that are a country's, members that are no country."""
    problems = []
    for index, group in groups.entries:
        if group.code == HOME_COUNTRY or pycountry.countries.get(alpha_3=group.code) is not None:
            problems.append(
                groups.problem(index, f"{group.code}.code", "is an ISO 3166-1 country code; a group needs a code of its own", "code")
            )
        elif pycountry.historic_countries.get(alpha_3=group.code) is not None:
            problems.append(
                groups.problem(index, f"{group.code}.code", "is a former ISO country code (ISO 3166-3); choose another", "code")
            )
        if country(group.anchor.country) is None:
            problems.append(
                groups.problem(
                    index,
                    f"{group.code}.anchor.country",
                    f"{group.anchor.country!r} is not an ISO 3166-1 alpha-3 code",
                    "anchor",
                    "country",
                )
            )
        seen = set()
        for place, member in enumerate(group.members):
            code = member.code if isinstance(member, Member) else member
            where = ("members", place)
            if code == HOME_COUNTRY:
                problems.append(
                    groups.problem(index, f"{group.code}.members[{place}]", "Korea is never a member here; set korea_member: true", *where)
                )
            elif country(code) is None:
                problems.append(
                    groups.problem(index, f"{group.code}.members[{place}]", f"{code!r} is not an ISO 3166-1 alpha-3 code", *where)
                )
            if code in seen:
                problems.append(groups.problem(index, f"{group.code}.members[{place}]", f"{code} is listed twice", *where))
            seen.add(code)
            if isinstance(member, Member) and member.joined and member.left and member.left < member.joined:
                problems.append(groups.problem(index, f"{group.code}.members[{place}]", "left before it joined", *where))
    return problems


def _name_problems(names: EntryList, group_codes: set[str]) -> list[Problem]:
    problems = []
    for index, entry in names.entries:
        field = f"{entry.code}.code"
        if is_home(entry.code):
            problems.append(names.problem(index, field, "Korea is the home country, never a partner", "code"))
        elif entry.code in group_codes:
            problems.append(names.problem(index, field, "is a group's code: give the group's name in its own entry", "code"))
        elif is_subdivision_code(entry.code) and subdivision(entry.code) is None:
            problems.append(names.problem(index, field, f"{entry.code!r} is not an ISO 3166-2 subdivision code", "code"))
        elif not is_subdivision_code(entry.code) and country(entry.code) is None:
            problems.append(names.problem(index, field, f"{entry.code!r} is not an ISO 3166-1 alpha-3 code", "code"))
    return problems
