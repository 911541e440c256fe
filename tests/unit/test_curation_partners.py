"""The drafter's partners: name -> partner, from the country table and the vocabulary's groups, never Korea."""

from __future__ import annotations

import pytest

from sctracker.curation.partners import Group, defined_acronyms, find_partners, partner_codes
from sctracker.curation.places import find_place

GROUPS = (
    Group("GCC", "Gulf Cooperation Council", (), ("BHR", "KWT", "OMN", "QAT", "SAU", "ARE")),
    Group("EUU", "European Union", ("European Commission",), ("DEU", "FRA", "ITA", "NLD", "POL")),
    Group("GSV", "G7", ("Group of Seven",), ("USA", "JPN", "GBR", "CAN", "DEU", "FRA", "ITA")),
)

# text -> the partners it names, in order
CASES = [
    ("talks with Chile", ["CHL"]),
    ("his Polish counterpart", ["POL"]),
    ("Dutch Prime Minister Mark Rutte", ["NLD"]),
    ("an Emirati delegation", ["ARE"]),
    ("Warsaw's other defense projects", ["POL"]),  # a capital used for its government
    ("a senior Riyadh official said", ["SAU"]),
    ("Canberra said on Monday", ["AUS"]),
    ("a visit to the UAE", ["ARE"]),
    ("the U.S. and the U.K.", ["USA", "GBR"]),
    ("the Netherlands and Holland", ["NLD"]),
    ("Perth, Western Australia", ["AUS"]),  # a state counts for its country
    ("the European Union (EU) and the EU", ["EUU"]),
    ("the European Commission", ["EUU"]),
    ("the six-member Gulf Cooperation Council (GCC) said; the GCC", ["GCC"]),
    ("Czechia and the Czech Republic", ["CZE"]),
    ("South Korea, Korea, the Republic of Korea (ROK), Korean firms, S. Korea", []),  # never a partner
    ("held in Seoul", []),  # a place, not a government
    ("the summit in Cambodia", []),  # a country named as a place
    ("the two South American nations", []),  # "American" inside a region word is not the United States
    ("the U.S. Department of Commerce announced", []),  # an office speaks; the country is not a party by that alone
    ("the United States' Inflation Reduction Act", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_names_resolve_to_partners(text, expected):
    mentions = find_partners(text, GROUPS, defined_acronyms(text))
    assert partner_codes(mentions, GROUPS) == expected


def test_korea_is_found_as_home_and_never_a_partner():
    mentions = find_partners("Japan, South Korea and the United States met; Seoul's ministry said", GROUPS)
    assert {m.code for m in mentions if m.home} == {"KOR"}
    assert partner_codes(mentions, GROUPS) == ["JPN", "USA"]


def test_members_named_with_their_group_fold_into_it():
    text = "Ministers from the United States, Japan, Germany and France, which are G7 member countries, as well as India and Mexico"
    assert partner_codes(find_partners(text, GROUPS), GROUPS) == ["GSV", "IND", "MEX"]


def test_an_acronym_the_article_defines_is_read_in_later_sentences():
    acronyms = defined_acronyms("The Gulf Cooperation Council (GCC) and South Korea signed an agreement.")
    assert acronyms == {"GCC": "Gulf Cooperation Council"}
    groups = (Group("GCX", "Gulf Cooperation Council", (), ()),)  # a code the text never prints
    assert partner_codes(find_partners("The GCC said so in a statement.", groups, acronyms), groups) == ["GCX"]


def test_a_subdivision_counts_only_when_its_country_is_named():
    assert partner_codes(find_partners("the trip to Hawaii", GROUPS)) == []
    [state, country] = find_partners("Honolulu, Hawaii, in the United States", GROUPS)
    assert country.place and partner_codes([state, country]) == ["USA"]
    assert (state.code, state.country, state.how) == ("US-HI", "USA", "subdivision")


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("the committee meeting on May 15 in Santiago for discussions", "Santiago", "CHL"),
        ("the first meeting on Monday in Honolulu, Hawaii, the White House said", "Honolulu", "USA"),
        ("the ceremony in Gliwice in southern Poland", "Gliwice", "POL"),
        ("signed the agreement in the Korean capital Seoul", "Seoul", "KOR"),
        ("a summit held in Jakarta", "Jakarta", "IDN"),
    ],
)
def test_places_with_their_country(text, city, country):
    place = find_place(text, GROUPS)
    assert (place.city, place.country, place.sure) == (city, country, True)
