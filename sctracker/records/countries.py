"""Every ISO 3166-1 country as the project knows it: names, UN M49 region and sub-region, and the words
articles use for it (demonym, capital, other names), from data shipped with the package.

``countries.json`` is built by ``tools/build_country_data.py`` from pycountry, country_converter's data
table and countryinfo; nothing here reads the network or those packages at run time. Subdivisions
(ISO 3166-2, such as ``AU-WA``) come from pycountry, a runtime dependency.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path

import pycountry

COUNTRIES_FILE = Path(__file__).with_name("countries.json")


@dataclasses.dataclass(frozen=True)
class Country:
    """One ISO 3166-1 country."""

    code: str  # alpha-3
    name: str  # the common name (pycountry's common_name where it has one): "South Korea", "Czechia"
    iso_name: str  # ISO's short name: "Korea, Republic of"
    official_name: str | None
    alpha_2: str
    region: str | None  # UN M49 region: Africa, Americas, Asia, Europe, Oceania
    subregion: str | None  # UN M49 sub-region: "Eastern Asia", "Western Europe", "South America", …
    demonym: str | None  # "Polish", "Dutch"
    capital: str | None  # "Warsaw"
    other_names: tuple[str, ...]  # other spellings and official names: "Holland", "UAE", "Republic of Poland"


@functools.cache
def countries() -> dict[str, Country]:
    """Every country by its alpha-3 code."""
    data = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    return {code: Country(code=code, **{**entry, "other_names": tuple(entry["other_names"])}) for code, entry in data.items()}


def country(code: str) -> Country | None:
    """The country with this alpha-3 code, or None."""
    return countries().get(code)


@functools.cache
def subdivision(code: str) -> tuple[str, str, str] | None:
    """An ISO 3166-2 subdivision (``AU-WA``) as (its country's alpha-3 code, its name, its type), or None."""
    found = pycountry.subdivisions.get(code=code)
    if found is None:
        return None
    parent = pycountry.countries.get(alpha_2=found.country_code)
    return (parent.alpha_3, found.name, found.type) if parent else None
