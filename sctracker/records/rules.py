"""The rules a record must meet beyond its model's types: codes from the vocabularies, dates against their
precision, known sources, and quotes found verbatim in them."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pycountry

from sctracker.records.dates import precision_mismatch
from sctracker.records.model import HOME_COUNTRY, Event
from sctracker.records.problems import Problem, dotted, line_for
from sctracker.records.sources import closest_passage, normalize_space
from sctracker.records.vocabularies import Vocabularies


@dataclasses.dataclass(frozen=True)
class Checks:
    """What a record is checked against, as plain dicts: a DataFrame lookup per field is too slow at 50,000 records."""

    partner_names: dict[str, str]
    sector_labels: dict[str, str]
    type_labels: dict[str, str]
    source_texts: dict[str, str]
    normalized: dict[str, str]  # source id -> its text with whitespace collapsed, filled as quotes are checked

    @classmethod
    def of(cls, vocab: Vocabularies, sources: pd.DataFrame) -> Checks:
        return cls(
            partner_names=dict(zip(vocab.partners.index, vocab.partners["name"])),
            sector_labels=dict(zip(vocab.sectors.index, vocab.sectors["label"])),
            type_labels=dict(zip(vocab.event_types.index, vocab.event_types["label"])),
            source_texts=dict(zip(sources.index, sources["text"])),
            normalized={},
        )


def record_problems(event: Event, display: str, lines: dict, file_stem: str, checks: Checks) -> list[Problem]:
    """Rules the model alone cannot check: codes, dates against precision, sources and quotes."""
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(display, line_for(lines, loc), dotted(loc), message))

    if event.id != file_stem:
        add(("id",), f"must equal the file name without .yaml ({file_stem!r})")
    if event.event_type not in checks.type_labels:
        add(("event_type",), f"unknown event type {event.event_type!r}; see curated/event_types.yaml")
    partner_codes = checks.partner_names
    for index, code in enumerate(event.partners):
        if code == HOME_COUNTRY:
            add(("partners", index), "KOR is the home country, never a partner")
        elif code not in partner_codes:
            add(("partners", index), f"unknown partner code {code!r}; see curated/partners.yaml")
    if len(set(event.partners)) != len(event.partners):
        add(("partners",), "a partner is listed twice")
    for index, sector in enumerate(event.sectors):
        if sector not in checks.sector_labels:
            add(("sectors", index), f"unknown sector {sector!r}; see curated/sectors.yaml")
    if len(set(event.sectors)) != len(event.sectors):
        add(("sectors",), "a sector is listed twice")
    for index, person in enumerate(event.participants):
        if person.side != HOME_COUNTRY and person.side not in partner_codes:
            add(("participants", index, "side"), f"side must be KOR or a partner code, not {person.side!r}")
    country = event.location.country if event.location else None
    if country and country != HOME_COUNTRY and pycountry.countries.get(alpha_3=country) is None:
        add(("location", "country"), f"{country!r} is not an ISO 3166-1 alpha-3 code")
    mismatch = precision_mismatch(event.date, event.date_precision)
    if mismatch:
        add(("date",), mismatch)
    if event.end_date is not None:
        if event.end_date < event.date:
            add(("end_date",), f"end_date {event.end_date} is before date {event.date}")
        if event.date_precision != "day":
            add(("end_date",), "an end_date needs date_precision day")
    if event.date_inferred and not event.date_note.strip():
        add(("date_note",), "required when date_inferred is true: say how the date was worked out")
    for index, ref in enumerate(event.sources):
        if ref.source not in checks.source_texts:
            add(("sources", index, "source"), f"unknown source {ref.source!r}; see seeds/sources.yaml")
            continue
        text = checks.normalized.get(ref.source)
        if text is None:
            text = checks.normalized[ref.source] = normalize_space(checks.source_texts[ref.source])
        if normalize_space(ref.quote) not in text:
            closest = closest_passage(ref.quote, checks.source_texts[ref.source])
            add(("sources", index, "quote"), f"quote not found in {ref.source}; closest passage: {closest!r}")
    return problems
