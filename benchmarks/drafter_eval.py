"""How well the drafter drafts real articles: ``python -m benchmarks.drafter_eval [--texts DIR]``.

The articles' texts are other people's and never enter the repository: they are read from a local folder
(``--texts``); ``benchmarks/drafter_eval/expected.yaml`` holds their URLs and the events we expect, written
by hand. Each article is drafted as ``python -m sctracker draft`` would draft it (its publication date found
in its text or URL, not given), written nowhere, and compared with the expected events:

- events drafted with the right partners and a date in range: an expected event is found when a draft,
  not already matched to another, has exactly its partners and a start date within its bounds (main events,
  and all events);
- sector recall: the expected sectors of the found events that their drafts propose;
- quotes verbatim: the drafts' quotes that are in the article's text as printed;
- seconds per article: reading and drafting, the first article (cold: libraries and tables loading) apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import pandas as pd
import yaml

from sctracker import paths
from sctracker.curation.drafts import Draft
from sctracker.curation.partners import groups_of, initials
from sctracker.curation.register import RegistrationError, find_provenance
from sctracker.curation.workbench import draft_source, vocabularies
from sctracker.records.sources import quote_in

EXPECTED = Path(__file__).with_name("drafter_eval") / "expected.yaml"
DEFAULT_TEXTS = Path("/work/articles/texts")


def group_codes(vocab) -> dict[str, str]:
    """A group's names, aliases and initials -> its code in the vocabulary."""
    out = {}
    for group in groups_of(vocab.partners):
        for spelling in (group.name, group.code, initials(group.name), *group.aliases):
            if spelling:
                out.setdefault(spelling, group.code)
    return out


def expected_partners(names: list[str], codes: dict[str, str]) -> set[str]:
    return {codes.get(name, name) for name in names}


def in_range(draft: Draft, event: dict) -> bool:
    start = dt.date.fromisoformat(draft.data["date"])
    low, high = event.get("date_from"), event.get("date_to")
    return (low is None or low <= start) and (high is None or start <= high)


def match(events: list[dict], drafts: list[Draft], codes: dict[str, str]) -> dict[int, Draft]:
    """Expected event index -> the draft found for it: one draft an event, the same type preferred."""
    found: dict[int, Draft] = {}
    used: set[int] = set()
    order = sorted(range(len(events)), key=lambda i: not events[i].get("main"))  # main events choose first
    for index in order:
        event = events[index]
        wanted = expected_partners(event["partners"], codes)
        fits = [d for d in drafts if id(d) not in used and set(d.data["partners"]) == wanted and in_range(d, event)]
        fits.sort(key=lambda d: d.data["event_type"] != event["event_type"])
        if fits:
            found[index] = fits[0]
            used.add(id(fits[0]))
    return found


def add_groups(vocab, groups_file: Path) -> None:
    """Add groups from a file (code, name, aliases, members; the shape of a research list of groups) to the
    vocabulary in memory, to measure the drafter with groups the project's partners.yaml does not hold yet.
    An alias the file marks ambiguous (its ``ambiguous`` notes start with it) is left out."""
    data = yaml.safe_load(groups_file.read_text(encoding="utf-8"))
    rows = []
    for group in data["groups"] if isinstance(data, dict) else data:
        ambiguous = {note.split(" ", 1)[0].strip("'\"") for note in group.get("ambiguous", [])}
        members = [m["code"] if isinstance(m, dict) else m for m in group.get("members", [])]
        aliases = [a for a in group.get("aliases", []) if a not in ambiguous]
        rows.append({"code": group["code"], "name": group["name"], "kind": "group", "region": group.get("region", "World"),
                     "members": [m for m in members if m != "KOR"], "aliases": aliases})  # fmt: skip
    table = vocab.partners.copy()
    if "aliases" not in table.columns:
        table["aliases"] = [[] for _ in range(len(table))]
    extra = pd.DataFrame(rows).set_index("code")
    vocab.partners = pd.concat([table.drop(index=[c for c in extra.index if c in table.index]), extra])


def evaluate(texts: Path, expected_file: Path = EXPECTED, curated: Path | None = None, out=sys.stdout, groups: Path | None = None) -> dict:
    vocab = vocabularies(curated or paths.curated_dir())
    if groups is not None:
        add_groups(vocab, groups)
    codes = group_codes(vocab)
    articles = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    totals = {
        "main": 0,
        "main_found": 0,
        "all": 0,
        "all_found": 0,
        "sectors": 0,
        "sectors_found": 0,
        "quotes": 0,
        "quotes_verbatim": 0,
        "drafts": 0,
    }
    seconds: list[float] = []
    published_right = 0
    for article in articles:
        text = (texts / article["file"]).read_text(encoding="utf-8")
        started = time.perf_counter()
        try:
            provenance = find_provenance(text, article["url"])
        except RegistrationError:  # the curator gives the date, as `draft --published` asks
            provenance = find_provenance(text, article["url"], published=article["published"])
            published_right -= 1
        drafts = draft_source(text, article["file"], provenance.published, vocab, set())
        seconds.append(time.perf_counter() - started)
        published_right += article["published"] is None or provenance.published == article["published"]
        events = article["events"]
        found = match(events, drafts, codes)
        totals["drafts"] += len(drafts)
        quotes = [ref["quote"] for d in drafts for ref in d.data["sources"]]
        totals["quotes"] += len(quotes)
        totals["quotes_verbatim"] += sum(quote_in(q, text) for q in quotes)
        for index, event in enumerate(events):
            totals["all"] += 1
            totals["all_found"] += index in found
            if event.get("main"):
                totals["main"] += 1
                totals["main_found"] += index in found
            if index in found:
                totals["sectors"] += len(event["sectors"])
                totals["sectors_found"] += len(set(event["sectors"]) & set(found[index].data["sectors"]))
        misses = [events[i] for i in range(len(events)) if events[i].get("main") and i not in found]
        print(f"{article['file']}: {len(drafts)} drafts, published {provenance.published} ({provenance.published_basis})"
              f"{'' if article['published'] in (None, provenance.published) else ' (expected ' + str(article['published']) + ')'}", file=out)  # fmt: skip
        for event in misses:
            wanted = sorted(expected_partners(event["partners"], codes))
            near = [d for d in drafts if in_range(d, event)] or drafts
            closest = ", ".join(f"{d.data['event_type']} {d.data['date']} {d.data['partners']}" for d in near[:3])
            print(f"  missed main: {event['title']} ({event['date_from']}..{event['date_to']}, {wanted}); drafts near: {closest}", file=out)
    result = {
        "articles": len(articles),
        "main_events_found": totals["main_found"] / totals["main"],
        "all_events_found": totals["all_found"] / totals["all"],
        "sector_recall": totals["sectors_found"] / totals["sectors"] if totals["sectors"] else 0.0,
        "quotes_verbatim": totals["quotes_verbatim"] / totals["quotes"] if totals["quotes"] else 1.0,
        "seconds_first_article": seconds[0],
        "seconds_per_article": sum(seconds[1:]) / max(1, len(seconds) - 1),
        "seconds_max": max(seconds[1:] or seconds),
        "published_found": published_right / len(articles),
        "counts": totals,
    }
    print(
        f"\nmain events with the right partners and a date in range: {totals['main_found']}/{totals['main']} ({result['main_events_found']:.0%})\n"
        f"all events: {totals['all_found']}/{totals['all']} ({result['all_events_found']:.0%}), from {totals['drafts']} drafts\n"
        f"sector recall on the events found: {totals['sectors_found']}/{totals['sectors']} ({result['sector_recall']:.2f})\n"
        f"quotes verbatim: {totals['quotes_verbatim']}/{totals['quotes']} ({result['quotes_verbatim']:.0%})\n"
        f"publication date as the page shows it: {published_right}/{len(articles)}\n"
        f"seconds per article: {result['seconds_per_article']:.3f} (max {result['seconds_max']:.3f}; the first, cold: {seconds[0]:.2f})",
        file=out,
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.drafter_eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help=f"folder of the articles' texts (default {DEFAULT_TEXTS})")
    parser.add_argument("--expected", type=Path, default=EXPECTED, help="expected events (default: the committed set)")
    parser.add_argument("--curated", type=Path, default=None, help="curated folder whose vocabularies to use (default: the project's)")
    parser.add_argument(
        "--groups", type=Path, default=None, help="add the groups of this YAML file to the vocabulary (code, name, aliases, members)"
    )
    args = parser.parse_args(argv)
    if not args.texts.is_dir():
        print(f"{args.texts} is not a folder of article texts (give --texts DIR)", file=sys.stderr)
        return 2
    evaluate(args.texts, args.expected, args.curated, groups=args.groups)
    return 0


if __name__ == "__main__":
    sys.exit(main())
