"""A synthetic corpus of any size, for the benchmark: valid records and the source documents they quote.

``python -m benchmarks.synth --events N --out DIR`` writes ``DIR/curated`` (the project's vocabularies and
N event records) and ``DIR/seeds`` (bulletins of ten press releases and single articles, and their
``sources.yaml``) in the same formats as the real data. Every quote is copied from its synthetic source,
so the corpus loads with no problem. The same seed gives the same files, byte for byte.

The spreads mimic a curated corpus that grows over years: more events in recent years, a few partners
and the headline sectors far more frequent than the rest, most events dated to the day, some to the
month or year, a few spanning several days, some linked to an earlier record.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import random
import shutil
from pathlib import Path

import pycountry
import yaml

from sctracker import paths
from sctracker.records.countries import country
from sctracker.records.vocabularies import load_vocabularies
from sctracker.records.yaml_reader import quick_read

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

FIRST_YEAR, LAST_YEAR = 2004, 2026
RELEASES_PER_BULLETIN = 10
#: Share of sources that are releases of a bulletin (the rest are single articles).
BULLETIN_SHARE = 0.7
#: Share of events that also appear in a second, later source.
SECOND_SOURCE_SHARE = 0.15
#: Share of events linked to an earlier record in ``related``.
RELATED_SHARE = 0.05

_EVENT_TYPE_WEIGHTS = {
    "meeting": 30, "forum": 14, "dialogue": 12, "agreement": 12, "committee": 8, "negotiation_round": 6,
    "summit": 4, "trade_measure": 6, "statement": 5, "initiative": 3,
}  # fmt: skip
#: Where a meeting in Korea is held; a partner's own city comes from the vocabulary (a country's capital, a
#: group's anchor).
_KOREAN_CITIES = ["Seoul", "Sejong", "Busan", "Incheon"]
_ORGANIZATION_WORDS = {"company": "Industries", "agency": "Trade Agency", "ministry": "Ministry of Industry"}
_CURRENCIES = ["USD", "EUR", "KRW", "JPY"]
_GIVEN = ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Anna", "Pierre", "Marco", "Emily", "Aigerim", "Jan", "Luis"]
_FAMILY = ["Kim", "Lee", "Park", "Choi", "Jung", "Smith", "Dubois", "Rossi", "Novak", "Petrovic", "Nurlanova", "Garcia"]
_ROLES = ["Minister", "Deputy Minister", "Director-General", "Ambassador", "Vice Minister", "Trade Representative"]
_TOPICS = [
    "supply chain resilience", "joint research", "investment facilitation", "export controls", "customs cooperation",
    "technical standards", "workforce training", "pilot projects", "market access", "regulatory dialogue",
]  # fmt: skip
_CATEGORIES = ["FTA/Economic Cooperation", "Industry", "Trade Policy", "Resources and Energy"]
_ARTICLE_OUTLETS = ["Yonhap News Agency", "The Korea Herald", "Reuters", "Bloomberg", "unknown"]


@dataclasses.dataclass(frozen=True)
class Corpus:
    """Where a synthetic corpus was written and what it holds."""

    curated: Path
    seeds: Path
    events: int
    sources: int


def _zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def _date_words(day: dt.date) -> str:
    return f"{calendar.day_name[day.weekday()]}, {calendar.month_name[day.month]} {day.day}, {day.year}"


class _Generator:
    """Draws events and writes the sentences their sources hold; one random stream, so one seed, one corpus."""

    def __init__(self, rng: random.Random, vocab_dir: Path):
        self.rng = rng
        problems: list = []
        self.vocab = load_vocabularies(vocab_dir, problems)
        if problems:
            raise ValueError(f"the vocabularies in {vocab_dir} have problems: {problems[0]}")
        codes = list(self.vocab.partners.index)  # every group and every country
        self.partner_codes = rng.sample(codes, len(codes))  # which partners are frequent is part of the seed
        self.partner_weights = _zipf_weights(len(codes))
        sectors = quick_read(vocab_dir / paths.SECTORS_FILE)
        self.sectors = {entry["id"]: entry["label"] for entry in sectors}
        headline = [entry["id"] for entry in sectors if entry.get("headline")]
        others = rng.sample([entry["id"] for entry in sectors if not entry.get("headline")], len(sectors) - len(headline))
        self.sector_ids = headline + others  # the headline sectors stay the most frequent
        self.sector_weights = _zipf_weights(len(self.sector_ids), 0.9)
        types = {entry["id"]: entry["label"] for entry in quick_read(vocab_dir / paths.EVENT_TYPES_FILE)}
        self.event_types = types
        self.type_ids = list(types)
        self.type_weights = [_EVENT_TYPE_WEIGHTS.get(name, 3) for name in self.type_ids]
        self.year_weights = [1.18 ** (year - FIRST_YEAR) for year in range(FIRST_YEAR, LAST_YEAR + 1)]

    def _count(self, weights: list[float]) -> int:
        return self.rng.choices(range(len(weights)), weights)[0]

    def _distinct(self, pool: list[str], weights: list[float], count: int) -> list[str]:
        chosen: list[str] = []
        while len(chosen) < count:
            pick = self.rng.choices(pool, weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        return chosen

    def _date(self) -> tuple[dt.date, str, dt.date | None]:
        year = self.rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), self.year_weights)[0]
        precision = self.rng.choices(["day", "month", "year", "on_or_before"], [80, 12, 4, 4])[0]
        if precision == "year":
            return dt.date(year, 1, 1), precision, None
        month = self.rng.randint(1, 12)
        if precision == "month":
            return dt.date(year, month, 1), precision, None
        start = dt.date(year, month, self.rng.randint(1, calendar.monthrange(year, month)[1]))
        end = start + dt.timedelta(days=self.rng.randint(1, 3)) if precision == "day" and self.rng.random() < 0.1 else None
        return start, precision, end

    def _states(self, code: str) -> list[str]:
        """A country's ISO 3166-2 subdivisions (none for a group)."""
        found = country(code) if self.vocab.partner_kind(code) == "country" else None
        return sorted(entry.code for entry in pycountry.subdivisions.get(country_code=found.alpha_2) or ()) if found else []

    def _seat(self, code: str) -> tuple[str, str | None]:
        """Where a meeting at a partner's is held: a group's anchor, a country's (or a state's country's) capital."""
        code = self.vocab.partner_country(code) or code
        if self.vocab.partner_kind(code) == "group":
            return self.vocab.partners.at[code, "anchor_country"], self.vocab.partners.at[code, "anchor_city"]
        return code, country(code).capital

    def event(self, number: int, today: dt.date) -> tuple[dict, list[str]]:
        """One record's fields (its ``sources`` still empty), and the sentences a source will say about it."""
        rng = self.rng
        start, precision, end = self._date()
        partners = self._distinct(self.partner_codes, self.partner_weights, 1 + self._count([80, 15, 5]))
        states = self._states(partners[0])
        if states and rng.random() < 0.05:  # a state or province as the partner (AU-WA), counted for its country
            partners[0] = rng.choice(states)
        sectors = self._distinct(self.sector_ids, self.sector_weights, self._count([4, 45, 30, 15, 6]))
        event_type = rng.choices(self.type_ids, self.type_weights)[0]
        if start > today:
            status = rng.choice(["planned", "announced"])
        elif event_type in ("agreement", "trade_measure"):
            status = rng.choice(["signed", "in_force", "announced"])
        else:
            status = "held"
        names = [self.vocab.partner_name(code) for code in partners]
        type_label = self.event_types[event_type]
        sector_words = " and ".join(self.sectors[s] for s in sectors[:2]) or "economic"
        title = f"Korea–{'–'.join(names)} {sector_words} {type_label.lower()} no. {number}"
        slug = "-".join([*(code.lower() for code in partners), event_type.replace("_", "-"), str(number)])
        host, city = ("KOR", rng.choice(_KOREAN_CITIES)) if rng.random() < 0.5 else self._seat(partners[0])
        location = {"city": city, "country": host, "venue": None} if rng.random() < 0.7 else None
        participants = [
            {
                "name": f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}",
                "side": side,
                "role": rng.choice(_ROLES),
                "organization": None,
            }
            for side in (["KOR", partners[0]][: self._count([30, 30, 40])])
        ]
        if rng.random() < 0.3:
            kind = rng.choice(["company", "agency", "ministry"])
            participants.append(
                {"name": f"{rng.choice(_FAMILY)} {_ORGANIZATION_WORDS[kind]}", "kind": kind, "side": partners[0], "role": None}
            )
        figures = []
        if rng.random() < 0.2:
            figures.append({"label": "participants", "value": float(rng.randint(10, 300)), "qualifier": "about", "unit": "people"})
        if event_type in ("agreement", "trade_measure") and rng.random() < 0.3:
            figures.append(
                {"label": "value", "value": rng.randint(1, 900) * 10_000_000, "qualifier": None, "currency": rng.choice(_CURRENCIES)}
            )
        milestones = []
        if status == "in_force" and precision == "day":
            in_force = start + dt.timedelta(days=rng.randint(30, 400))
            milestones = [
                {"stage": "signed", "date": start.isoformat(), "date_precision": "day"},
                {"stage": "in_force", "date": in_force.isoformat(), "date_precision": "day"},
            ]
        inferred = rng.random() < 0.1
        topic, *agenda = rng.sample(_TOPICS, 4)
        when = {
            "day": f"on {_date_words(start)}",
            "on_or_before": f"by {_date_words(start)}",
            "month": f"in {calendar.month_name[start.month]} {start.year}",
            "year": f"in {start.year}",
        }[precision]
        place = f" in {location['city']}" if location and location["city"] else ""
        sentences = [
            f"Korea and {', '.join(names)} {'will hold' if status in ('planned', 'announced') else 'held'} the {title} {when}{place}.",
            f"The two sides discussed {topic} in {sector_words.lower()} (record {number}), and agreed to work together on "
            f"{agenda[0]}, {agenda[1]} and {agenda[2]}, with a joint working group to report back within a year.",
            f"The {type_label.lower()} builds on earlier talks on {agenda[1]} and is part of Korea's effort to diversify "
            f"its supply chains for {sector_words.lower()} amid shifting global trade conditions.",
        ]
        if participants:
            person = participants[0]
            sentences.append(f"{person['role']} {person['name']} said the {type_label.lower()} no. {number} would deepen {topic}.")
        return {
            "id": f"{start.isoformat()}-{slug}",
            "title": title,
            "event_type": event_type,
            "status": status,
            "date": start.isoformat(),
            "end_date": end.isoformat() if end else None,
            "date_precision": precision,
            "date_inferred": inferred,
            "date_note": (
                "The source gives the weekday only; the year is taken from the release date line."
                if inferred
                else ("Not dated in the source: reported as done by the release of this date." if precision == "on_or_before" else "")
            ),
            "partners": partners,
            "sectors": sectors,
            "location": location,
            "participants": participants,
            "summary": (
                f"Korea and {', '.join(names)} met on {topic} in {sector_words.lower()}. They agreed to cooperate on "
                f"{agenda[0]} and {agenda[1]}, and to set up a joint working group on {agenda[2]} that reports within a year."
            ),
            "figures": figures,
            "milestones": milestones,
            "sources": [],
            "related": [],
            "curation_note": (
                f"Sector {sectors[0]} stands for the talks on {topic}; the place is read from the release, "
                "which names the city but not the venue."
                if sectors and rng.random() < 0.4
                else ""
            ),
        }, sentences


#: The file that marks a folder as written by ``generate``, which may then replace what it holds.
MARKER = ".sctracker-synthetic"


def generate(out: Path, events: int, seed: int = 0, vocab_dir: Path | None = None) -> Corpus:
    """Write a synthetic corpus of ``events`` records and their sources under ``out``.

    Args:
        out: the folder to write ``curated/`` and ``seeds/`` into. A corpus written there before is
            replaced; any other ``curated/`` or ``seeds/`` there is left alone (FileExistsError).
        events: how many event records to write.
        seed: the random seed; the same seed and count give the same files.
        vocab_dir: where to copy the vocabularies from (default: the project's curated folder).

    Returns:
        Where the corpus is and how many events and sources it holds.
    """
    out = Path(out)
    vocab_dir = vocab_dir or paths.PROJECT_ROOT / "curated"
    curated, seeds = out / "curated", out / "seeds"
    if (curated.exists() or seeds.exists()) and not (out / MARKER).exists():
        raise FileExistsError(f"{out} already holds curated/ or seeds/ that are not a synthetic corpus; choose an empty folder")
    for folder in (curated, seeds):
        if folder.exists():
            shutil.rmtree(folder)
    paths.events_dir(curated).mkdir(parents=True)
    seeds.mkdir(parents=True)
    (out / MARKER).write_text("written by python -m sctracker synth\n", encoding="utf-8")
    for name in (paths.PARTNERS_FILE, paths.SECTORS_FILE, paths.EVENT_TYPES_FILE):
        shutil.copyfile(vocab_dir / name, curated / name)

    rng = random.Random(seed)
    generator = _Generator(rng, vocab_dir)
    today = dt.date(2026, 3, 31)  # fixed, so that the corpus does not change with the day it is made
    drawn = sorted((generator.event(number, today) for number in range(1, events + 1)), key=lambda pair: (pair[0]["date"], pair[0]["id"]))
    records = [record for record, _ in drawn]

    # A document tells of one to three consecutive records; some records are told again in the next document.
    documents: list[list[tuple[dict, list[str]]]] = []
    index = 0
    while index < len(drawn):
        size = rng.choice([1, 1, 2, 2, 3])
        documents.append(list(drawn[index : index + size]))
        index += size
    for number, document in enumerate(documents[:-1]):
        for record, sentences in list(document):
            if rng.random() < SECOND_SOURCE_SHARE:
                documents[number + 1].append((record, [f"As reported earlier, {sentences[0]}"]))

    # Pack the documents into bulletins of ten releases and single articles; every record quotes what its documents say.
    listed = []
    cursor = file_number = 0
    while cursor < len(documents):
        file_name = f"{file_number:03d}_{rng.getrandbits(64):016x}.txt"  # the naming rule of seeds/ (records.sources)
        file_number += 1
        if rng.random() < BULLETIN_SHARE:
            batch = documents[cursor : cursor + RELEASES_PER_BULLETIN]
            cursor += len(batch)
            blocks = []
            for release, document in enumerate(batch, start=1):
                published = max(record["date"] for record, _ in document)
                headline = f"{document[0][0]['title']}: press release"
                body = " ".join(_with_filler(rng, [sentence for _, said in document for sentence in said]))
                blocks.append(f"-\n{rng.choice(_CATEGORIES)}\n{headline}\n{body} date{published}")
                listed.append(
                    _source_entry(
                        f"{file_name}#{release}",
                        file_name,
                        headline,
                        "unknown",
                        published,
                        "date_line",
                        f"Release date line 'date{published}'.",
                    )
                )
                _cite(document, f"{file_name}#{release}")
            (seeds / file_name).write_text("\n".join(blocks) + "\n", encoding="utf-8")
        else:
            document = documents[cursor]
            cursor += 1
            published = max(record["date"] for record, _ in document)
            paragraphs = [" ".join(_with_filler(rng, said)) for _, said in document]
            (seeds / file_name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
            listed.append(
                _source_entry(
                    file_name,
                    file_name,
                    document[0][0]["title"],
                    rng.choice(_ARTICLE_OUTLETS),
                    published,
                    "dateline",
                    "Dateline at the top of the article.",
                )
            )
            _cite(document, file_name)

    earlier: list[str] = []
    for record in records:
        if earlier and rng.random() < RELATED_SHARE:
            record["related"] = [rng.choice(earlier[-200:])]
        earlier.append(record["id"])
        text = yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
        (paths.events_dir(curated) / f"{record['id']}.yaml").write_text(
            "# yaml-language-server: $schema=../event.schema.json\n" + text, encoding="utf-8"
        )
    header = "# Synthetic sources written by `python -m sctracker synth`; every quote in the records is copied from them.\n"
    text = yaml.dump(listed, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    (seeds / paths.SOURCES_FILE).write_text(header + text, encoding="utf-8")
    return Corpus(curated=curated, seeds=seeds, events=len(records), sources=len(listed))


def _with_filler(rng: random.Random, sentences: list[str]) -> list[str]:
    """A document's sentences about its records, and up to two that no record quotes."""
    filler = [f"Officials also reviewed {rng.choice(_TOPICS)}.", "Follow-up meetings are planned."]
    return sentences + rng.sample(filler, rng.randint(0, 2))


def _source_entry(source_id: str, file_name: str, headline: str, outlet: str, published: str, basis: str, note: str) -> dict:
    """One entry of ``sources.yaml``, with a made-up address on example.org (reserved for examples)."""
    return {
        "id": source_id, "file": file_name, "url": f"https://example.org/synthetic/{source_id.replace('#', '/')}",
        "outlet": outlet, "headline": headline, "language": "en", "published": published, "published_precision": "day",
        "published_basis": basis, "published_note": note, "retrieved": published,
        "attribution": f"{outlet if outlet != 'unknown' else 'Synthetic source'}, {published} (synthetic)",
    }  # fmt: skip


def _cite(document: list[tuple[dict, list[str]]], source_id: str) -> None:
    """Make each record of ``document`` quote, from ``source_id``, every sentence the document says of it."""
    for record, said in document:
        record["sources"].extend({"source": source_id, "quote": sentence} for sentence in said)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synth", description="write a synthetic corpus (records and sources) for the benchmark"
    )
    parser.add_argument("--events", type=int, required=True, help="how many event records to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write curated/ and seeds/ into")
    parser.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same files")
    args = parser.parse_args(argv)
    corpus = generate(args.out, args.events, seed=args.seed)
    print(f"wrote {corpus.events} events to {corpus.curated} and {corpus.sources} sources to {corpus.seeds}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
