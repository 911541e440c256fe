"""Draft records: an event the drafter found, written as a record in ``<curated>/drafts/<id>.yaml`` with what
the drafter was unsure of; checked as ``validate`` would check it; published into ``events/`` or discarded.

A draft is built through the record model (``records.model.Event``), so that it follows the contract as it
grows. What the contract cannot hold yet (organizations, a subdivision, an "on or before" date) is kept
as the drafter's notes at the top of the file, as comments, which publishing drops. Drafts are not read by
the loader: the dashboard never shows them and ``validate`` never fails for them.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from sctracker import paths
from sctracker.curation.events import EventFinding
from sctracker.curation.quotes import quotes_for
from sctracker.records import model, store
from sctracker.records.problems import Problem, model_problems
from sctracker.records.rules import Checks, record_problems
from sctracker.records.vocabularies import Vocabularies

DRAFTS_FOLDER = "drafts"
_NOTE = "# unsure: "
_KEPT = "# drafter: "
_SCHEMA_LINE = "# yaml-language-server: $schema=../event.schema.json\n"


def drafts_dir(curated: Path) -> Path:
    """The folder of drafts inside a curated folder (beside ``events/``, never read by the loader)."""
    return Path(curated) / DRAFTS_FOLDER


@dataclasses.dataclass
class Draft:
    """A draft record: its fields as written, what the drafter was unsure of, and where its evidence is."""

    data: dict  # the record's fields, as YAML would hold them
    doubts: list[str]
    notes: list[str]  # facts the record contract cannot hold yet
    evidence: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # spans of the source's text
    path: Path | None = None

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))


def build_draft(finding: EventFinding, source_id: str, source_text: str, vocab: Vocabularies, taken: set[str]) -> Draft:
    """The draft record of one event: every field from the finding, quotes verbatim from ``source_text``."""
    doubts = list(finding.doubts)
    notes: list[str] = []
    date = finding.date
    precision = date.precision
    date_note = date.note
    if precision not in model.PRECISIONS:  # the contract has no "on or before" yet: the day it is known by
        precision = "day"
        doubts.append(f"reported as done with no date: dated {date.start}, the day it is known by (on or before)")
    partners = list(finding.partners)
    for mention in finding.subdivisions:
        notes.append(f"subdivision named: {mention.words} ({mention.code}), recorded as its country {mention.country}")
    participants, person_doubts = _participants(finding, partners)
    doubts += person_doubts
    if finding.organizations:
        notes.append("organizations named: " + "; ".join(o.name + (f" ({o.side})" if o.side else "") for o in finding.organizations))
    figures = [_figure(f) for f in finding.figures]
    doubts += [f"figure '{f.words}': {f.reading}" for f in finding.figures if f.reading]
    quotes = quotes_for(finding.sentences, source_text)
    record_id = _unique_id(f"{date.start.isoformat()}-{_slug(finding, vocab)}", taken)
    location = None
    if finding.place is not None:
        location = {"city": finding.place.city, "country": finding.place.country, "venue": None}
        if not finding.place.sure:
            doubts.append(f"location '{finding.place.words}': its country {finding.place.country} is the one the sentence names")
    title = _title(finding, vocab)
    data = {
        "id": record_id,
        "title": title,
        "event_type": finding.event_type,
        "status": finding.status,
        "date": date.start.isoformat(),
        "end_date": date.end.isoformat() if date.end else None,
        "date_precision": precision,
        "date_inferred": date.inferred,
        "date_note": date_note if date.inferred else "",
        "partners": partners,
        "sectors": list(finding.sectors),
        "location": location,
        "participants": participants,
        "summary": _summary(finding, vocab, title),
        "figures": figures,
        "sources": [{"source": source_id, "quote": quote} for quote in quotes],
        "related": [],
        "curation_note": f"Drafted from {source_id} by the drafter; review every field against the quotes.",
    }
    doubts.append("the summary is the drafter's: write it in your own words")
    if not partners:
        doubts.append("no partner found: add the partner, or discard the draft if Korea acts alone")
    if not finding.sectors:
        doubts.append("no sector cue found: choose the sectors")
    data = _through_model(data)
    taken.add(record_id)
    spans = [(s.start, s.end) for s in finding.sentences]
    return Draft(data, list(dict.fromkeys(doubts)), notes, spans)


def _through_model(data: dict) -> dict:
    """The fields as the record model writes them (its field order, its types); as given if it rejects them."""
    try:
        return model.Event.model_validate(data).model_dump(mode="json")
    except ValidationError:
        return {name: data[name] for name in model.Event.model_fields if name in data}


def _participants(finding: EventFinding, partners: list[str]) -> tuple[list[dict], list[str]]:
    people, doubts = [], []
    for person in finding.people:
        side = person.side
        if side is None and len(partners) == 1:
            side = partners[0]
            doubts.append(f"{person.name}: side {side} read from the event's one partner")
        elif side is None:
            doubts.append(f"{person.name} ({person.role}): the text does not say which side; left out")
            continue
        elif person.side_guessed:
            doubts.append(f"{person.name}: side {side} guessed from the name's romanization")
        if side != model.HOME_COUNTRY and side not in partners:
            doubts.append(f"{person.name} speaks for {side}, which is not among the partners")
        people.append({"name": person.name, "side": side, "role": person.role or None, "organization": None})
    return people, doubts


def _figure(figure) -> dict:
    unit = " ".join(part for part in (figure.scale, figure.currency or figure.unit) if part) or None
    return {"label": figure.label, "value": figure.value, "qualifier": figure.qualifier, "unit": unit}


def _partner_words(partners: list[str], vocab: Vocabularies) -> str:
    return "–".join(vocab.partner_name(code) for code in partners)


def _slug(finding: EventFinding, vocab: Vocabularies) -> str:
    names = [vocab.partner_name(code) if vocab.partner_kind(code) == "country" else code for code in finding.partners[:3]]
    words = "-".join(["korea", *names, finding.event_type.replace("_", "-")])
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", words.lower())).strip("-")[:60].rstrip("-")


def _unique_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


_NAME_WORD = re.compile(r"(?:[A-Z0-9][\w’'.–+-]*|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))$")
_INNER_WORDS = {"of", "and", "for", "on", "the", "–", "-"}


def _title(finding: EventFinding, vocab: Vocabularies) -> str:
    """The event's own name where the sentence gives one ("fifth Korea-Chile Resources Cooperation
    Committee"), else "Korea–<partners> <type>"."""
    text = finding.cue_sentence.text
    start, end = finding.cue.span
    words = text[:start].split()
    picked: list[str] = []
    for word in reversed(words):
        if _NAME_WORD.match(word) or (word in _INNER_WORDS and picked):
            picked.insert(0, word)
        else:
            break
    while picked and picked[0] in _INNER_WORDS:
        picked.pop(0)
    after = re.match(r"(?:\s+(?:[A-Z][\w’'-]*|\([A-Z]+\)))*", text[end:]).group()
    name = " ".join([*picked, text[start:end]]) + after
    name = re.sub(r"^(?:The|the)\s+", "", name).strip(" ,")
    if sum(1 for w in name.split() if w[:1].isupper()) >= 2:
        return name[:1].upper() + name[1:]
    label = vocab.event_types.at[finding.event_type, "label"] if finding.event_type in vocab.event_types.index else finding.event_type
    partners = _partner_words(finding.partners, vocab)
    return f"Korea–{partners} {label.lower()}" if partners else f"Korea {label.lower()}"


def _summary(finding: EventFinding, vocab: Vocabularies, title: str) -> str:
    verb = {"held": "held", "signed": "signed", "announced": "announced", "planned": "plan", "in_force": "have in force"}[finding.status]
    partners = _partner_words(finding.partners, vocab) or "its partners"
    return f"Korea and {partners} {verb}: {title}. (Drafted; rewrite in your own words.)"


def draft_text(draft: Draft) -> str:
    """The draft's file: the drafter's doubts and notes as comments, then the record as YAML."""
    header = "".join(f"{_NOTE}{doubt}\n" for doubt in draft.doubts) + "".join(f"{_KEPT}{note}\n" for note in draft.notes)
    body = yaml.safe_dump(draft.data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)
    return _SCHEMA_LINE + header + body


def write_draft(draft: Draft, curated: Path) -> Path:
    """Write a new draft into ``<curated>/drafts/`` (never over another), through the write path (``records.store``)."""
    draft.path = store.write_record(curated, draft.id, draft_text(draft), folder="drafts")
    return draft.path


def save_draft(draft: Draft) -> None:
    """Write an edited draft back over its own file (saving is the curator's confirmation)."""
    store.write_record(draft.path.parent.parent, draft.id, draft_text(draft), folder="drafts", overwrite=True)


def read_draft(path: Path) -> Draft:
    """A draft file read back: its record (safe YAML) and the drafter's comments."""
    text = path.read_text(encoding="utf-8")
    doubts = [line[len(_NOTE) :] for line in text.splitlines() if line.startswith(_NOTE)]
    notes = [line[len(_KEPT) :] for line in text.splitlines() if line.startswith(_KEPT)]
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: a draft is a mapping of record fields")
    return Draft(data, doubts, notes, [], path)


def list_drafts(curated: Path) -> list[Path]:
    folder = drafts_dir(curated)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def draft_problems(data: dict, checks: Checks, display: str = "draft") -> list[Problem]:
    """Every problem ``validate`` would report for this record once published, all at once."""
    try:
        event = model.Event.model_validate(data)
    except ValidationError as err:
        return model_problems(err, display, {})
    return record_problems(event, display, {}, str(data.get("id", "")), checks)


def published_text(data: dict) -> str:
    """A record's file in ``events/``: the record through the model, the drafter's comments dropped."""
    record = model.Event.model_validate(data).model_dump(mode="json")
    return _SCHEMA_LINE + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


class PublishError(ValueError):
    """A draft cannot be published: its problems, or an existing record it would replace."""


def publish(draft: Draft, curated: Path, checks: Checks, *, overwrite: bool = False) -> Path:
    """Move a draft into ``<curated>/events/<id>.yaml`` after checking it as ``validate`` would.

    Raises:
        PublishError: the draft has problems (all listed), or a record with its id exists and ``overwrite``
            was not given.
    """
    problems = draft_problems(draft.data, checks, f"drafts/{draft.id}.yaml")
    if problems:
        raise PublishError("the draft has problems:\n" + "\n".join(str(p) for p in problems))
    target = paths.events_dir(Path(curated)) / f"{draft.id}.yaml"
    if target.exists() and not overwrite:
        raise PublishError(f"{target} exists: confirm to replace it (--overwrite), or change the draft's id")
    written = store.write_record(Path(curated), draft.id, published_text(draft.data), folder="events", overwrite=overwrite)
    if draft.path is not None and draft.path.exists():
        store.remove_record(draft.path.parent.parent, draft.id, folder="drafts", confirm=True)  # published: the draft's job is done
    return written


def discard(draft: Draft) -> str:
    """Remove a draft's file; say what was removed."""
    if draft.path is None or not draft.path.exists():
        return f"draft {draft.id} was not on disk; nothing removed"
    store.remove_record(draft.path.parent.parent, draft.id, folder="drafts", confirm=True)  # the curator pressed Discard
    return f"removed {draft.path} ({draft.data.get('title', draft.id)}, {len(draft.data.get('sources', []))} quote(s))"
