"""Load and validate: curated YAML and seed documents in, one tidy table of events and every problem out.

Nothing is silently dropped: each event file read is either a row of the events table or an entry of
``Dataset.rejected`` with the problems that kept it out, each naming file, line, field and what is wrong.
YAML is read with the safe loader only (the C one where available), with no aliases, no object tags,
and a size limit checked before a file is read.

Speed: a record is first read the quick way (the C parser, no line map); only a file with a problem is
read again the full way, which names lines, so the problems are the same either way. With ``cache_dir``,
each event file's result is kept on disk, keyed by the file's path, size and times and by everything its
checks depend on (vocabularies, sources, this code, library versions); only new or changed files are read
again. Checks across files (duplicate ids, ``related`` links, sources' citation counts) run on every load.
Many files to read (``PARALLEL_FROM``) are shared out among forked worker processes, one per CPU.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import gc
import hashlib
import importlib.metadata
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry
import yaml
from pydantic import BaseModel, ValidationError

from sctracker import paths
from sctracker.dates import format_event_date, period_end, precision_mismatch
from sctracker.filters import search_text
from sctracker.model import HOME_COUNTRY, STATUS_LABELS, Event, PartnerEntry, SourceEntry, VocabularyEntry
from sctracker.sources import BulletinError, closest_passage, is_bulletin, normalize_space, parse_bulletin

#: Event files larger than this are refused unread: a record is a page of text, not megabytes.
MAX_RECORD_BYTES = 256 * 1024

_SafeLoaderBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RecordLoader(_SafeLoaderBase):
    """The safe loader without the implicit timestamp type: dates stay text and the model checks them,
    so an impossible date such as 2025-02-30 becomes a field error rather than a parser crash.

    Its ``resolve`` gives the same tags as PyYAML's, minus the work for path resolvers and wildcard
    implicit resolvers, which the safe loader never has (checked below): the parser calls it for every
    node, and it was a tenth of a cold load.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:  # a plain scalar: its first character picks the candidate types
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: yaml.Node | None, current_index: Any) -> None:
        pass  # no path resolvers: nothing to track

    def ascend_resolver(self) -> None:
        pass


_RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoaderBase.yaml_implicit_resolvers.items()
}
if _RecordLoader.yaml_path_resolvers or None in _RecordLoader.yaml_implicit_resolvers:
    raise ImportError("this PyYAML's safe loader has path or wildcard resolvers, which _RecordLoader.resolve leaves out")


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


_STR_TAG, _MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _NeedsFullRead(Exception):
    """The quick reader cannot vouch for a text; ``read_yaml`` reads it again and names what is wrong."""


def _quick_yaml(text: str) -> Any:
    """Parse YAML text with the C parser and no line map, for the usual file that has no problem.

    The same parser and resolver as ``read_yaml``, and the same values; it gives up (``_NeedsFullRead``)
    on anything ``read_yaml`` would refuse or might report: a possible alias (any ``*``), an empty
    document, a syntax error, a tag other than the plain ones, a key that is not plain text.
    """
    if "*" in text:  # an alias needs a '*'; only read_yaml checks aliases
        raise _NeedsFullRead
    loader = _RecordLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _NeedsFullRead
        return _construct(node, loader)
    except _NeedsFullRead:
        raise
    except Exception:  # whatever went wrong, read_yaml is the one that says it
        raise _NeedsFullRead from None
    finally:
        loader.dispose()


def _construct(node: yaml.Node, loader: _RecordLoader) -> Any:
    """A node's value: text as is, other scalars by the safe constructor, plain mappings and lists."""
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR_TAG else loader.construct_object(node, deep=True)
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
        mapping = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag != _STR_TAG:
                raise _NeedsFullRead  # also the merge key <<, which the safe constructor would expand
            mapping[key.value] = _construct(value, loader)
        return mapping
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
        return [_construct(item, loader) for item in node.value]
    raise _NeedsFullRead


def _quick_read(path: Path) -> Any:
    """A whole file through ``_quick_yaml``; ``_NeedsFullRead`` if it cannot even be decoded."""
    try:
        return _quick_yaml(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        raise _NeedsFullRead from None


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
        data = _quick_read(path)
        if isinstance(data, list):
            return [model.model_validate(item) for item in data]
    except (_NeedsFullRead, ValidationError):
        pass  # read again below, the way that names lines
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
    # plain Python strings (object), not pandas' Arrow-backed text: copying every document's text into
    # Arrow took a sixth of loading the sources, and the texts are only ever looked up one at a time
    return pd.DataFrame(rows, columns=columns, dtype=object).drop_duplicates("id").set_index("id")


@dataclasses.dataclass(frozen=True)
class _Checks:
    """What a record is checked against, as plain dicts: a DataFrame lookup per field is too slow at 50,000 records."""

    partner_names: dict[str, str]
    sector_labels: dict[str, str]
    type_labels: dict[str, str]
    source_texts: dict[str, str]
    normalized: dict[str, str]  # source id -> its text with whitespace collapsed, filled as quotes are checked

    @classmethod
    def of(cls, vocab: Vocabularies, sources: pd.DataFrame) -> _Checks:
        return cls(
            partner_names=dict(zip(vocab.partners.index, vocab.partners["name"])),
            sector_labels=dict(zip(vocab.sectors.index, vocab.sectors["label"])),
            type_labels=dict(zip(vocab.event_types.index, vocab.event_types["label"])),
            source_texts=dict(zip(sources.index, sources["text"])),
            normalized={},
        )


def _event_problems(event: Event, display: str, lines: dict, file_stem: str, checks: _Checks) -> list[Problem]:
    """Rules the model alone cannot check: codes, dates against precision, sources and quotes."""
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(display, _line_for(lines, loc), _dotted(loc), message))

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


def _event_row(event: Event, display: str, checks: _Checks) -> dict:
    location = event.location
    row = {
        "id": event.id,
        "title": event.title,
        "event_type": event.event_type,
        "event_type_label": checks.type_labels[event.event_type],
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
        "partner_names": [checks.partner_names.get(code, code) for code in event.partners],
        "sectors": list(event.sectors),
        "sector_labels": [checks.sector_labels.get(sector, sector) for sector in event.sectors],
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
    row["search_text"] = search_text(row)
    return row


EVENT_COLUMNS = [
    "id", "title", "event_type", "event_type_label", "status", "status_label", "date", "end_date", "period_end",
    "date_label", "date_precision", "date_inferred", "date_note", "partners", "partner_names", "sectors",
    "sector_labels", "city", "country", "venue", "participants", "summary", "figures", "sources", "source_ids",
    "related", "curation_note", "path", "search_text",
]  # fmt: skip


#: The events table's columns that are not text or lists, and their types.
_TYPED_COLUMNS = {"date": "datetime64[s]", "end_date": "datetime64[s]", "period_end": "datetime64[s]", "date_inferred": bool}


def event_files(curated_dir: Path) -> list[Path]:
    """Every event file, sorted, so that duplicate ids are resolved the same way on every machine."""
    folder = paths.events_dir(curated_dir)
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        names = [entry.name for entry in entries]
    return [folder / name for suffix in (".yaml", ".yml") for name in sorted(n for n in names if n.endswith(suffix))]


def _stat_key(stat: os.stat_result) -> tuple[int, int, int]:
    """What tells a file's versions apart: size, modification time and change time (which no tool can set back)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def folder_fingerprint(*folders: Path) -> tuple[str, int]:
    """A digest of the path, size and times of every file under ``folders``, and how many files there are.

    Any added, removed, renamed or rewritten file changes the digest; a missing folder counts as such.
    """
    digest = hashlib.blake2b(digest_size=16)
    count = 0
    pending = [str(folder) for folder in folders]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            digest.update(f"{folder}\0missing\n".encode())
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                key = _stat_key(entry.stat())
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            digest.update(f"{entry.path}\0{key}\n".encode())
            count += 1
    return digest.hexdigest(), count


@dataclasses.dataclass(frozen=True)
class _FileResult:
    """What one event file gives, before the checks across files: kept in the disk cache."""

    problems: tuple[Problem, ...]  # its own problems: syntax, fields, vocabularies, sources and quotes
    event_id: str | None  # the id it claims, even with problems (a later file with the same id is the duplicate)
    related: tuple[str, ...]
    row: dict | None  # its row of the events table, when it has no problem of its own


def _read_event_file(path: Path, display: str, size: int | None, checks: _Checks) -> _FileResult:
    """Read and check one event file (of ``size`` bytes, None if unknown): the quick way when it has no
    problem, else the full way that names lines."""
    try:
        if size is not None and size <= MAX_RECORD_BYTES:
            data = _quick_read(path)
            if isinstance(data, dict):
                event = Event.model_validate(data)
                if not _event_problems(event, display, {}, path.stem, checks):
                    return _FileResult((), event.id, tuple(event.related), _event_row(event, display, checks))
    except (OSError, _NeedsFullRead, ValidationError):
        pass
    return _read_event_file_fully(path, display, checks)


#: Below this many files to read, one process reads them all: starting workers would cost more than it saves.
PARALLEL_FROM = 2_000
#: Files a worker reads per task: large enough that passing tasks costs little, small enough to share out evenly.
_CHUNK = 500


def _read_event_files(jobs: list[tuple[Path, str, int | None]], checks: _Checks) -> list[_FileResult]:
    """Read and check event files, given as (path, display, size), in order; in parallel when there are many.

    The workers are forked from this process, so they start at once with ``checks`` already in memory;
    forking is safe only while this process runs a single thread (the CLI, the benchmark, a test), so a
    process with other threads (the Streamlit server) reads in this one. Each file's result is the
    same either way: the workers run the same function.
    """
    workers = min(parallel_workers(), 4)
    if len(jobs) < PARALLEL_FROM or workers < 2 or threading.active_count() > 1:
        return [_read_event_file(path, display, size, checks) for path, display, size in jobs]
    chunks = [jobs[start : start + _CHUNK] for start in range(0, len(jobs), _CHUNK)]
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_set_worker_checks, initargs=(checks,)) as pool:
        return [result for chunk in pool.map(_read_chunk, chunks) for result in chunk]


def parallel_workers() -> int:
    """How many processes may read at once: the CPUs this process may use, on Linux; elsewhere one.

    Workers are forked, so that they start at once with what they need; on macOS system libraries
    make forking unsafe, so other systems read in one process.
    """
    return len(os.sched_getaffinity(0)) if sys.platform.startswith("linux") else 1


#: A worker process's ``checks``, set once as it starts (never set in the process that loads).
_worker_checks: _Checks | None = None


def _set_worker_checks(checks: _Checks) -> None:
    global _worker_checks
    _worker_checks = checks


def _read_chunk(jobs: list[tuple[Path, str, int | None]]) -> list[_FileResult]:
    return [_read_event_file(path, display, size, _worker_checks) for path, display, size in jobs]


def _read_event_file_fully(path: Path, display: str, checks: _Checks) -> _FileResult:
    problems: list[Problem] = []
    try:
        data, lines = read_yaml(path, display)
    except _YamlFileError as err:
        problems.append(err.problem)
        data, lines = None, {}
    except OSError as err:
        problems.append(Problem(display, None, "", f"cannot read: {err.strerror or err}"))
        data, lines = None, {}
    event = None
    if not problems:
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
            problems.append(Problem(display, 1, "", f"a record is a YAML mapping of fields, this file holds {kind}"))
        else:
            try:
                event = Event.model_validate(data)
            except ValidationError as err:
                problems.extend(_model_problems(err, display, lines))
    if event is None:
        return _FileResult(tuple(problems), None, (), None)
    problems.extend(_event_problems(event, display, lines, path.stem, checks))
    row = None if problems else _event_row(event, display, checks)
    return _FileResult(tuple(problems), event.id, tuple(event.related), row)


def _lines_of(path: Path, display: str) -> dict:
    """A file's line map, read again for the rare problem found across files."""
    try:
        return read_yaml(path, display)[1]
    except (_YamlFileError, OSError):
        return {}


#: Bump when what the cache holds changes shape.
CACHE_FORMAT = 1
#: The modules whose code decides what a file's result is: an edit to any of them empties the cache.
_CHECKING_MODULES = ("loading.py", "model.py", "dates.py", "sources.py", "paths.py", "filters.py")
_CHECKING_LIBRARIES = ("pandas", "pydantic", "pyyaml", "pycountry")


def _context_key(curated_dir: Path, seeds_dir: Path) -> tuple:
    """Everything besides an event file that its result depends on."""
    package = Path(__file__).parent
    vocabularies = [curated_dir / name for name in (paths.PARTNERS_FILE, paths.SECTORS_FILE, paths.EVENT_TYPES_FILE)]
    return (
        CACHE_FORMAT,
        str(curated_dir.resolve()),
        str(seeds_dir.resolve()),
        folder_fingerprint(seeds_dir)[0],
        tuple(_stat_key(path.stat()) if path.exists() else None for path in vocabularies),
        tuple(_stat_key((package / name).stat()) for name in _CHECKING_MODULES),
        tuple(importlib.metadata.version(library) for library in _CHECKING_LIBRARIES),
    )


def _cache_file(cache_dir: Path, curated_dir: Path, seeds_dir: Path) -> Path:
    """One cache file per pair of folders, so that two corpora do not evict each other."""
    name = hashlib.blake2b(f"{curated_dir.resolve()}\0{seeds_dir.resolve()}".encode(), digest_size=8).hexdigest()
    return cache_dir / f"records-{name}.pickle"


def _read_cache(path: Path, context: tuple) -> dict | None:
    """The cache's content if it was made in this context; None if absent, stale or unreadable.

    The file is a pickle: only ever written by this function's twin, in a folder as trusted as the code.
    """
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
    except Exception:  # missing, truncated, corrupt or from another version: start afresh
        return None
    if not isinstance(cached, dict) or cached.get("context") != context:
        return None
    return cached


def _write_cache(path: Path, content: dict) -> None:
    """Write the cache atomically (a reader sees the old file or the new one); give up quietly if the folder is read-only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=path.name, suffix=".tmp", delete=False)
    except OSError:
        return
    try:
        with handle:
            pickle.dump(content, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading makes millions of objects and no cycles, and the
    collector's passes over them took a third of a cold load and two thirds of a warm one."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(curated_dir: Path | None = None, seeds_dir: Path | None = None, *, cache_dir: Path | None = None) -> Dataset:
    """Read vocabularies, sources and every event record, and validate them all.

    Args:
        curated_dir: the curated folder (default: ``paths.curated_dir()``).
        seeds_dir: the seeds folder (default: ``paths.seeds_dir()``).
        cache_dir: a folder for the disk cache of each file's result (None: no cache, every file is read).
            The result is the same with or without it.

    Returns:
        A ``Dataset``: the valid events as one table (a row an event, list columns for partners and
        sectors, names and labels alongside, sorted by date), the rejected files with their problems,
        and every problem found.
    """
    with _gc_paused():
        return _load(Path(curated_dir or paths.curated_dir()), Path(seeds_dir or paths.seeds_dir()), cache_dir)


def _load(curated_dir: Path, seeds_dir: Path, cache_dir: Path | None) -> Dataset:
    problems: list[Problem] = []
    for folder, what in ((curated_dir, "curated"), (seeds_dir, "seeds")):
        if not folder.is_dir():
            problems.append(Problem(str(folder), None, "", f"the {what} folder does not exist"))
    if problems:  # nothing worth caching
        cache_dir = None

    cache_path = context = cached = None
    if cache_dir is not None:
        cache_path = _cache_file(Path(cache_dir), curated_dir, seeds_dir)
        context = _context_key(curated_dir, seeds_dir)
        cached = _read_cache(cache_path, context)
    if cached is not None:
        vocab, sources, context_problems = cached["vocab"], cached["sources"].copy(), cached["problems"]
    else:
        context_problems = []
        vocab = load_vocabularies(curated_dir, context_problems)
        sources = load_sources(seeds_dir, context_problems)
    problems.extend(context_problems)
    files = event_files(curated_dir)
    if curated_dir.is_dir() and not files:
        problems.append(Problem(str(paths.events_dir(curated_dir)), None, "", "no event records (*.yaml) found"))

    base = curated_dir.parent
    events_display = _display(paths.events_dir(curated_dir), base)  # every file's display is this, '/', its name
    checks = _Checks.of(vocab, sources)
    known: dict[str, tuple] = cached["files"] if cached is not None else {}
    keep: dict[str, tuple] = {}  # what the cache will hold: path -> (stat key, result)
    results: list[tuple[Path, str, _FileResult | None]] = []
    to_read: list[tuple[int, Path, str, tuple | None]] = []  # (place in results, path, display, stat key)
    for path in files:
        display = os.path.join(events_display, path.name)
        try:
            key = _stat_key(path.stat())
        except OSError:  # read_yaml reports why
            key = None
        entry = known.get(str(path))
        result = entry[1] if key is not None and entry is not None and entry[0] == key else None
        if result is None:
            to_read.append((len(results), path, display, key))
        elif key is not None:
            keep[str(path)] = (key, result)
        results.append((path, display, result))
    jobs = [(path, display, None if key is None else key[0]) for _, path, display, key in to_read]
    for (place, path, display, key), result in zip(to_read, _read_event_files(jobs, checks), strict=True):
        results[place] = (path, display, result)
        if key is not None:
            keep[str(path)] = (key, result)
    changed = cached is None or bool(to_read)
    if cache_path is not None and (changed or keep.keys() != known.keys()):
        _write_cache(cache_path, {"context": context, "vocab": vocab, "sources": sources, "problems": context_problems, "files": keep})

    rows, rejected, id_owner = [], [], {}
    for path, display, result in results:
        file_problems = list(result.problems)
        if result.event_id is not None:
            if result.event_id in id_owner:
                line = _lines_of(path, display).get(("id",))
                file_problems.append(Problem(display, line, "id", f"duplicate id {result.event_id!r}, already used by {id_owner[result.event_id]}"))
            else:
                id_owner[result.event_id] = display
        if file_problems:
            rejected.append({"path": display, "problems": [str(p) for p in file_problems]})
            problems.extend(file_problems)
        else:
            rows.append((path, display, result))

    valid_rows = []
    for path, display, result in rows:
        missing = [(i, rid) for i, rid in enumerate(result.related) if rid not in id_owner]
        if missing:
            lines = _lines_of(path, display)
            link_problems = [Problem(display, _line_for(lines, ("related", i)), f"related[{i}]", f"no record has id {rid!r}") for i, rid in missing]
            rejected.append({"path": display, "problems": [str(p) for p in link_problems]})
            problems.extend(link_problems)
        else:
            valid_rows.append(result.row)

    # text as plain Python strings (object), not pandas' Arrow-backed text: copying 50,000 records' text
    # into Arrow took half a second, and the filters' text search is no slower on Python strings
    events = pd.DataFrame(valid_rows, columns=EVENT_COLUMNS, dtype=object).astype(_TYPED_COLUMNS)
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
