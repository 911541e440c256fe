"""The rules a record must meet beyond its model's types: codes from the vocabularies, who takes part for whom,
dates against their precision and their sources, milestones in order, money in a currency, known sources,
and quotes found verbatim in them.

A record that failed its model is checked too, on what of it is valid (``model.partial_event``: a field or an
item that failed is None here), so that one bad field does not hide another problem in the same file.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools

import pandas as pd
import pycountry

from sctracker.records.countries import country
from sctracker.records.dates import period_end, period_start, precision_mismatch
from sctracker.records.model import HOME_COUNTRY, STAGES, Event
from sctracker.records.partners import is_home
from sctracker.records.problems import Problem, dotted, line_for
from sctracker.records.sources import closest_passage, first_difference, normalize_space, short_citation
from sctracker.records.vocabularies import Vocabularies

#: Statuses that say the event has happened: its date cannot come after every source reporting it.
_DONE = ("held", "signed", "in_force")


@dataclasses.dataclass(frozen=True)
class Checks:
    """What a record is checked against, as plain dicts: a DataFrame lookup per field is too slow at 50,000 records."""

    partner_names: dict[str, str]  # every country and group; subdivisions are looked up in ``vocab``
    sector_labels: dict[str, str]
    type_labels: dict[str, str]
    source_texts: dict[str, str]
    published_by: dict[str, object]  # source id -> the last day it may have been published
    normalized: dict[str, str]  # source id -> its text with whitespace collapsed, filled as quotes are checked
    citations: dict[str, str]  # source id -> the source as people cite it (``short_citation``)
    vocab: Vocabularies

    @classmethod
    def of(cls, vocab: Vocabularies, sources: pd.DataFrame) -> Checks:
        return cls(
            partner_names=dict(zip(vocab.partners.index, vocab.partners["name"])),
            sector_labels=dict(zip(vocab.sectors.index, vocab.sectors["label"])),
            type_labels=dict(zip(vocab.event_types.index, vocab.event_types["label"])),
            source_texts=dict(zip(sources.index, sources["text"])),
            published_by={
                source_id: period_end(published, precision)
                for source_id, published, precision in zip(sources.index, sources["published"], sources["published_precision"])
            },
            normalized={},
            citations={
                source_id: short_citation(outlet, headline, published, precision, url)
                for source_id, outlet, headline, published, precision, url in zip(
                    sources.index,
                    sources["outlet"],
                    sources["headline"],
                    sources["published"],
                    sources["published_precision"],
                    sources["url"],
                )
            },
            vocab=vocab,
        )

    def partner_name(self, code: str) -> str:
        name = self.partner_names.get(code)
        return name if name is not None else self.vocab.partner_name(code)

    def partner_country(self, code: str) -> str:
        """The code a partner counts as on the map and in filters: a subdivision's country, else itself."""
        if code in self.partner_names and self.vocab.partners.at[code, "kind"] != "subdivision":
            return code
        return self.vocab.partner_country(code) or code

    def is_partner(self, code: str) -> bool:
        return code in self.partner_names or self.vocab.lookup.kind(code) is not None


def record_problems(event: Event, display: str, lines: dict, file_stem: str, checks: Checks) -> list[Problem]:
    """Rules the model alone cannot check: codes, sides, dates against precision and sources, milestones,
    figures, sources and quotes. Fields that are None (they failed the model) are skipped."""
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(display, line_for(lines, loc), dotted(loc), message))

    if event.id is not None and event.id != file_stem:
        add(("id",), f"must equal the file name without .yaml ({file_stem!r})")
    if event.event_type is not None and event.event_type not in checks.type_labels:
        add(
            ("event_type",),
            f"unknown event type {event.event_type!r}{_did_you_mean(event.event_type, checks.type_labels)}; see curated/event_types.yaml",
        )
    if event.partners is not None:
        _partner_problems(event.partners, checks, add)
    if event.sectors is not None:
        for index, sector in enumerate(event.sectors):
            if sector not in checks.sector_labels:
                add(("sectors", index), f"unknown sector {sector!r}{_did_you_mean(sector, checks.sector_labels)}; see curated/sectors.yaml")
        if len(set(event.sectors)) != len(event.sectors):
            add(("sectors",), "a sector is listed twice")
    sides = {HOME_COUNTRY, *(event.partners or ())}
    for index, person in enumerate(event.participants or ()):
        if person is not None and event.partners is not None and person.side not in sides:
            add(
                ("participants", index, "side"),
                f"side must be KOR or one of the record's partners ({', '.join(event.partners)}), not {person.side!r}",
            )
    place = event.location.country if event.location else None
    if place and country(place) is None:
        add(("location", "country"), f"{place!r} is not an ISO 3166-1 alpha-3 code")
    for index, figure in enumerate(event.figures or ()):
        if figure is None:
            continue
        if figure.currency is not None and pycountry.currencies.get(alpha_3=figure.currency) is None:
            add(("figures", index, "currency"), f"{figure.currency!r} is not an ISO 4217 currency code (USD, EUR, KRW, …)")
        if figure.currency is None and not figure.unit:
            add(("figures", index), "give a currency (money, ISO 4217) or a unit (what is counted)")
    problems.extend(_date_problems(event, display, lines, checks))
    if event.sources is not None:
        for index, ref in enumerate(event.sources):
            if ref is not None:
                _quote_problems(index, ref.source, ref.quote, checks, add)
    return problems


def _partner_problems(partners: list[str], checks: Checks, add) -> None:
    for index, code in enumerate(partners):
        if is_home(code):
            add(("partners", index), "KOR is the home country, never a partner")
        elif not checks.is_partner(code):
            suggested = [found for found in checks.vocab.lookup.suggest(code) if not is_home(found)]
            if suggested:
                hint = "did you mean " + " or ".join(f"{found} ({checks.partner_name(found)})" for found in suggested)
            elif any(is_home(found) for found in checks.vocab.lookup.suggest(code)):
                hint = "Korea is the home country, never a partner"
            else:
                hint = "use an ISO 3166-1 alpha-3 code (JPN), a group code from curated/partners.yaml (EUU) or an ISO 3166-2 code (AU-WA)"
            add(("partners", index), f"unknown partner code {code!r}; {hint}")
    if len(set(partners)) != len(partners):
        add(("partners",), "a partner is listed twice")


def _date_problems(event: Event, display: str, lines: dict, checks: Checks) -> list[Problem]:
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(display, line_for(lines, loc), dotted(loc), message))

    precision = event.date_precision
    if event.date is not None and precision is not None:
        mismatch = precision_mismatch(event.date, precision)
        if mismatch:
            add(("date",), mismatch)
    if event.end_date is not None and event.date is not None:
        if event.end_date < event.date:
            add(("end_date",), f"end_date {event.end_date} is before date {event.date}")
        if precision not in (None, "day"):
            add(("end_date",), "an end_date needs date_precision day")
    note = (event.date_note or "").strip()
    if event.date_inferred and not note:
        add(("date_note",), "required when date_inferred is true: say how the date was worked out")
    elif precision == "on_or_before" and not note:
        add(("date_note",), "required with on_or_before: say which source reports it as done, and as of when")
    cited = [ref.source for ref in event.sources or () if ref is not None and ref.source in checks.published_by]
    if cited and event.date is not None:
        latest = max(checks.published_by[source] for source in cited)
        if precision == "on_or_before" and event.date > latest:
            add(("date",), f"an on_or_before date is that of a source reporting it as done; the cited sources were published by {latest}")
        elif event.status in _DONE and event.date > latest:
            add(
                ("date",),
                f"status {event.status} but dated after every cited source (published by {latest}); a source cannot report what has not happened",
            )
    stages, seen = [], set()
    for index, milestone in enumerate(event.milestones or ()):
        if milestone is None:
            continue
        stages.append(milestone)
        mismatch = precision_mismatch(milestone.date, milestone.date_precision)
        if mismatch:
            add(("milestones", index, "date"), mismatch)
        if (milestone.date_inferred or milestone.date_precision == "on_or_before") and not milestone.date_note.strip():
            add(("milestones", index, "date_note"), "required when the date is inferred or on_or_before: say how it was worked out")
        if milestone.stage in seen:
            add(("milestones", index, "stage"), f"stage {milestone.stage} is given twice")
        seen.add(milestone.stage)
    for earlier, later in _out_of_order(stages):
        add(("milestones",), f"{later.stage} ({later.date}) comes before {earlier.stage} ({earlier.date})")
    return problems


def _out_of_order(stages: list) -> list[tuple]:
    """Pairs of milestones whose dates contradict the order of their stages (an on_or_before date contradicts nothing)."""
    rank = {stage: place for place, stage in enumerate(STAGES)}
    definite = [m for m in stages if m.date_precision != "on_or_before"]
    return [
        (earlier, later)
        for earlier in definite
        for later in definite
        if rank[earlier.stage] < rank[later.stage]
        and period_end(later.date, later.date_precision) < period_start(earlier.date, earlier.date_precision)
    ]


def _quote_problems(index: int, source: str, quote: str, checks: Checks, add) -> None:
    if source not in checks.source_texts:
        add(("sources", index, "source"), f"unknown source {source!r}{_did_you_mean(source, checks.source_texts)}; see seeds/sources.yaml")
        return
    text = checks.normalized.get(source)
    if text is None:
        text = checks.normalized[source] = normalize_space(checks.source_texts[source])
    if normalize_space(quote) not in text:
        closest = closest_passage(quote, checks.source_texts[source])
        add(
            ("sources", index, "quote"),
            f"quote not found in {source}; {first_difference(quote, closest)}; closest passage: {closest!r}",
        )


def _did_you_mean(value: str, known) -> str:
    close = _close_matches(value, tuple(known))
    return f" (did you mean {' or '.join(repr(match) for match in close)}?)" if close else ""


@functools.lru_cache(maxsize=256)
def _close_matches(value: str, known: tuple[str, ...]) -> list[str]:
    return difflib.get_close_matches(value, known, n=2, cutoff=0.75)
