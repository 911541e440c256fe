"""Safe YAML: the one way the project reads a YAML file, with a line for every value and nothing executable.

YAML is read with the safe loader only (the C one where available), with no aliases, no object tags and
no implicit timestamps, and a size limit checked before a file is read. ``read_yaml`` names the line of
every value, for problems; ``quick_read`` is the fast path for the usual file that has none, and gives
up (``NeedsFullRead``) on anything ``read_yaml`` would refuse or report. ``read_list`` and
``read_sections`` read the lists that the vocabularies and the source list are, each entry with its line.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sctracker.records.problems import Problem, dotted, line_for, model_problems
from sctracker.records.safe_paths import UnsafePath, readable_file

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


class YamlFileError(Exception):
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
        raise YamlFileError(Problem("", line, dotted(path), "YAML aliases (*name) are not allowed"))
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise YamlFileError(Problem("", key.start_mark.line + 1, dotted(path), "mapping keys must be plain text"))
            lines[path + (key.value,)] = key.start_mark.line + 1
            _node_lines(value, path + (key.value,), lines, seen)
            lines[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, path + (index,), lines, seen)
    return lines


def read_yaml(path: Path, display: str, max_bytes: int | None = MAX_RECORD_BYTES) -> tuple[Any, dict]:
    """Read one YAML file safely.

    Args:
        path: the file.
        display: how problems name the file.
        max_bytes: refuse larger files without reading them (None: no limit).

    Returns:
        The parsed data and a map from value paths to line numbers.

    Raises:
        YamlFileError: with the problem (size, encoding, syntax, alias, tag), never a bare exception.
    """
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise YamlFileError(
            Problem(display, None, "", f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes for a record; not read")
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlFileError(
            Problem(display, line, "", f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); save the file as UTF-8")
        ) from None
    loader = _RecordLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlFileError(Problem(display, 1, "", "the file is empty; a record is a YAML mapping of fields"))
        lines = _node_lines(node)
        data = loader.construct_document(node)
    except yaml.constructor.ConstructorError as err:
        raise YamlFileError(Problem(display, _mark_line(err), "", f"YAML tag not allowed: {_first_line(err)}")) from None
    except yaml.YAMLError as err:
        raise YamlFileError(Problem(display, _mark_line(err), "", f"YAML syntax: {_first_line(err)}")) from None
    except YamlFileError as err:
        raise YamlFileError(dataclasses.replace(err.problem, path=display)) from None
    finally:
        loader.dispose()
    return data, lines


_STR_TAG, _MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class NeedsFullRead(Exception):
    """The quick reader cannot vouch for a text; ``read_yaml`` reads it again and names what is wrong."""


def _quick_yaml(text: str) -> Any:
    """Parse YAML text with the C parser and no line map, for the usual file that has no problem.

    The same parser and resolver as ``read_yaml``, and the same values; it gives up (``NeedsFullRead``)
    on anything ``read_yaml`` would refuse or might report: a possible alias (any ``*``), an empty
    document, a syntax error, a tag other than the plain ones, a key that is not plain text.
    """
    if "*" in text:  # an alias needs a '*'; only read_yaml checks aliases
        raise NeedsFullRead
    loader = _RecordLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise NeedsFullRead
        return _construct(node, loader)
    except NeedsFullRead:
        raise
    except Exception:  # whatever went wrong, read_yaml is the one that says it
        raise NeedsFullRead from None
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
                raise NeedsFullRead  # also the merge key <<, which the safe constructor would expand
            mapping[key.value] = _construct(value, loader)
        return mapping
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
        return [_construct(item, loader) for item in node.value]
    raise NeedsFullRead


def quick_read(path: Path) -> Any:
    """A whole file through ``_quick_yaml``; ``NeedsFullRead`` if it cannot even be decoded."""
    try:
        return _quick_yaml(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        raise NeedsFullRead from None


@dataclasses.dataclass
class EntryList:
    """Entries read from a YAML list (a file, or one section of a mapping file), each with its place in the list.

    ``line`` names the line of an entry or of one of its fields, so that a problem with the tenth entry is
    reported at the tenth entry; the file's line map is read only when a line is first asked for (the
    usual file, read the quick way, has no problem and needs none).
    """

    path: Path
    display: str
    prefix: tuple  # where the list is in the file: () for a list file, ("groups",) for a section
    entries: list[tuple[int, BaseModel]]  # (index in the list, entry), for the entries that are valid
    lines: dict | None = None

    def __iter__(self):
        return (entry for _, entry in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def line(self, index: int, *field: str | int) -> int | None:
        """The line of entry ``index`` (its place in the list), or of one of its fields."""
        if self.lines is None:
            try:
                self.lines = read_yaml(self.path, self.display, max_bytes=None)[1]
            except (YamlFileError, OSError):
                self.lines = {}
        return line_for(self.lines, (*self.prefix, index, *field))

    def problem(self, index: int, field: str, message: str, *where: str | int) -> Problem:
        """A problem with entry ``index``, at the line of its field ``where`` (or the entry's own line)."""
        return Problem(self.display, self.line(index, *where), field, message)


def _entries(data: list, model: type[BaseModel], listed: EntryList, problems: list[Problem]) -> EntryList:
    for index, item in enumerate(data):
        try:
            listed.entries.append((index, model.model_validate(item)))
        except ValidationError as err:
            listed.line(index)  # reads the line map, the first time one is needed
            label = _entry_label(item, index)
            for problem in model_problems(err, listed.display, listed.lines, prefix=(*listed.prefix, index)):
                problems.append(dataclasses.replace(problem, field=f"{label}.{problem.field}" if problem.field else label))
    return listed


def _entry_label(item: object, index: int) -> str:
    """How a problem names an entry: by its id or code where it has one, else by its place."""
    if isinstance(item, dict):
        for key in ("id", "code"):
            if isinstance(item.get(key), str) and item[key]:
                return item[key]
    return f"[{index}]"


def _read_data(path: Path, display: str, problems: list[Problem]) -> tuple[object, dict | None] | None:
    """A vocabulary's or the source list's data, the quick way when it reads cleanly (no line map), else
    with its line map; None (and the problem) when it cannot be read."""
    if not path.exists():
        problems.append(Problem(display, None, "", "file is missing"))
        return None
    try:
        readable_file(path.parent, path.name)  # a regular file inside its own folder, no link leading out
    except UnsafePath as err:
        problems.append(Problem(display, None, "", f"{err}; not read"))
        return None
    try:
        return quick_read(path), None
    except NeedsFullRead:
        pass
    try:
        return read_yaml(path, display, max_bytes=None)
    except YamlFileError as err:
        problems.append(err.problem)
        return None


def read_list(path: Path, model: type[BaseModel], display: str, problems: list[Problem]) -> EntryList:
    """Read a YAML list of ``model`` entries (the source list, sectors, event types); each problem at its entry's line."""
    listed = EntryList(path, display, (), [])
    read = _read_data(path, display, problems)
    if read is None:
        return listed
    data, listed.lines = read
    if not isinstance(data, list):
        problems.append(Problem(display, 1, "", "must be a YAML list of entries"))
        return listed
    return _entries(data, model, listed, problems)


def read_sections(path: Path, sections: dict[str, type[BaseModel]], display: str, problems: list[Problem]) -> dict[str, EntryList]:
    """Read a YAML mapping of lists (``groups:``, ``names:``), each list of its own model; a missing section is empty."""
    found = {name: EntryList(path, display, (name,), []) for name in sections}
    read = _read_data(path, display, problems)
    if read is None:
        return found
    data, lines = read
    if data is None:
        return found
    if not isinstance(data, dict):
        problems.append(Problem(display, 1, "", f"must be a YAML mapping with the sections {', '.join(sections)}"))
        return found
    for name, value in data.items():
        if name not in sections:
            listed = EntryList(path, display, (), [], lines)
            problems.append(Problem(display, listed.line(name), str(name), f"unknown section; the sections are {', '.join(sections)}"))
            continue
        found[name].lines = lines
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(Problem(display, found[name].line(), name, "must be a YAML list of entries"))
            continue
        _entries(value, sections[name], found[name], problems)
    return found


def key_of(entry: BaseModel) -> str:
    return getattr(entry, "code", None) or entry.id


def check_unique(listed: EntryList, problems: list[Problem]) -> None:
    """Report every entry whose id or code an earlier entry has, at its own line."""
    seen: set[str] = set()
    for index, entry in listed.entries:
        key = key_of(entry)
        if key in seen:
            problems.append(listed.problem(index, key, "listed twice"))
        seen.add(key)
