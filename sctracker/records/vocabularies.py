"""The controlled vocabularies (partners, sectors, event types) and the one lookup of a country's name."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pandas as pd
import pycountry

from sctracker import paths
from sctracker.records.model import HOME_COUNTRY, PartnerEntry, VocabularyEntry
from sctracker.records.problems import Problem, display_path
from sctracker.records.yaml_reader import check_unique, read_list


@functools.cache
def country_name(code: str) -> str:
    """A country's common name from its ISO 3166-1 alpha-3 code (pycountry's ``common_name`` where it has one)."""
    country = pycountry.countries.get(alpha_3=code)
    return code if country is None else getattr(country, "common_name", None) or country.name


@dataclasses.dataclass
class Vocabularies:
    """The controlled vocabularies, each a table indexed by its code in file order."""

    partners: pd.DataFrame  # index code; name, kind, region, members
    sectors: pd.DataFrame  # index id; label, definition, headline
    event_types: pd.DataFrame  # index id; label, definition

    def partner_name(self, code: str) -> str:
        """A partner's name: the vocabulary's, else pycountry's common name for a country code, else the code."""
        return self.partners.at[code, "name"] if code in self.partners.index else country_name(code)

    def partner_kind(self, code: str) -> str:
        """``country`` or ``group``: a code the vocabulary does not list is taken for a country."""
        return self.partners.at[code, "kind"] if code in self.partners.index else "country"

    def sector_label(self, sector: str) -> str:
        return self.sectors.at[sector, "label"] if sector in self.sectors.index else sector


def load_vocabularies(curated_dir: Path, problems: list[Problem]) -> Vocabularies:
    """Read partners, sectors and event types; add any problem to ``problems``."""
    base = curated_dir.parent
    tables = {}
    for name, model, key in (
        (paths.PARTNERS_FILE, PartnerEntry, "code"),
        (paths.SECTORS_FILE, VocabularyEntry, "id"),
        (paths.EVENT_TYPES_FILE, VocabularyEntry, "id"),
    ):
        display = display_path(curated_dir / name, base)
        entries = read_list(curated_dir / name, model, display, problems)
        check_unique(entries, display, problems)
        frame = pd.DataFrame([entry.model_dump() for entry in entries], columns=list(model.model_fields))
        tables[name] = frame.drop_duplicates(key).set_index(key)
    partners = tables[paths.PARTNERS_FILE]
    display = display_path(curated_dir / paths.PARTNERS_FILE, base)
    for code, row in partners.iterrows():
        if code == HOME_COUNTRY:
            problems.append(Problem(display, None, code, "Korea is the home country, never a partner"))
        if row["kind"] == "country" and pycountry.countries.get(alpha_3=code) is None:
            problems.append(Problem(display, None, code, "not an ISO 3166-1 alpha-3 country code"))
        for member in row["members"]:
            if pycountry.countries.get(alpha_3=member) is None:
                problems.append(Problem(display, None, f"{code}.members", f"{member!r} is not an ISO 3166-1 alpha-3 code"))
    return Vocabularies(
        partners=partners,
        sectors=tables[paths.SECTORS_FILE],
        event_types=tables[paths.EVENT_TYPES_FILE],
    )
