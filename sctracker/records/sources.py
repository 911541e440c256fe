"""The source documents: the source list, the bulletin parser, the text of each source, and finding a quote in it.

A source is a whole seed file, or one release of a bulletin file addressed as ``file#N``. Quotes are
matched after collapsing every run of whitespace (line breaks included) to one space, nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry

from sctracker import paths
from sctracker.records.dates import format_event_date
from sctracker.records.model import SourceEntry
from sctracker.records.problems import Problem, display_path
from sctracker.records.safe_paths import UnsafePath, readable_file, shown
from sctracker.records.yaml_reader import check_unique, read_list

_RELEASE_DATE = re.compile(r"\s*date(\d{4}-\d{2}-\d{2})\s*$")

#: How a seed document's file is named: a sequence number of three digits or more (``000`` … ``999``, then
#: ``1000`` …), an underscore, 16 lowercase hex digits, ``.txt``. For a new document the number is the next
#: after the highest in the folder and the hex digits are the start of the SHA-256 of its text
#: (``seed_file_name``); the first files' hex digits are older and stay as they are.
SEED_FILE_NAME = re.compile(r"^(\d{3,})_([0-9a-f]{16})\.txt$")


def text_digest(text: str) -> str:
    """The 16 hex digits a document's file name carries: the start of the SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def seed_file_name(existing: list[str], text: str) -> str:
    """The file name a new seed document gets: the next sequence number after ``existing`` names, and its digest."""
    numbers = [int(match.group(1)) for match in map(SEED_FILE_NAME.match, existing) if match]
    return f"{max(numbers, default=-1) + 1:03d}_{text_digest(text)}.txt"


@dataclasses.dataclass(frozen=True)
class Release:
    """One press release of a bulletin."""

    number: int  # 1-based, in file order
    category: str
    headline: str
    body: str  # without the trailing date marker
    date: dt.date
    line: int  # 1-based line of the release's headline in the file


class BulletinError(ValueError):
    """The text is not a bulletin of releases in the expected layout."""


#: What ``outlet`` says when neither the document nor its page shows who published it.
UNKNOWN_OUTLET = "unknown"


def short_citation(outlet: str, headline: str, published: dt.date, precision: str, url: str | None = None) -> str:
    """A source as people cite it on one line: the outlet when known, the headline in quotes, the date as
    precisely as it is known, and the URL when there is one (``Yonhap, “Korea, Chile …”, 4 Dec 2025, https://…``)."""
    who = [outlet] if outlet and outlet != UNKNOWN_OUTLET else []
    return ", ".join([*who, f"“{headline}”", format_event_date(published, precision), *([url] if url else [])])


def is_bulletin(text: str) -> bool:
    """A bulletin starts with a line holding only ``-``."""
    return text.lstrip("\ufeff").split("\n", 1)[0].strip() == "-"


def parse_bulletin(text: str) -> list[Release]:
    """Split a bulletin into its releases.

    Each release is a line ``-``, a category line, a headline line, then body lines of which the last
    ends in ``dateYYYY-MM-DD``.

    Args:
        text: the whole bulletin file.

    Returns:
        The releases in file order, numbered from 1.

    Raises:
        BulletinError: a release lacks a category, headline, body or date marker, naming its line.
    """
    lines = text.lstrip("\ufeff").splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "-"]
    if not starts or starts[0] != 0:
        raise BulletinError("line 1: a bulletin starts with a line '-'")
    releases = []
    for number, (start, end) in enumerate(zip(starts, starts[1:] + [len(lines)]), start=1):
        block = lines[start + 1 : end]
        if len(block) < 3:
            raise BulletinError(f"line {start + 1}: release #{number} needs a category, a headline and a body")
        category, headline, *body_lines = block
        body = "\n".join(body_lines).strip()
        marker = _RELEASE_DATE.search(body, max(0, len(body) - 40))  # the marker ends the body: look only at its end
        if not marker:
            raise BulletinError(f"line {end}: release #{number} does not end in dateYYYY-MM-DD")
        try:
            date = dt.date.fromisoformat(marker.group(1))
        except ValueError as err:
            raise BulletinError(f"line {end}: release #{number}: {err}") from None
        releases.append(Release(number, category.strip(), headline.strip(), body[: marker.start()].rstrip(), date, start + 3))
    return releases


def source_texts(seeds_dir: Path) -> dict[str, str]:
    """Every addressable source's text, keyed by source id.

    A bulletin yields one entry a release (``file#N``: headline, then body); any other ``.txt`` file one
    entry under its file name. Unreadable files raise: the caller reports them.
    """
    texts: dict[str, str] = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = readable_file(seeds_dir, path.name, "seeds folder").read_text(encoding="utf-8")
        if is_bulletin(text):
            for release in parse_bulletin(text):
                texts[f"{path.name}#{release.number}"] = f"{release.headline}\n{release.body}"
        else:
            texts[path.name] = text
    return texts


def normalize_space(text: str) -> str:
    """Collapse every whitespace run to one space and strip the ends.

    ``str.split`` splits on exactly the characters ``\\s`` matches in a text pattern (``str.isspace``), and
    is four times quicker than a regular expression: it runs on every quote of every record.
    """
    return " ".join(text.split())


def quote_in(quote: str, text: str) -> bool:
    """Whether ``quote`` appears in ``text``, whitespace runs collapsed on both sides."""
    return normalize_space(quote) in normalize_space(text)


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` most like ``quote``, of the same length, to show a curator what differs."""
    quote_n, text_n = normalize_space(quote), normalize_space(text)
    if not quote_n or not text_n:
        return ""
    width = len(quote_n)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote_n)
    best, best_ratio = "", -1.0
    starts = [0] + [match.end() for match in re.finditer(" ", text_n)]
    for start in starts:
        window = text_n[start : start + width]
        matcher.set_seq1(window)
        if matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best


def first_difference(quote: str, passage: str) -> str:
    """Where ``quote`` first differs from ``passage`` (whitespace collapsed in both), said so that a curator can
    find it: the character's place in the quote and both characters by their Unicode names, so that a straight
    apostrophe is told from a typographic one."""
    quote_n, passage_n = normalize_space(quote), normalize_space(passage)
    matcher = difflib.SequenceMatcher(None, quote_n, passage_n, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours = quote_n[i1:i2][:1]
        theirs = passage_n[j1:j2][:1]
        before = quote_n[max(0, i1 - 20) : i1]
        where = f"at character {i1 + 1} of the quote (after {before!r})" if before else "at its first character"
        return f"{where} the quote has {_character(ours)} where the source has {_character(theirs)}"
    return "they differ only in length"


def _character(char: str) -> str:
    if not char:
        return "nothing"
    return f"{char!r} ({unicodedata.name(char, f'U+{ord(char):04X}')})"


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Character spans in ``text`` where ``quote`` occurs, allowing any whitespace run where the quote has one."""
    words = normalize_space(quote).split(" ")
    if not words or words == [""]:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    return [match.span() for match in re.finditer(pattern, text)]


def load_sources(seeds_dir: Path, problems: list[Problem]) -> pd.DataFrame:
    """Read ``sources.yaml`` and the text of every source it lists, and check the seeds folder against it.

    Each entry is checked against its file (bulletin releases against the parser); every file in the
    folder must follow the naming rule (``SEED_FILE_NAME``) and be listed (every release of a bulletin);
    a URL names one document. Each problem is reported at its entry's line, or names its file.

    Returns:
        The sources table, indexed by id: the entries' fields (``url``, ``outlet``, ``headline``,
        ``published``, ``published_precision`` … as ``SourceEntry``) and ``text``.
    """
    base = seeds_dir.parent
    display = display_path(seeds_dir / paths.SOURCES_FILE, base)
    listed = read_list(seeds_dir / paths.SOURCES_FILE, SourceEntry, display, problems)
    check_unique(listed, problems)
    releases: dict[str, dict[int, Any]] = {}
    url_file: dict[str, str] = {}
    rows = []
    for index, entry in listed.entries:
        file_name, _, number = entry.id.partition("#")
        if file_name != entry.file:
            problems.append(listed.problem(index, f"{entry.id}.file", f"id names {file_name!r} but file is {entry.file!r}", "file"))
        if entry.url is not None and url_file.setdefault(entry.url, entry.file) != entry.file:
            problems.append(listed.problem(index, f"{entry.id}.url", f"the same URL is listed for {url_file[entry.url]}", "url"))
        if entry.retrieved < entry.published:
            problems.append(
                listed.problem(index, f"{entry.id}.retrieved", f"retrieved on {entry.retrieved}, before it was published", "retrieved")
            )
        if pycountry.languages.get(alpha_2=entry.language) is None:
            problems.append(listed.problem(index, f"{entry.id}.language", f"{entry.language!r} is not an ISO 639-1 code", "language"))
        try:
            path = readable_file(seeds_dir, entry.file, "seeds folder")
            text = path.read_text(encoding="utf-8")
        except UnsafePath as err:
            problems.append(listed.problem(index, f"{shown(entry.id)}.file", f"{entry.file!r} {err}; not read", "file"))
            continue
        except (OSError, UnicodeDecodeError) as err:
            problems.append(listed.problem(index, f"{entry.id}.file", f"cannot read {entry.file}: {err}", "file"))
            continue
        if not SEED_FILE_NAME.match(entry.file):  # a file that is safe to read, named against the rule
            problems.append(listed.problem(index, f"{entry.id}.file", _NAMING_RULE_MESSAGE, "file"))
        if number:
            if entry.file not in releases:
                try:
                    releases[entry.file] = {r.number: r for r in parse_bulletin(text)} if is_bulletin(text) else {}
                except BulletinError as err:
                    problems.append(Problem(display_path(path, base), None, "", f"bulletin: {err}"))
                    releases[entry.file] = {}
            release = releases[entry.file].get(int(number)) if number.isdigit() else None
            if release is None:
                problems.append(listed.problem(index, f"{entry.id}.id", f"{entry.file} has no release #{number}", "id"))
                continue
            if release.headline != entry.headline:
                problems.append(
                    listed.problem(index, f"{entry.id}.headline", f"the release's headline is {release.headline!r}", "headline")
                )
            if release.date != entry.published:
                problems.append(listed.problem(index, f"{entry.id}.published", f"the release's date line says {release.date}", "published"))
            text = f"{release.headline}\n{release.body}"
        rows.append({**entry.model_dump(), "text": text})
    problems.extend(_unlisted(seeds_dir, {entry.id for entry in listed}, releases, base))
    columns = [*SourceEntry.model_fields, "text"]
    # plain Python strings (object), not pandas' Arrow-backed text: copying every document's text into
    # Arrow took a sixth of loading the sources, and the texts are only ever looked up one at a time
    return pd.DataFrame(rows, columns=columns, dtype=object).drop_duplicates("id").set_index("id")


_NAMING_RULE_MESSAGE = (
    "a seed file is named NNN_ and 16 lowercase hex digits .txt (the next number; for a new file the start of its "
    "text's SHA-256): see the README"
)


def _unlisted(seeds_dir: Path, ids: set[str], releases: dict[str, dict[int, Any]], base: Path) -> list[Problem]:
    """Files in the seeds folder that no entry lists (and releases of listed bulletins that none does), and
    file names that break the naming rule."""
    problems = []
    listed_files = {source_id.partition("#")[0] for source_id in ids}
    for path in sorted(seeds_dir.iterdir()) if seeds_dir.is_dir() else []:
        if path.name == paths.SOURCES_FILE or path.name.startswith(".") or not path.is_file():
            continue
        display = shown(display_path(path, base))  # a file name from the folder prints on one line, as it is
        if path.name not in listed_files:
            problems.append(Problem(display, None, "", f"no entry of {paths.SOURCES_FILE} lists this file: register it or remove it"))
        elif not SEED_FILE_NAME.match(path.name):
            continue  # reported at its entry
        for number in releases.get(path.name, {}):
            if f"{path.name}#{number}" not in ids:
                problems.append(Problem(display, None, "", f"release #{number} of this bulletin is not listed in {paths.SOURCES_FILE}"))
    return problems
