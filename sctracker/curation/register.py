"""Registering a source: a new article's text checked, copied into ``seeds/`` under the naming rule, and
its ``sources.yaml`` entry appended with its provenance.

Provenance is what the curator gives, else what the text shows: the headline is the first line; the
outlet the agency a dateline or credit line names ("(Yonhap)", "SOURCE:Reuters"); the publication date a
page's date field ("date 2025-08-02", "Registration date2024-05-16"), a date line at the top ("December 28,
2023", "2. Sep 2024"), or a dateline's day with the year from the URL; failing those, the latest full date
the text prints (marked inferred, and said to be a reading). Bad input changes nothing and says why: an
empty, binary or non-UTF-8 file, a URL or text already registered (naming the source), a date that cannot
be read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import yaml

from sctracker import paths
from sctracker.curation import dates as dating
from sctracker.records import store
from sctracker.records.model import SourceEntry
from sctracker.records.sources import is_bulletin, normalize_space, parse_bulletin, seed_file_name, short_citation, source_texts

#: Largest article accepted: a news page or press release is a few tens of kilobytes.
_FIELD_DATE = re.compile(r"(?:\bdate\s?|Registration date\s?)(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b")
_URL_DATE = re.compile(r"(?<!\d)(?P<y>20\d\d)[/-]?(?P<m>0[1-9]|1[0-2])[/-]?(?P<d>0[1-9]|[12]\d|3[01])")
_CREDIT = re.compile(r"^\s*SOURCE\s*:\s*(?P<outlet>[A-Z][\w .&-]{1,40})\s*$", re.MULTILINE)


class RegistrationError(ValueError):
    """The article cannot be registered; the message says why and what to do. Nothing was written."""


@dataclasses.dataclass(frozen=True)
class Provenance:
    """Where a source comes from: the fields of its ``sources.yaml`` entry and those the record contract
    does not hold yet (written as comments beside the entry until it does)."""

    url: str
    retrieved: dt.date
    headline: str
    outlet: str
    published: dt.date
    published_precision: str
    published_basis: str  # date_line, page_header, dateline, inferred
    published_note: str


def decode_article(data: bytes) -> str:
    """The text of an uploaded or read file (through the write path's one reader of uploads,
    ``records.store.read_upload``), or a ``RegistrationError`` for an empty, binary, oversized or non-UTF-8 one."""
    try:
        return store.read_upload(data, "the file")
    except store.WriteRefused as err:
        raise RegistrationError(f"{err}: paste or upload the article's text, saved as plain UTF-8") from None


def parse_given_date(text: str) -> dt.date:
    """A date the curator gives, written YYYY-MM-DD, or a ``RegistrationError`` that says so."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise RegistrationError(f"cannot read the date {text!r}: write it YYYY-MM-DD") from None


def find_provenance(text: str, url: str, *, published: dt.date | None = None, headline: str | None = None,
                    outlet: str | None = None, retrieved: dt.date | None = None) -> Provenance:  # fmt: skip
    """The provenance of an article: what is given, else what its text (or its URL) shows."""
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    headline = (headline or "").strip() or first_line[:300] or "[untitled]"
    outlet = (outlet or "").strip() or _outlet_in(text)
    day, precision, basis, note = _published_in(text, url) if published is None else _given(text, published)
    return Provenance(url.strip(), retrieved or dt.date.today(), headline, outlet, day, precision, basis, note)


def _given(text: str, published: dt.date) -> tuple[dt.date, str, str, str]:
    printed = (
        published.isoformat(),
        f"{published:%B} {published.day}, {published.year}",
        f"{published.day} {published:%B} {published.year}",
    )
    if any(p in text for p in printed):
        return published, "day", "page_header", f"Given by the curator; the text prints it ('{next(p for p in printed if p in text)}')."
    return published, "day", "inferred", "Given by the curator at registration; the text does not print it."


def _outlet_in(text: str) -> str:
    dateline = dating.find_dateline(text)
    if dateline and dateline.group("agency"):
        agency = dateline.group("agency").strip()
        return f"{agency} (credited in the dateline '({agency})')"
    credit = _CREDIT.search(text)
    if credit:
        return f"{credit.group('outlet').strip()} (credited as 'SOURCE:{credit.group('outlet').strip()}')"
    return "unknown"


def _published_in(text: str, url: str) -> tuple[dt.date, str, str, str]:
    field = _FIELD_DATE.search(text, 0, 3000)
    if field:
        return dt.date.fromisoformat(field.group("iso")), "day", "date_line", f"The page's date field '{field.group().strip()}'."
    header = _header_date(text)
    if header:
        return header[0], "day", "page_header", f"The date line '{header[1]}' at the top of the page."
    from_url = _url_date(url)
    dateline = dating.find_dateline(text)
    if dateline and from_url:
        day = dating.dateline_day(dateline, from_url)
        return day, "day", "dateline", f"The dateline '{' '.join(dateline.group().split())}', the year from the URL ({from_url})."
    if from_url:
        return from_url, "day", "inferred", f"Not printed in the text: the date in the URL ({from_url})."
    latest = _latest_full_date(text)
    if latest:
        return (
            latest[0],
            "day",
            "inferred",
            f"No publication date printed: the latest full date in the text ('{latest[1]}'), a reading to check.",
        )
    raise RegistrationError("no publication date found in the text or the URL: give it (--published YYYY-MM-DD)")


def _header_date(text: str) -> tuple[dt.date, str] | None:
    """A line near the top that is only a date (and perhaps a weekday or a time): read as English first, then
    by dateparser in any language it knows ("Thứ Sáu, Tháng Sáu 2, 2023"), which is slow to load and so asked last."""
    reference = dating.Reference(dt.date.today(), "today")
    lines = [line.strip() for line in text.splitlines() if line.strip()][:15]
    short = [line for line in lines if len(line) <= 60]
    for line in short:
        for finding in dating.find_dates(line, reference):
            if not finding.inferred and finding.precision == "day" and len(finding.phrase) >= len(line) * 0.25:
                return finding.start, line
    dated = [line for line in short if re.search(r"\b(?:19|20)\d\d\b", line) and len(re.findall(r"[^\W\d_]+", line)) <= 6]
    if dated:
        import dateparser  # only here: loading its languages takes seconds

        for line in dated:
            found = dateparser.parse(line, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
            if found is not None:
                return found.date(), line
    return None


def _url_date(url: str) -> dt.date | None:
    for match in _URL_DATE.finditer(url):
        try:
            return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
    return None


def _latest_full_date(text: str) -> tuple[dt.date, str] | None:
    reference = dating.Reference(dt.date.today(), "today")
    printed = [f for f in dating.find_dates(text, reference) if not f.inferred and f.precision == "day"]
    return (max(printed, key=lambda f: f.start).start, max(printed, key=lambda f: f.start).phrase) if printed else None


def check_new(text: str, url: str, seeds_dir: Path) -> None:
    """Raise ``RegistrationError`` when the URL or the text is already registered, naming the source."""
    sources_file = seeds_dir / paths.SOURCES_FILE
    listing = sources_file.read_text(encoding="utf-8") if sources_file.exists() else ""
    if url.strip() and url.strip() in listing:
        owner = _entry_holding(listing, url.strip())
        raise RegistrationError(f"the URL {url.strip()} is already registered ({owner})")
    wanted = normalize_space(text)
    for source_id, known in source_texts(seeds_dir).items() if seeds_dir.is_dir() else ():
        if normalize_space(known) == wanted or (is_bulletin(text) and wanted.startswith(normalize_space(known))):
            raise RegistrationError(f"this text is already registered as {source_id}")
    for path in sorted(seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else ():
        if normalize_space(path.read_text(encoding="utf-8", errors="replace")) == wanted:
            raise RegistrationError(f"this text is already registered as {path.name}")


def _entry_holding(listing: str, needle: str) -> str:
    """The id of the ``sources.yaml`` entry whose lines hold ``needle`` (its comments included)."""
    owner = "an entry of sources.yaml"
    for line in listing.splitlines():
        found = re.match(r"-\s+id:\s*\"?([^\"]+)\"?", line.strip())
        if found:
            owner = found.group(1)
        if needle in line:
            return owner
    return owner


def register(text: str, provenance: Provenance, seeds_dir: Path) -> list[SourceEntry]:
    """Copy ``text`` into ``seeds_dir`` and append its entry (or, for a bulletin, one entry a release).

    Returns:
        The new source entries. Raises ``RegistrationError`` (having written nothing) when the text or URL
        is already registered or a bulletin cannot be read.
    """
    check_new(text, provenance.url, seeds_dir)
    seeds_dir.mkdir(parents=True, exist_ok=True)
    file_name = seed_file_name(sorted(p.name for p in seeds_dir.glob("*.txt")), text)
    entries = _entries(file_name, text, provenance)
    sources_file = seeds_dir / paths.SOURCES_FILE
    listing = sources_file.read_text(encoding="utf-8") if sources_file.exists() else ""
    block = ("" if not listing or listing.endswith("\n") else "\n") + "".join(_entry_yaml(entry, provenance) for entry in entries)
    store.write_file(seeds_dir, file_name, text)
    try:
        if listing:
            store.append_file(seeds_dir, paths.SOURCES_FILE, block)
        else:
            store.write_file(seeds_dir, paths.SOURCES_FILE, block)
    except (OSError, store.WriteRefused):
        store.remove_file(seeds_dir, file_name, confirm=True)  # nothing half done: the new document goes again
        raise
    return entries


def _entries(file_name: str, text: str, provenance: Provenance) -> list[SourceEntry]:
    # the drafter reads English articles; the curator corrects ``language`` for another
    given = {"url": provenance.url, "retrieved": provenance.retrieved, "language": "en"}
    if not is_bulletin(text):
        fields = dataclasses.asdict(provenance)
        known = {name: fields[name] for name in SourceEntry.model_fields if name in fields}
        attribution = short_citation(provenance.outlet, provenance.headline, provenance.published, provenance.published_precision)
        return [SourceEntry(id=file_name, file=file_name, **{**known, **given, "attribution": attribution})]
    try:
        releases = parse_bulletin(text)
    except ValueError as err:
        raise RegistrationError(f"the text starts like a bulletin but cannot be read as one: {err}") from None
    return [
        SourceEntry(
            id=f"{file_name}#{r.number}",
            file=file_name,
            headline=r.headline,
            outlet=provenance.outlet,
            published=r.date,
            published_precision="day",
            published_basis="date_line",
            published_note=f"Release date line 'date{r.date}'.",
            attribution=short_citation(provenance.outlet, r.headline, r.date, "day"),
            **given,
        )
        for r in releases
    ]


def _entry_yaml(entry: SourceEntry, provenance: Provenance) -> str:
    """One entry as YAML; provenance the source model does not hold yet follows it as comments."""
    text = yaml.safe_dump([entry.model_dump()], allow_unicode=True, sort_keys=False, width=1000)
    missing = {"url": provenance.url, "retrieved": provenance.retrieved.isoformat()}
    extra = "".join(f"  # {name}: {value}\n" for name, value in missing.items() if name not in SourceEntry.model_fields and value)
    return text + extra
