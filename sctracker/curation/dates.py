"""Dates in an article: every date phrase found, and each resolved against the article's own date.

A phrase is resolved with what the text gives and the reference date (the dateline's day, else the
publication date): "on Monday" in a Tuesday item is the day before; "slated for Wednesday" the next one;
"May 15" takes the reference's year (the year before when the text speaks of it as past and it would fall
well after the reference); "last November" the November before; "over the weekend" the Saturday and Sunday
before. A stated weekday is checked against the date, and picks the year in which it matches, nearest the
reference (dateparser ignores it, STACK-NOTES). Each resolution says its precision, whether it was worked
out (``inferred``) and how (``note``).

Things reported as already done with no date of their own are dated "on or before" the reference
(``on_or_before``), never a made-up day.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

_MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTH_NAMES["sept"] = 9
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DASH = r"\s*[-–]\s*"
_TO = r"\s+(?:to|through|until|till|and)\s+"

#: Words around a phrase that say the text speaks of the future.
FUTURE = re.compile(
    r"\b(?:will|would|shall|is to|are to|to be held|plans? to|planned|planning|slated|scheduled|expected to|set to|"
    r"upcoming|is due|are due|to take effect|to attend|look forward|intends? to|aims? to|next)\b",
    re.IGNORECASE,
)

PRECISIONS = ("day", "month", "year", "on_or_before")


@dataclasses.dataclass(frozen=True)
class DateFinding:
    """A resolved date: ``start`` (the first day of a month or year for those precisions; the "by" day for
    ``on_or_before``), ``end`` for a span of days, how precise, whether worked out, and how."""

    start: dt.date
    end: dt.date | None
    precision: str  # one of PRECISIONS
    inferred: bool
    note: str
    phrase: str = ""
    span: tuple[int, int] = (0, 0)  # in the text searched
    weak: bool = False  # a vague phrase ("this week", "this year"): used only when nothing better is near
    doubt: str = ""  # what a curator must check (a weekday that does not match, …)

    def contains(self, day: dt.date) -> bool:
        last = self.end or self.start
        if self.precision == "month":
            last = self.start.replace(day=calendar.monthrange(self.start.year, self.start.month)[1])
        elif self.precision == "year":
            last = self.start.replace(month=12, day=31)
        return self.start <= day <= last


@dataclasses.dataclass(frozen=True)
class Reference:
    """What relative phrases are resolved against: the reference day and where it comes from."""

    day: dt.date
    basis: str  # "the dateline 'SEOUL, Feb. 22 (Yonhap)'", "the publication date 2024-05-16"


def month_number(word: str) -> int:
    return _MONTH_NAMES[word.lower().rstrip(".")]


def _wd(day: dt.date) -> str:
    return calendar.day_name[day.weekday()]


def _fmt(day: dt.date) -> str:
    return f"{_wd(day)} {day.day} {calendar.month_name[day.month]} {day.year}"


_DATELINE_PLACE_AND_DAY = rf"(?P<place>[A-Z][A-Za-z .'-]{{1,40}}?),\s+(?P<mon>{_MON})\s+(?P<day>{_DAY})(?:,\s+(?P<year>{_YEAR}))?\s*"
#: A dateline at the start of a news item: "SEOUL, April 17 (Yonhap) --", "Washington, Feb. 28 (Jiji Press)--".
DATELINE = re.compile(rf"{_DATELINE_PLACE_AND_DAY}\((?P<agency>[^)]{{2,40}})\)\s*(?:--|—|–|-)")
#: A press release's dateline, with no agency: "SEOUL, March 12, 2026 —" at the start of a line, before a dash
#: (a single hyphen is too common in running text to count). Its ``agency`` group is empty.
RELEASE_DATELINE = re.compile(rf"(?m)^{_DATELINE_PLACE_AND_DAY}(?P<agency>)(?:--|—|–)")


def find_dateline(text: str) -> re.Match | None:
    """The dateline of a news item or press release, if the text has one near its start."""
    start = min(len(text), 1200)
    return DATELINE.search(text, 0, start) or RELEASE_DATELINE.search(text, 0, start)


def dateline_day(match: re.Match, published: dt.date) -> dt.date:
    """The dateline's day: its own year if printed, else the year that puts it nearest the publication date."""
    month, day = month_number(match.group("mon")), int(re.match(r"\d+", match.group("day")).group())
    if match.group("year"):
        return dt.date(int(match.group("year")), month, day)
    return min(_valid_days(month, day, published.year), key=lambda d: abs((d - published).days))


def _valid_days(month: int, day: int, year: int, around: int = 1) -> list[dt.date]:
    out = []
    for candidate in range(year - around, year + around + 1):
        try:
            out.append(dt.date(candidate, month, day))
        except ValueError:
            continue
    return out


# Patterns, longest forms first; a later pattern never takes text an earlier one matched.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "full_range",
        re.compile(
            rf"(?:from\s+)?(?:(?P<wd1>{_WD}),?\s+)?(?P<m1>{_MON})\s+(?P<d1>{_DAY}),?(?:\s+(?P<y1>{_YEAR}),?)?{_TO}"
            rf"(?:(?P<wd2>{_WD}),?\s+)?(?P<m2>{_MON})\s+(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?"
        ),
    ),
    ("day_range", re.compile(rf"(?:from\s+)?(?P<m1>{_MON})\s+(?P<d1>{_DAY})(?:{_DASH}|{_TO})(?P<d2>{_DAY})\b(?:,?\s+(?P<y1>{_YEAR}))?")),
    ("dmy_range", re.compile(rf"(?:from\s+)?(?P<d1>{_DAY})(?:{_DASH}|{_TO})(?P<d2>{_DAY})\s+(?P<m1>{_MON})(?:,?\s+(?P<y1>{_YEAR}))?")),
    ("mdy", re.compile(rf"(?:(?P<wd>{_WD}),?\s+)?(?P<m>{_MON})\s+(?P<d>{_DAY})\b(?!\s*(?:percent|%))(?:,?\s+(?P<y>{_YEAR}))?")),
    ("dmy", re.compile(rf"(?:(?P<wd>{_WD}),?\s+)?(?P<d>{_DAY})\.?\s+(?P<m>{_MON})(?:,?\s+(?P<y>{_YEAR}))?\b")),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("month_year", re.compile(rf"(?P<m>{_MON})\s+(?:of\s+)?(?P<y>{_YEAR})\b")),
    ("weekday_range", re.compile(rf"(?:from\s+)?(?P<wd1>{_WD})(?:{_DASH}|{_TO})(?P<wd2>{_WD})")),
    (
        "stay",
        re.compile(
            rf"(?P<n>two|three|four|five|six|seven|\d)-day\s+(?:stay|trip|visit|tour)\b[^.]{{0,60}}?\b(?:began|beginning|starting|from)\s+(?:on\s+)?(?P<wd>{_WD})"
        ),
    ),
    (
        "relative_month",
        re.compile(
            r"\b(?P<rel>last|next|this|early|late|in|since|from|by)\s+(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)\b"
        ),
    ),
    (
        "day_of_month",
        re.compile(
            # never an ordinal before a noun ("the 9th round")
            r"\bthe\s+(?:(?:morning|afternoon|evening|night)\s+of\s+the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?:\s+of\s+(?P<rel>this|next|last)\s+month)?"
            r"(?=\s*(?:[,.;:(]|$|and\b|at\b|in\b|to\b))"
        ),
    ),
    ("weekday", re.compile(rf"\b(?:(?P<rel>last|next|this|coming)\s+)?(?P<wd>{_WD})\b(?:['’]s)?")),
    ("weekend", re.compile(r"\b(?P<rel>over the|last|this|next|the)\s+weekend\b", re.IGNORECASE)),
    ("same_day", re.compile(r"\b(?:earlier|later)\s+(?:in\s+)?(?:the|that)\s+day\b|\btoday\b|\bthe same day\b", re.IGNORECASE)),
    ("yesterday", re.compile(r"\byesterday\b", re.IGNORECASE)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.IGNORECASE)),
    (
        "relative_period",
        re.compile(r"\b(?P<within>within\s+)?(?P<rel>this|next|last|earlier this|later this)\s+(?P<unit>week|month|year)\b", re.IGNORECASE),
    ),
    (
        "year",
        re.compile(
            rf"\b(?P<pre>in|since|of|from|by|until|through)\s+(?:(?P<part>early|late|mid-?)\s*)?(?P<y>{_YEAR})\b(?!\s*(?:percent|%))"
        ),
    ),
    ("recent", re.compile(r"\b(?:recent|recently)\b", re.IGNORECASE)),
]


def find_dates(text: str, reference: Reference, future: bool | None = None, skip: list[tuple[int, int]] | None = None) -> list[DateFinding]:
    """Every date phrase in ``text`` (a sentence), resolved against ``reference``.

    Args:
        text: the text to search.
        reference: the day relative phrases count from.
        future: whether the text speaks of the future (None: from its own words, phrase by phrase).
        skip: spans not to read (a dateline, a page's date field).

    Returns:
        The findings in text order, none overlapping another.
    """
    taken: list[tuple[int, int]] = list(skip or [])
    found: list[DateFinding] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            tense = _future_near(text, span[0]) if future is None else future
            finding = _resolve(kind, match, reference, tense)
            if finding is None:
                continue
            taken.append(span)
            found.append(dataclasses.replace(finding, phrase=match.group().strip(), span=span))
    return sorted(found, key=lambda f: f.span)


def _future_near(text: str, position: int) -> bool:
    """Whether the words of the clause before ``position`` (or the whole text) speak of the future."""
    before = text[max(0, position - 70) : position]
    if FUTURE.search(before):
        return True
    past = re.search(r"\b(?:said|held|signed|agreed|met|announced|was|were|had|began|began|took|passed|approved)\b", before)
    return not past and bool(FUTURE.search(text))


def _day_of(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _resolve(kind: str, m: re.Match, ref: Reference, future: bool) -> DateFinding | None:
    g = m.groupdict()
    try:
        if kind in ("mdy", "dmy", "iso"):
            month = int(g["m"]) if kind == "iso" else month_number(g["m"])
            return _month_day(month, _day_of(g["d"]), g.get("y"), g.get("wd"), ref, future)
        if kind == "full_range":
            first = _month_day(month_number(g["m1"]), _day_of(g["d1"]), g["y1"] or g["y2"], g["wd1"], ref, future)
            last = _month_day(month_number(g["m2"]), _day_of(g["d2"]), g["y2"], g["wd2"], ref, future, near=first.start)
            return _span(first, last)
        if kind in ("day_range", "dmy_range"):
            month = month_number(g["m1"])
            first = _month_day(month, _day_of(g["d1"]), g["y1"], None, ref, future)
            last = dataclasses.replace(first, start=first.start.replace(day=_day_of(g["d2"])))
            return _span(first, last)
        if kind == "month_year":
            start = dt.date(int(g["y"]), month_number(g["m"]), 1)
            return DateFinding(start, None, "month", False, "")
        if kind == "year":
            note = f"'{g['part']}' {g['y']}: year precision" if g.get("part") else ""
            return DateFinding(dt.date(int(g["y"]), 1, 1), None, "year", False, note)
        if kind == "relative_month":
            return _relative_month(g["rel"].lower(), month_number(g["m"]), ref, future)
        if kind == "day_of_month":
            return _day_of_month(int(g["d"]), g.get("rel"), ref, future)
        if kind in ("weekday", "weekday_range", "stay"):
            return _weekdays(kind, g, ref, future)
        if kind == "weekend":
            return _weekend(g["rel"].lower(), ref, future)
        if kind == "same_day":
            return DateFinding(ref.day, None, "day", True, f"'{m.group()}': the day of {ref.basis}")
        if kind in ("yesterday", "tomorrow"):
            day = ref.day + dt.timedelta(days=-1 if kind == "yesterday" else 1)
            return DateFinding(day, None, "day", True, f"'{kind}' counted from {ref.basis}")
        if kind == "relative_period":
            return _relative_period(g, ref)
        if kind == "recent":
            return DateFinding(ref.day, None, "on_or_before", True, f"reported as recent: on or before {ref.basis}", weak=True)
    except ValueError:  # a day that does not exist in that month
        return None
    return None


def _month_day(
    month: int, day: int, year: str | None, weekday: str | None, ref: Reference, future: bool, near: dt.date | None = None
) -> DateFinding:
    if year:
        date = dt.date(int(year), month, day)
        doubt = ""
        if weekday and _WEEKDAYS[weekday.lower()] != date.weekday():
            doubt = f"the text says {weekday} but {date} is a {_wd(date)}"
        return DateFinding(date, None, "day", False, "", doubt=doubt)
    anchor = near or ref.day
    candidates = _valid_days(month, day, anchor.year)
    if not candidates:
        raise ValueError(f"no {month}/{day}")
    if weekday:  # a weekday repeats on a date within six years: look three years either side
        matching = [d for d in _valid_days(month, day, anchor.year, 3) if d.weekday() == _WEEKDAYS[weekday.lower()]]
        if matching:
            date = min(matching, key=lambda d: abs((d - anchor).days))
            return DateFinding(
                date, None, "day", True, f"'{weekday}' with no year: {date.year}, the year in which it is a {weekday}, nearest {ref.basis}"
            )
    same_year = dt.date(anchor.year, month, day)
    date, why = same_year, f"the year of {ref.basis}"
    if near is None and not future and (same_year - anchor).days > 14:
        date, why = same_year.replace(year=anchor.year - 1), f"the year before {ref.basis}, as the text speaks of it as past"
    elif near is None and future and (anchor - same_year).days > 60:
        date, why = same_year.replace(year=anchor.year + 1), f"the year after {ref.basis}, as the text speaks of it as to come"
    elif near is not None and same_year < near:
        date, why = same_year.replace(year=anchor.year + 1), "the year after the range's first day"
    doubt = f"the text says {weekday} but {date} is a {_wd(date)}" if weekday else ""
    return DateFinding(date, None, "day", True, f"no year printed: {date.year} from {why}", doubt=doubt)


def _span(first: DateFinding, last: DateFinding) -> DateFinding:
    if last.start < first.start:
        raise ValueError("a range that ends before it starts")
    notes = "; ".join(dict.fromkeys(n for n in (first.note, last.note) if n))
    doubt = "; ".join(n for n in (first.doubt, last.doubt) if n)
    return DateFinding(first.start, last.start, "day", first.inferred or last.inferred, notes, doubt=doubt)


def _relative_month(rel: str, month: int, ref: Reference, future: bool) -> DateFinding:
    name = calendar.month_name[month]
    year = ref.day.year
    if rel == "last" or (rel not in ("next",) and not future):
        # the most recent such month: "last November" in February is the November before; "in March" said in
        # June is this March; "last" never means the reference's own month
        if month > ref.day.month or (rel == "last" and month == ref.day.month):
            year -= 1
    elif month < ref.day.month or (rel == "next" and month == ref.day.month):
        year += 1
    word = f"{rel} {name}" if rel in ("last", "next", "this") else name
    return DateFinding(dt.date(year, month, 1), None, "month", True, f"'{word}' with no year: {name} {year}, counted from {ref.basis}")


def _day_of_month(day: int, rel: str | None, ref: Reference, future: bool) -> DateFinding:
    year, month = ref.day.year, ref.day.month
    if rel == "next":
        month += 1
    elif rel == "last" or (rel is None and not future and day > ref.day.day + 3):
        month -= 1
    elif rel is None and future and day < ref.day.day - 3:
        month += 1
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    date = dt.date(year, month, day)
    which = f"of {rel} month" if rel else "with no month"
    return DateFinding(date, None, "day", True, f"day {day} {which}: {date}, month and year from {ref.basis}")


def _weekdays(kind: str, g: dict, ref: Reference, future: bool) -> DateFinding:
    rel = (g.get("rel") or "").lower()
    if kind == "stay":
        start = _weekday_from(g["wd"], ref.day, future=False, rel="")
        words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
        days = words.get(g["n"]) or int(g["n"])
        end = start + dt.timedelta(days=days - 1)
        return DateFinding(
            start, end, "day", True, f"a {days}-day stay that began {g['wd']}: {_fmt(start)} to {_fmt(end)}, counted from {ref.basis}"
        )
    if kind == "weekday_range":
        start = _weekday_from(g["wd1"], ref.day, future, "")
        end = start + dt.timedelta(days=(_WEEKDAYS[g["wd2"].lower()] - start.weekday()) % 7)
        return DateFinding(
            start, end, "day", True, f"'{g['wd1']} through {g['wd2']}': {_fmt(start)} to {_fmt(end)}, counted from {ref.basis}"
        )
    day = _weekday_from(g["wd"], ref.day, future, rel)
    direction = "after" if day > ref.day else "before" if day < ref.day else "same day as"
    what = f"the {g['wd']} {direction} {ref.basis}" if direction != "same day as" else f"{ref.basis}, itself a {g['wd']}"
    return DateFinding(day, None, "day", True, f"'{(rel + ' ') if rel else ''}{g['wd']}': {_fmt(day)}, {what}")


def _weekday_from(name: str, ref: dt.date, future: bool, rel: str) -> dt.date:
    target = _WEEKDAYS[name.lower()]
    if rel == "next" or (future and rel != "last"):
        ahead = (target - ref.weekday()) % 7
        if rel == "next" and ahead == 0:
            ahead = 7
        return ref + dt.timedelta(days=ahead)
    back = (ref.weekday() - target) % 7
    if rel == "last" and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _weekend(rel: str, ref: Reference, future: bool) -> DateFinding:
    if rel == "next" or (rel in ("this", "the") and future):
        saturday = ref.day + dt.timedelta(days=(5 - ref.day.weekday()) % 7)
    else:
        saturday = ref.day - dt.timedelta(days=(ref.day.weekday() - 5) % 7 or 7)
        if saturday + dt.timedelta(days=1) >= ref.day:  # a Sunday reference: the weekend that ends it is still "over the weekend"
            saturday = saturday if saturday < ref.day else saturday - dt.timedelta(days=7)
    sunday = saturday + dt.timedelta(days=1)
    return DateFinding(
        saturday, sunday, "day", True, f"'{rel} weekend': Saturday {saturday} or Sunday {sunday}, the weekend of {ref.basis}"
    )


def _relative_period(g: dict, ref: Reference) -> DateFinding:
    rel, unit = g["rel"].lower(), g["unit"].lower()
    step = {"last": -1, "next": 1}.get(rel, 0)
    if unit == "year":
        year = ref.day.year + step
        return DateFinding(dt.date(year, 1, 1), None, "year", True, f"'{rel} year': {year}, from {ref.basis}", weak=True)
    if unit == "month":
        month = ref.day.month + step
        year, month = ref.day.year + (month - 1) // 12, (month - 1) % 12 + 1
        return DateFinding(
            dt.date(year, month, 1), None, "month", True, f"'{rel} month': {calendar.month_name[month]} {year}, from {ref.basis}"
        )
    monday = ref.day - dt.timedelta(days=ref.day.weekday()) + dt.timedelta(days=7 * step)
    return DateFinding(
        monday,
        monday + dt.timedelta(days=6),
        "day",
        True,
        f"'{rel} week': {monday} to {monday + dt.timedelta(days=6)}, from {ref.basis}",
        weak=True,
    )


def on_or_before(ref: Reference, why: str) -> DateFinding:
    """The honest date of something reported as already done with no date of its own."""
    return DateFinding(ref.day, None, "on_or_before", True, f"{why}: on or before {ref.basis}")


def undated_plan(ref: Reference) -> DateFinding:
    """A planned event whose date the text does not give: after the reference, day unknown."""
    return DateFinding(
        ref.day,
        None,
        "day",
        True,
        f"planned with no date in the text; {ref.day} ({ref.basis}) stands in for 'after this day'",
        doubt="no date in the text: set the real date, or discard the draft",
    )
