"""Figures an article states: sums of money with their ISO 4217 currency, counts and shares, each with the
qualifier as printed ("about", "more than") and where it is."""

from __future__ import annotations

import dataclasses
import re

#: Currency signs and words -> ISO 4217. A bare "$" is read as US dollars and said to be a reading.
CURRENCIES = {"US$": "USD", "USD": "USD", "$": "USD", "dollars": "USD", "won": "KRW", "KRW": "KRW", "₩": "KRW",
              "€": "EUR", "EUR": "EUR", "euros": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY", "yen": "JPY", "JPY": "JPY",
              "yuan": "CNY", "CNY": "CNY"}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fourteen": 14,
    "sixteen": 16,
    "twenty": 20,
}
_QUALIFIER = (
    r"(?:(?P<q>about|around|over|more than|less than|up to|nearly|almost|some|approximately|roughly|at least|a total of|a cumulative)\s+)?"
)
_NUMBER = r"(?P<num>\d[\d,]*(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion))?"
MONEY_BEFORE = re.compile(rf"{_QUALIFIER}(?P<cur>US\$|USD|KRW|EUR|GBP|JPY|CNY|\$|€|£|¥|₩)\s?{_NUMBER}{_SCALE}\b")
MONEY_AFTER = re.compile(rf"{_QUALIFIER}{_NUMBER}{_SCALE}\s+(?P<cur>won|dollars|euros|yen|yuan)\b")
#: A count of things: a number (or a number word) and the one to three words that say what it counts.
COUNT = re.compile(
    rf"{_QUALIFIER}(?<![\w.,$])(?P<num>\d[\d,]*(?:\.\d+)?|\b(?:{'|'.join(_NUMBER_WORDS)})\b){_SCALE}\s+"
    r"(?P<unit>percent|(?:[A-Za-z0-9][\w-]*\s+){0,2}?(?:tanks|vehicles|MOUs|memorandums(?: of understanding)?|agreements|projects|companies|firms|"
    r"experts|participants|business leaders|enterprises|partners|countries|nations|metric tons|tons|people|officials|delegates|howitzers|units))\b"
)


@dataclasses.dataclass(frozen=True)
class FigureFinding:
    label: str  # what it counts, from the words around it
    value: float  # as printed, before the scale word: 6.5 for "$6.5 billion"
    scale: str | None  # million, billion, …
    currency: str | None  # ISO 4217
    unit: str | None
    qualifier: str | None
    words: str
    span: tuple[int, int]
    reading: str = ""  # what was read rather than printed ("$" taken for US dollars)

    @property
    def amount(self) -> float:
        """The value with its scale applied: 6.5e9 for "$6.5 billion"."""
        return self.value * SCALES.get(self.scale or "", 1)


def _value(text: str) -> float:
    return float(_NUMBER_WORDS[text.lower()]) if text.lower() in _NUMBER_WORDS else float(text.replace(",", ""))


def _money_label(text: str, start: int) -> str:
    before = text[max(0, start - 60) : start].lower()
    for word, label in (("worth", "deal value"), ("deal", "deal value"), ("contract", "contract value"), ("invest", "investment"),
                        ("aid", "aid"), ("finance", "finance"), ("fund", "fund")):  # fmt: skip
        if word in before:
            return label
    return "amount"


def find_figures(text: str, skip: list[tuple[int, int]] | None = None) -> list[FigureFinding]:
    """Every sum of money and count in ``text``, in order, none overlapping another or a ``skip`` span (dates)."""
    taken = list(skip or [])
    found = []
    for pattern in (MONEY_BEFORE, MONEY_AFTER, COUNT):
        for match in pattern.finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            number = match.group("num")
            if pattern is COUNT and re.fullmatch(r"(?:19|20)\d\d", number):
                continue  # a year, not a count
            taken.append(span)
            g = match.groupdict()
            if pattern is COUNT:
                unit = " ".join(g["unit"].split())
                label = "share" if unit == "percent" else unit
                found.append(FigureFinding(label, _value(number), g.get("scale"), None, unit, g.get("q"), match.group(), span))
            else:
                currency = CURRENCIES[g["cur"]]
                reading = "a bare '$' read as US dollars" if g["cur"] == "$" else ""
                found.append(
                    FigureFinding(
                        _money_label(text, span[0]),
                        _value(number),
                        g.get("scale"),
                        currency,
                        None,
                        g.get("q"),
                        match.group(),
                        span,
                        reading,
                    )
                )
    return sorted(found, key=lambda f: f.span)
