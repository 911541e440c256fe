"""Problems: one thing wrong with one file, named by path, line and field, the way every check reports it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError


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


def dotted(path: Iterable) -> str:
    """A value's place in a record as people write it: ``sources[2].quote``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_for(lines: dict, loc: tuple) -> int | None:
    """The line of the deepest part of ``loc`` that the file has (a missing field: its parent's line)."""
    for cut in range(len(loc), -1, -1):
        if tuple(loc[:cut]) in lines:
            return lines[tuple(loc[:cut])]
    return None


def model_problems(error: ValidationError, display: str, lines: dict, prefix: tuple = ()) -> list[Problem]:
    """A pydantic validation error as problems, each at its field's line, in words a curator can act on.

    Args:
        error: the error.
        display: how problems name the file.
        lines: the file's line map (``yaml_reader.read_yaml``).
        prefix: where the validated value is in the file (an entry of a list: the list's path and the index);
            fields are named without it.
    """
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
        problems.append(Problem(display, line_for(lines, (*prefix, *loc)), dotted(loc), message))
    return problems


def display_path(path: Path, base: Path) -> str:
    """How problems name a file: relative to ``base`` where it lies inside it."""
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)
