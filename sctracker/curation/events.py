"""Every event an article states, each with the sentences that state it: the meeting, the agreement signed
at it, the talks planned for later, the background agreement it follows up.

A sentence states an event when it has a cue of an event type (``curated/event_types.yaml``) and a verb
that gives a status (held, signed, announced, planned, in force). Several cues in one sentence with the same
status and date are one event (the more specific type wins: a "Committee meeting" is a committee); with
different statuses they are several (an MOU signed at a committee meeting). A later sentence that refers
back ("The meeting was co-chaired by …") adds its facts to the event it names. An event with no date of
its own takes, in order: the event it refers to, the lead sentence's date ("agreed Tuesday", within a few
sentences), "on or before" the article's date for something reported as done, or a stand-in for a plan.

Partners are those its sentences name; a sentence that names none ("The two sides signed …") takes the
article's lead partners, and says so. A sentence about other parties only ("the GCC signed a free trade
agreement with Pakistan") is left out.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from sctracker.curation import dates as dating
from sctracker.curation.cues import CueHit, find_cues
from sctracker.curation.figures import FigureFinding, find_figures
from sctracker.curation.partners import Group, Mention, find_partners, partner_codes
from sctracker.curation.people import Organization, Person, find_organizations, find_people
from sctracker.curation.places import Place, find_place
from sctracker.curation.sectors import cue_table, find_sectors, sector_ids
from sctracker.curation.sentences import Sentence

#: Verbs that give an event's status, by status. "will" and its kind make anything planned.
STATUS_VERBS = {
    "planned": r"will|would|shall|to be held|is to be|are to be|is to|are to|plans? to|planned|slated|scheduled|upcoming|expected to|set to|look forward to|to attend|to take effect|to establish|establishment of|to set up|calls for",
    "in_force": r"entered into force|enters into force|took effect|takes effect|came into effect|comes into effect|in force|in effect|imposed|implemented",
    "signed": r"signed|signs|signing|inked|concluded|adopted|codified|upgraded",
    "held": r"held|hold|holds|met|meets|co-chaired|chaired|attended|gathered|visited|took place|convened|led|began",
    "announced": r"announced|announces|agreed|agree|decided|approved|pledged|vowed|launched|unveiled|congratulates|welcomed|welcomes|offers|offered|passed|published|issued|proposed",
}
_STATUS = re.compile("|".join(rf"(?P<{status}>\b(?:{verbs})\b)" for status, verbs in STATUS_VERBS.items()))
#: When cues of several types state one event, the more specific type wins (earlier here).
TYPE_ORDER = (
    "negotiation_round",
    "committee",
    "dialogue",
    "summit",
    "forum",
    "trade_measure",
    "agreement",
    "initiative",
    "statement",
    "meeting",
)
_GATHERINGS = {"negotiation_round", "committee", "dialogue", "summit", "forum", "meeting"}
#: A statement cue that only says who reported something ("said in a statement", "announced that").
_ATTRIBUTION = re.compile(r"(?:said|according to|in a|in its|in their|said a)\s+(?:\w+\s+){0,2}$|^(?:announced|announces)\s+that\b")
_DEFINITE = re.compile(r"\b(?:the|The|this|This|that|these|their|its|One of the)\s+(?:[\w’'-]+\s+){0,5}$")
_AGAINST = re.compile(
    r"(?:counter|countering|against|dependence on|depend on|reliance on|rely on|in check|competing with|compete with|rivalry with|"
    r"curbs? by|imposed by|dominance of|away from)\s+(?:\w+\s+){0,2}$"
)
#: Words that name a region as a party ("Korea-Middle East committee"): no partner, and not the lead partners either.
REGION_NAMES = re.compile(r"\b(?:Middle East|South America|Latin America|Southeast Asia|Central Asia|Africa|Europe)\b")
#: A date that belongs to the report, not the event: "the ministry said Monday".
_REPORTED = re.compile(r"\b(?:said|says|announced|told reporters|reported|stated)\s+(?:on\s+)?$")
_ANOTHER = re.compile(r"\b(?:separate|another|other|second|third|last|also|new)\b[^.]{0,40}$")
#: How far after the lead sentence an undated event still takes the lead's date.
LEAD_REACH = 4


@dataclasses.dataclass
class EventFinding:
    """One event the article states, and everything its sentences say about it."""

    event_type: str
    status: str
    date: dating.DateFinding
    sentences: list[Sentence]
    cue: CueHit  # the cue that made it, its span in ``cue_sentence``
    cue_sentence: Sentence
    partners: list[str] = dataclasses.field(default_factory=list)
    sectors: list[str] = dataclasses.field(default_factory=list)
    people: list[Person] = dataclasses.field(default_factory=list)
    organizations: list[Organization] = dataclasses.field(default_factory=list)
    figures: list[FigureFinding] = dataclasses.field(default_factory=list)
    place: Place | None = None
    subdivisions: list[Mention] = dataclasses.field(default_factory=list)
    doubts: list[str] = dataclasses.field(default_factory=list)
    cue_words: set[str] = dataclasses.field(default_factory=set)
    defining: list[Sentence] = dataclasses.field(default_factory=list)  # back-references that gave it its date
    lead_occasion: bool = False  # on the lead sentence's day: the headline speaks of it too

    @property
    def first(self) -> Sentence:
        return self.sentences[0]


@dataclasses.dataclass(frozen=True)
class ArticleContext:
    """What reading one sentence needs from the whole article."""

    reference: dating.Reference
    groups: tuple[Group, ...]
    acronyms: dict[str, str]
    skip: tuple[tuple[int, int], ...]  # spans of the text not to read as event dates (a dateline, a page date field)
    lead_partners: tuple[str, ...]
    headline: str
    sectors: pd.DataFrame
    event_types: pd.DataFrame
    vague_reference: bool = False  # the publication date is known only to its month or year


@dataclasses.dataclass
class _Candidate:
    event_type: str
    status: str
    date: dating.DateFinding | None
    cue: CueHit
    reference: bool  # refers back to an event named before ("the meeting")
    words: frozenset[str] = frozenset()  # every cue word of the sentence that names this event


def find_events(sentences: list[Sentence], context: ArticleContext) -> list[EventFinding]:
    """Every event the sentences state, in the order the article first states them."""
    types = cue_table(context.event_types)
    events: list[EventFinding] = []
    lead: tuple[Sentence, dating.DateFinding] | None = None
    for sentence in sentences:
        found_dates = _dates_in(sentence, context)
        mentions = find_partners(sentence.text, context.groups, context.acronyms)
        if lead is None:
            strong = [d for d in found_dates if not d.weak]
            if strong and any(not m.home for m in mentions):
                lead = (sentence, strong[0])
        if _about_others(mentions, context):
            continue
        for candidate in _candidates(sentence, found_dates, types):
            earlier = _referred(candidate, events) if candidate.reference else None
            if earlier is not None:
                _add_sentence(earlier, sentence, candidate)
                continue
            if not candidate.status:
                continue
            if candidate.date is None:
                candidate.date = _date_without_phrase(candidate, sentence, events, lead, context)
            event = EventFinding(candidate.event_type, candidate.status, candidate.date, [sentence], candidate.cue, sentence)
            event.cue_words |= candidate.words | {candidate.cue.words.lower()}
            if lead and candidate.date.note.startswith("the date of the lead sentence") and lead[0] not in event.sentences:
                event.sentences.insert(0, lead[0])
            events.append(event)
    events = _one_record_an_event(events)
    for event in events:
        event.lead_occasion = lead is not None and event.date.start == lead[1].start and event.date.precision == lead[1].precision
    for event in events:
        _describe(event, context)
    return events


def _one_record_an_event(events: list[EventFinding]) -> list[EventFinding]:
    """Two mentions of one event make one: the same type, status and day, one of them dated only by the lead
    sentence (a photo caption printing the day of what the lead reported) and not said to be another one."""
    kept: list[EventFinding] = []
    for event in events:
        twin = next((k for k in kept if _twins(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        if twin.date.doubt.startswith("dated by the lead") and not event.date.doubt:
            twin.date = event.date
        twin.sentences += [s for s in event.sentences if s not in twin.sentences]
    return kept


def _twins(first: EventFinding, second: EventFinding) -> bool:
    if (first.event_type, first.status, first.date.start, first.date.end) != (
        second.event_type,
        second.status,
        second.date.start,
        second.date.end,
    ):
        return False
    lead_dated = any(e.date.doubt.startswith("dated by the lead") for e in (first, second))
    another = _ANOTHER.search(second.cue_sentence.text[: second.cue.span[0]])
    return lead_dated and not another


def _dates_in(sentence: Sentence, context: ArticleContext) -> list[dating.DateFinding]:
    skip = [(a - sentence.start, b - sentence.start) for a, b in context.skip if a < sentence.end and sentence.start < b]
    return dating.find_dates(sentence.text, context.reference, skip=skip)


def _about_others(mentions: list[Mention], context: ArticleContext) -> bool:
    """A sentence that names parties, none of them Korea or a lead partner: an event of others."""
    parties = {m.country or m.code for m in mentions if not m.home and not m.office and not m.place}
    return bool(parties) and not any(m.home for m in mentions) and not parties & set(context.lead_partners)


def _candidates(sentence: Sentence, found_dates: list[dating.DateFinding], types: dict[str, list[str]]) -> list[_Candidate]:
    text = sentence.text
    # a reporting verb ("announced that …") gives the report's status, not the event's
    verbs = [(match.lastgroup, match.span()) for match in _STATUS.finditer(text) if not text.startswith(" that", match.end())]
    out: list[_Candidate] = []
    for hit in find_cues(text, types):
        if hit.entry == "statement" and (_ATTRIBUTION.search(text[: hit.span[0]]) or _ATTRIBUTION.match(text[hit.span[0] :])):
            continue
        if not verbs:  # no status: it can only add to an event it names ("The dialogue … is aimed at …")
            if _DEFINITE.search(text[: hit.span[0]]):
                out.append(_Candidate(hit.entry, "", None, hit, True))
            continue
        status, at = _status_near(hit, verbs, text)
        reported = [d for d in found_dates if _REPORTED.search(text[: d.span[0]])]
        date = _date_near(at, found_dates if hit.entry == "statement" else [d for d in found_dates if d not in reported])
        reference = bool(_DEFINITE.search(text[: hit.span[0]]))
        if reference and date is not None and min(abs(date.span[0] - hit.span[1]), abs(hit.span[0] - date.span[1])) > 60:
            date = None  # a back-reference dates itself only with a date close by; a far one is another event's
        out.append(_Candidate(hit.entry, _fit_status(hit.entry, status), date, hit, reference))
    merged: list[_Candidate] = []
    for candidate in out:  # one event per status and date in a sentence: the most specific type
        same = next(
            (c for c in merged if c.status == candidate.status and (None in (c.date, candidate.date) or c.date == candidate.date)), None
        )
        if same is None:
            merged.append(candidate)
            continue
        keep = candidate if TYPE_ORDER.index(candidate.event_type) < TYPE_ORDER.index(same.event_type) else same
        words = same.words | candidate.words | {same.cue.words.lower(), candidate.cue.words.lower()}
        merged[merged.index(same)] = dataclasses.replace(
            keep, date=same.date or candidate.date, reference=same.reference or candidate.reference, words=frozenset(words)
        )
    return merged


def _status_near(hit: CueHit, verbs: list[tuple[str, tuple[int, int]]], text: str) -> tuple[str, int]:
    """The status of the verb nearest the cue (one right after it counts double near), and where it is;
    a plan word shortly before that verb makes it planned."""

    def distance(item):
        _, (start, end) = item
        gap = start - hit.span[1] if start >= hit.span[1] else hit.span[0] - end
        return gap / 2 if 0 <= start - hit.span[1] <= 12 else gap  # "the meeting held", "an agreement signed"

    status, (start, _end) = min(verbs, key=distance)
    before = text[max(0, start - 30) : start]
    if status != "planned" and re.search(rf"\b(?:{STATUS_VERBS['planned']})\b", before):
        status = "planned"
    return status, start


def _fit_status(event_type: str, status: str) -> str:
    """A status that fits the type: a gathering is held, not signed; an agreement signed or announced, not held."""
    if event_type in _GATHERINGS and status == "signed":
        return "held"
    if event_type in ("agreement", "initiative", "statement", "trade_measure") and status == "held":
        return "announced"
    return status


def _date_near(position: int, found_dates: list[dating.DateFinding]) -> dating.DateFinding | None:
    strong = [d for d in found_dates if not d.weak] or found_dates
    if not strong:
        return None
    return min(strong, key=lambda d: min(abs(d.span[0] - position), abs(d.span[1] - position)))


def _referred(candidate: _Candidate, events: list[EventFinding]) -> EventFinding | None:
    """The latest event a back-reference ("the Committee meeting") can mean: of its type or cue ("the meeting"
    also means any gathering), on the same occasion."""
    words = candidate.words | {candidate.cue.words.lower()}
    same_type = [e for e in events if e.event_type == candidate.event_type]
    alike = [e for e in events if words & e.cue_words or (candidate.event_type == "meeting" and e.event_type in _GATHERINGS)]
    for event in [*reversed(same_type), *reversed(alike)]:
        if _same_occasion(event, candidate):
            return event
    return None


def _plan_without_date(date: dating.DateFinding) -> bool:
    return date.doubt.startswith("no date in the text")


def _placeholder(date: dating.DateFinding) -> bool:
    return date.weak or date.doubt.startswith("no date in the text") or date.precision == "on_or_before"


def _same_occasion(event: EventFinding, candidate: _Candidate) -> bool:
    """A back-reference adds to the event it names unless it dates itself otherwise."""
    outcome = candidate.status == "announced" and event.status == "held"  # "During the meeting, they agreed …"
    if candidate.status and candidate.status != event.status and not outcome:
        return False
    return candidate.date is None or candidate.date.weak or _placeholder(event.date) or candidate.date == event.date


def _add_sentence(event: EventFinding, sentence: Sentence, candidate: _Candidate) -> None:
    if sentence not in event.sentences:
        event.sentences.append(sentence)
    event.cue_words |= candidate.words | {candidate.cue.words.lower()}
    if candidate.date is not None and ((_placeholder(event.date) and not candidate.date.weak) or _plan_without_date(event.date)):
        event.date = candidate.date  # "within this year" is better than no date for a plan
        event.defining.append(sentence)


def _date_without_phrase(candidate, sentence, events, lead, context) -> dating.DateFinding:
    ref = context.reference
    if candidate.status == "planned":
        return dating.undated_plan(ref)
    referring = _DEFINITE.search(sentence.text)
    if referring and events:  # "on the margins of the Committee meeting": the date of the event it names
        for event in reversed(events):
            if any(word in sentence.text.lower() for word in event.cue_words) and event.date.precision != "on_or_before":
                return dataclasses.replace(
                    event.date,
                    inferred=True,
                    note=f"the date of the event it refers to ({event.cue.words}): {event.date.note}".rstrip(": "),
                )
    if lead is not None and 0 <= sentence.index - lead[0].index <= LEAD_REACH:
        found = lead[1]
        note = f"the date of the lead sentence ('{found.phrase}'){': ' + found.note if found.note else ''}"
        return dataclasses.replace(found, inferred=True, note=note, doubt="dated by the lead sentence: check that it is the same occasion")
    return dating.on_or_before(ref, "reported as done with no date of its own")


def _adversary(text: str, mention: Mention) -> bool:
    """A country named as what the event is against or away from ("to counter China", "dependence on China")."""
    return bool(_AGAINST.search(text[: mention.span[0]]))


def _without_organizations(text: str, groups: tuple[Group, ...]) -> str:
    """The text with ministries' names blanked: "Ministry of Trade, Industry and Energy" signals no sector (a
    company's or agency's name may: KOMIR, POSCO are cues)."""
    for organization in find_organizations(text, groups):
        if not re.search(r"\b(?:Ministry|Department)\b", organization.name):
            continue
        a, b = organization.span
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _describe(event: EventFinding, context: ArticleContext) -> None:
    """Partners, sectors, people, organizations, figures and place from the event's own sentences."""
    text_parts = [s.text for s in event.sentences]
    defining = [event.cue_sentence, *event.defining]
    ordered = [defining, *([s] for s in event.sentences if s not in defining)]
    regions: list[str] = []
    for group in ordered:  # the sentences that state and date the event name its partners; else the first that names any
        mentions = [m for s in group for m in find_partners(s.text, context.groups, context.acronyms) if not _adversary(s.text, m)]
        event.partners = partner_codes(mentions, context.groups)
        event.subdivisions = [m for m in mentions if m.how == "subdivision"]
        regions += [word for s in group for word in REGION_NAMES.findall(s.text)]
        if event.partners or regions:  # a region named as the party: no partner from other sentences
            break
    if not event.partners and regions:
        event.doubts.append(f"its sentences name a region ({regions[0]}) and no partner the vocabulary holds: choose the partners")
    elif not event.partners and context.lead_partners:
        event.partners = list(context.lead_partners)
        event.doubts.append("its sentences name no partner: the partners are the article's lead partners")
    hits = [hit for part in text_parts for hit in find_sectors(_without_organizations(part, context.groups), context.sectors)]
    if event.lead_occasion:  # the headline speaks of the lead's occasion
        hits += find_sectors(context.headline, context.sectors)
    event.sectors = sector_ids(hits, context.sectors)
    for part in text_parts:
        event.people.extend(p for p in find_people(part, context.groups) if p.name not in {q.name for q in event.people})
        event.organizations.extend(
            o for o in find_organizations(part, context.groups) if o.name not in {q.name for q in event.organizations}
        )
        skip = [d.span for d in dating.find_dates(part, context.reference)]
        event.figures.extend(find_figures(part, skip))
        event.place = event.place or find_place(part, context.groups)
    if event.date.doubt:
        event.doubts.append(event.date.doubt)
    if context.vague_reference and event.date.inferred:
        event.doubts.append("worked out from a publication date known only to its month or year: check the year")
