"""Load and validate: curated YAML and seed documents in, one tidy table of events and every problem out.

Nothing is silently dropped: each event file read is either a row of the events table or an entry of
``Dataset.rejected`` with the problems that kept it out, each naming file, line, field and what is wrong.
YAML is read with the safe loader only (the C one where available), with no aliases, no object tags,
and a size limit checked before a file is read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry
import yaml
from pydantic import BaseModel, ValidationError

from sctracker import paths
from sctracker.dates import format_event_date, period_end, precision_mismatch
from sctracker.model import HOME_COUNTRY, STATUS_LABELS, Event, PartnerEntry, SourceEntry, VocabularyEntry
from sctracker.sources import BulletinError, closest_passage, is_bulletin, normalize_space, parse_bulletin

#: Event files larger than this are refused unread: a record is a page of text, not megabytes.
MAX_RECORD_BYTES = 256 * 1024

_SafeLoaderBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RecordLoader(_SafeLoaderBase):
    """The safe loader without the implicit timestamp type: dates stay text and the model checks them,
    so an impossible date such as 2025-02-30 becomes a field error rather than a parser crash."""


_RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoaderBase.yaml_implicit_resolvers.items()
}


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, printed as ``path:line: field: message``."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        line = "" if self.line is None else f"{self.line}:"
        return f"{self.path}:{line} {self.field or '-'}: {self.message}"


@dataclasses.dataclass
class Vocabularies:
    """The controlled vocabularies, each a table indexed by its code in file order."""

    partners: pd.DataFrame  # index code; name, kind, region, members
    sectors: pd.DataFrame  # index id; label, definition, headline
    event_types: pd.DataFrame  # index id; label, definition

    def partner_name(self, code: str) -> str:
        return self.partners.at[code, "name"] if code in self.partners.index else code

    def sector_label(self, sector: str) -> str:
        return self.sectors.at[sector, "label"] if sector in self.sectors.index else sector


@dataclasses.dataclass
class Dataset:
    """Everything the pages and the CLI need, read once."""

    events: pd.DataFrame
    rejected: pd.DataFrame  # path, problems (list of str): one row per event file kept out
    problems: list[Problem]  # every problem, event files and vocabularies and sources alike
    files_read: int  # event files read; == len(events) + len(rejected)
    vocab: Vocabularies
    sources: pd.DataFrame  # index id; file, headline, outlet, published, …, text, records (count citing)

    @property
    def ok(self) -> bool:
        return not self.problems


class _YamlFileError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _mark_line(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return None if mark is None else mark.line + 1


def _first_line(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if problem:
        return f"{context}, {problem}" if context else str(problem)
    return str(error).splitlines()[0]


def _node_lines(node: yaml.Node, path: tuple = (), lines: dict | None = None, seen: set | None = None) -> dict:
    """Map each value's path (keys and list indexes) to its 1-based line; refuse aliases.

    A node reached twice is an alias: refused, because aliases let a few lines expand into gigabytes.
    """
    lines = {} if lines is None else lines
    seen = set() if seen is None else seen
    if id(node) in seen:  # the alias's own position is lost in the node graph: name where it is used
        line = lines.get(path) or lines.get(path[:-1]) or node.start_mark.line + 1
        raise _YamlFileError(Problem("", line, _dotted(path), "YAML aliases (*name) are not allowed"))
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _YamlFileError(Problem("", key.start_mark.line + 1, _dotted(path), "mapping keys must be plain text"))
            lines[path + (key.value,)] = key.start_mark.line + 1
            _node_lines(value, path + (key.value,), lines, seen)
            lines[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, path + (index,), lines, seen)
    return lines


def _dotted(path: Iterable) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_yaml(path: Path, display: str, max_bytes: int | None = MAX_RECORD_BYTES) -> tuple[Any, dict]:
    """Read one YAML file safely.

    Args:
        path: the file.
        display: how problems name the file.
        max_bytes: refuse larger files without reading them (None: no limit).

    Returns:
        The parsed data and a map from value paths to line numbers.

    Raises:
        _YamlFileError: with the problem (size, encoding, syntax, alias, tag), never a bare exception.
    """
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise _YamlFileError(
            Problem(display, None, "", f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes for a record; not read")
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise _YamlFileError(
            Problem(display, line, "", f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); save the file as UTF-8")
        ) from None
    loader = _RecordLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _YamlFileError(Problem(display, 1, "", "the file is empty; a record is a YAML mapping of fields"))
        lines = _node_lines(node)
        data = loader.construct_document(node)
    except yaml.constructor.ConstructorError as err:
        raise _YamlFileError(Problem(display, _mark_line(err), "", f"YAML tag not allowed: {_first_line(err)}")) from None
    except yaml.YAMLError as err:
        raise _YamlFileError(Problem(display, _mark_line(err), "", f"YAML syntax: {_first_line(err)}")) from None
    except _YamlFileError as err:
        raise _YamlFileError(dataclasses.replace(err.problem, path=display)) from None
    finally:
        loader.dispose()
    return data, lines


def _line_for(lines: dict, loc: tuple) -> int | None:
    """The line of the deepest part of ``loc`` that the file has (a missing field: its parent's line)."""
    for cut in range(len(loc), -1, -1):
        if tuple(loc[:cut]) in lines:
            return lines[tuple(loc[:cut])]
    return None


def _model_problems(error: ValidationError, display: str, lines: dict) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        message = item["msg"]
        if item["type"] == "missing":
            message = "required field is missing"
        elif item["type"] == "extra_forbidden":
            message = "unknown field (not in the record reference)"
        elif message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        problems.append(Problem(display, _line_for(lines, loc), _dotted(loc), message))
    return problems


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def _read_list(path: Path, model: type[BaseModel], display: str, problems: list[Problem]) -> list[BaseModel]:
    """Read a vocabulary or source list: a YAML list of ``model`` entries."""
    if not path.is_file():
        problems.append(Problem(display, None, "", "file is missing"))
        return []
    try:
        data, lines = read_yaml(path, display, max_bytes=None)
    except _YamlFileError as err:
        problems.append(err.problem)
        return []
    if not isinstance(data, list):
        problems.append(Problem(display, 1, "", "must be a YAML list of entries"))
        return []
    entries = []
    for index, item in enumerate(data):
        try:
            entries.append(model.model_validate(item))
        except ValidationError as err:
            for problem in _model_problems(err, display, lines):
                problems.append(dataclasses.replace(problem, field=f"[{index}].{problem.field}".replace(".[", "[")))
    return entries


def _key_of(entry: BaseModel) -> str:
    return getattr(entry, "code", None) or entry.id


def _check_unique(entries: list[BaseModel], display: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for entry in entries:
        key = _key_of(entry)
        if key in seen:
            problems.append(Problem(display, None, key, "listed twice"))
        seen.add(key)


def load_vocabularies(curated_dir: Path, problems: list[Problem]) -> Vocabularies:
    """Read partners, sectors and event types; add any problem to ``problems``."""
    base = curated_dir.parent
    tables = {}
    for name, model, key in (
        (paths.PARTNERS_FILE, PartnerEntry, "code"),
        (paths.SECTORS_FILE, VocabularyEntry, "id"),
        (paths.EVENT_TYPES_FILE, VocabularyEntry, "id"),
    ):
        display = _display(curated_dir / name, base)
        entries = _read_list(curated_dir / name, model, display, problems)
        _check_unique(entries, display, problems)
        frame = pd.DataFrame([entry.model_dump() for entry in entries], columns=list(model.model_fields))
        tables[name] = frame.drop_duplicates(key).set_index(key)
    partners = tables[paths.PARTNERS_FILE]
    display = _display(curated_dir / paths.PARTNERS_FILE, base)
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


def load_sources(seeds_dir: Path, problems: list[Problem]) -> pd.DataFrame:
    """Read ``sources.yaml`` and the text of every source it lists; check bulletin entries against the parser."""
    base = seeds_dir.parent
    display = _display(seeds_dir / paths.SOURCES_FILE, base)
    entries = _read_list(seeds_dir / paths.SOURCES_FILE, SourceEntry, display, problems)
    _check_unique(entries, display, problems)
    releases: dict[str, dict[int, Any]] = {}
    rows = []
    for entry in entries:
        file_name, _, number = entry.id.partition("#")
        if file_name != entry.file:
            problems.append(Problem(display, None, f"{entry.id}.file", f"id names {file_name!r} but file is {entry.file!r}"))
        path = seeds_dir / entry.file
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(Problem(display, None, f"{entry.id}.file", f"cannot read {entry.file}: {err}"))
            continue
        if number:
            if entry.file not in releases:
                try:
                    releases[entry.file] = {r.number: r for r in parse_bulletin(text)} if is_bulletin(text) else {}
                except BulletinError as err:
                    problems.append(Problem(_display(path, base), None, "", f"bulletin: {err}"))
                    releases[entry.file] = {}
            release = releases[entry.file].get(int(number)) if number.isdigit() else None
            if release is None:
                problems.append(Problem(display, None, f"{entry.id}.id", f"{entry.file} has no release #{number}"))
                continue
            if release.headline != entry.headline:
                problems.append(Problem(display, None, f"{entry.id}.headline", f"the release's headline is {release.headline!r}"))
            if release.date != entry.published:
                problems.append(Problem(display, None, f"{entry.id}.published", f"the release's date line says {release.date}"))
            text = f"{release.headline}\n{release.body}"
        rows.append({**entry.model_dump(), "text": text})
    columns = [*SourceEntry.model_fields, "text"]
    return pd.DataFrame(rows, columns=columns).drop_duplicates("id").set_index("id")


def _event_problems(event: Event, display: str, lines: dict, file_stem: str, vocab: Vocabularies, sources: pd.DataFrame, normalized: dict) -> list[Problem]:
    """Rules the model alone cannot check: codes, dates against precision, sources and quotes."""
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(display, _line_for(lines, loc), _dotted(loc), message))

    if event.id != file_stem:
        add(("id",), f"must equal the file name without .yaml ({file_stem!r})")
    if event.event_type not in vocab.event_types.index:
        add(("event_type",), f"unknown event type {event.event_type!r}; see curated/event_types.yaml")
    partner_codes = vocab.partners.index
    for index, code in enumerate(event.partners):
        if code == HOME_COUNTRY:
            add(("partners", index), "KOR is the home country, never a partner")
        elif code not in partner_codes:
            add(("partners", index), f"unknown partner code {code!r}; see curated/partners.yaml")
    if len(set(event.partners)) != len(event.partners):
        add(("partners",), "a partner is listed twice")
    for index, sector in enumerate(event.sectors):
        if sector not in vocab.sectors.index:
            add(("sectors", index), f"unknown sector {sector!r}; see curated/sectors.yaml")
    if len(set(event.sectors)) != len(event.sectors):
        add(("sectors",), "a sector is listed twice")
    for index, person in enumerate(event.participants):
        if person.side != HOME_COUNTRY and person.side not in partner_codes:
            add(("participants", index, "side"), f"side must be KOR or a partner code, not {person.side!r}")
    if event.location and event.location.country and event.location.country != HOME_COUNTRY:
        if pycountry.countries.get(alpha_3=event.location.country) is None:
            add(("location", "country"), f"{event.location.country!r} is not an ISO 3166-1 alpha-3 code")
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
        if ref.source not in sources.index:
            add(("sources", index, "source"), f"unknown source {ref.source!r}; see seeds/sources.yaml")
            continue
        text = normalized.get(ref.source)
        if text is None:
            text = normalized[ref.source] = normalize_space(sources.at[ref.source, "text"])
        if normalize_space(ref.quote) not in text:
            closest = closest_passage(ref.quote, sources.at[ref.source, "text"])
            add(("sources", index, "quote"), f"quote not found in {ref.source}; closest passage: {closest!r}")
    return problems


def _event_row(event: Event, display: str, vocab: Vocabularies) -> dict:
    location = event.location
    return {
        "id": event.id,
        "title": event.title,
        "event_type": event.event_type,
        "event_type_label": vocab.event_types.at[event.event_type, "label"],
        "status": event.status,
        "status_label": STATUS_LABELS[event.status],
        "date": pd.Timestamp(event.date),
        "end_date": pd.Timestamp(event.end_date) if event.end_date else pd.NaT,
        "period_end": pd.Timestamp(period_end(event.date, event.date_precision, event.end_date)),
        "date_label": format_event_date(event.date, event.date_precision, event.end_date),
        "date_precision": event.date_precision,
        "date_inferred": event.date_inferred,
        "date_note": event.date_note,
        "partners": list(event.partners),
        "partner_names": [vocab.partner_name(code) for code in event.partners],
        "sectors": list(event.sectors),
        "sector_labels": [vocab.sector_label(sector) for sector in event.sectors],
        "city": location.city if location else None,
        "country": location.country if location else None,
        "venue": location.venue if location else None,
        "participants": [person.model_dump() for person in event.participants],
        "summary": event.summary,
        "figures": [figure.model_dump() for figure in event.figures],
        "sources": [ref.model_dump() for ref in event.sources],
        "source_ids": list(dict.fromkeys(ref.source for ref in event.sources)),
        "related": list(event.related),
        "curation_note": event.curation_note,
        "path": display,
    }


EVENT_COLUMNS = [
    "id", "title", "event_type", "event_type_label", "status", "status_label", "date", "end_date", "period_end",
    "date_label", "date_precision", "date_inferred", "date_note", "partners", "partner_names", "sectors",
    "sector_labels", "city", "country", "venue", "participants", "summary", "figures", "sources", "source_ids",
    "related", "curation_note", "path",
]  # fmt: skip


def event_files(curated_dir: Path) -> list[Path]:
    """Every event file, sorted, so that duplicate ids are resolved the same way on every machine."""
    folder = paths.events_dir(curated_dir)
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []


def load(curated_dir: Path | None = None, seeds_dir: Path | None = None) -> Dataset:
    """Read vocabularies, sources and every event record, and validate them all.

    Args:
        curated_dir: the curated folder (default: ``paths.curated_dir()``).
        seeds_dir: the seeds folder (default: ``paths.seeds_dir()``).

    Returns:
        A ``Dataset``: the valid events as one table (a row an event, list columns for partners and
        sectors, names and labels alongside, sorted by date), the rejected files with their problems,
        and every problem found.
    """
    curated_dir = Path(curated_dir or paths.curated_dir())
    seeds_dir = Path(seeds_dir or paths.seeds_dir())
    problems: list[Problem] = []
    for folder, what in ((curated_dir, "curated"), (seeds_dir, "seeds")):
        if not folder.is_dir():
            problems.append(Problem(str(folder), None, "", f"the {what} folder does not exist"))
    vocab = load_vocabularies(curated_dir, problems)
    sources = load_sources(seeds_dir, problems)
    files = event_files(curated_dir)
    if curated_dir.is_dir() and not files:
        problems.append(Problem(str(paths.events_dir(curated_dir)), None, "", "no event records (*.yaml) found"))

    base = curated_dir.parent
    normalized: dict[str, str] = {}
    rows, rejected, id_owner, id_lines = [], [], {}, {}
    for path in files:
        display = _display(path, base)
        file_problems: list[Problem] = []
        try:
            data, lines = read_yaml(path, display)
        except _YamlFileError as err:
            file_problems.append(err.problem)
            data, lines = None, {}
        except OSError as err:
            file_problems.append(Problem(display, None, "", f"cannot read: {err.strerror or err}"))
            data, lines = None, {}
        event = None
        if not file_problems:
            if not isinstance(data, dict):
                kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
                file_problems.append(Problem(display, 1, "", f"a record is a YAML mapping of fields, this file holds {kind}"))
            else:
                try:
                    event = Event.model_validate(data)
                except ValidationError as err:
                    file_problems.extend(_model_problems(err, display, lines))
        if event is not None:
            file_problems.extend(_event_problems(event, display, lines, path.stem, vocab, sources, normalized))
            if event.id in id_owner:
                file_problems.append(Problem(display, lines.get(("id",)), "id", f"duplicate id {event.id!r}, already used by {id_owner[event.id]}"))
            else:
                id_owner[event.id] = display
                id_lines[event.id] = lines
        if file_problems:
            rejected.append({"path": display, "problems": [str(p) for p in file_problems]})
            problems.extend(file_problems)
        else:
            rows.append((event, display))

    valid_rows = []
    for event, display in rows:
        missing = [(i, rid) for i, rid in enumerate(event.related) if rid not in id_owner]
        if missing:
            link_problems = [
                Problem(display, _line_for(id_lines[event.id], ("related", i)), f"related[{i}]", f"no record has id {rid!r}")
                for i, rid in missing
            ]
            rejected.append({"path": display, "problems": [str(p) for p in link_problems]})
            problems.extend(link_problems)
        else:
            valid_rows.append(_event_row(event, display, vocab))

    events = pd.DataFrame(valid_rows, columns=EVENT_COLUMNS)
    events = events.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    cited = pd.Series([source for ids in events["source_ids"] for source in ids], dtype="object").value_counts()
    sources["records"] = cited.reindex(sources.index, fill_value=0).astype(int)
    return Dataset(
        events=events,
        rejected=pd.DataFrame(rejected, columns=["path", "problems"]),
        problems=sorted(problems, key=lambda p: (p.path, p.line or 0)),
        files_read=len(files),
        vocab=vocab,
        sources=sources,
    )
