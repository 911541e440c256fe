"""The command line: ``python -m sctracker validate | export | schema``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from sctracker import paths
from sctracker.export import events_csv
from sctracker.filters import Filters, apply_filters
from sctracker.loading import load
from sctracker.model import STATUSES, event_json_schema


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--curated", type=Path, default=None, help="curated folder (default: the project's curated/)")
    parser.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: the project's seeds/)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sctracker", description="Supply-Chain Partnership Tracker")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every record; one line a problem; exit 1 if any")
    _folders(validate)

    export = commands.add_parser("export", help="write the filtered events as the dashboard's CSV")
    _folders(export)
    export.add_argument("--out", type=Path, required=True, help="CSV file to write ('-' for standard output)")
    export.add_argument("--partner", action="append", default=[], help="partner code (repeatable)")
    export.add_argument("--sector", action="append", default=[], help="sector id (repeatable)")
    export.add_argument("--type", action="append", default=[], dest="event_type", help="event type id (repeatable)")
    export.add_argument("--status", action="append", default=[], choices=STATUSES, help="status (repeatable)")
    export.add_argument("--from", type=_date, dest="date_from", help="first day, YYYY-MM-DD")
    export.add_argument("--to", type=_date, dest="date_to", help="last day, YYYY-MM-DD")
    export.add_argument("--search", default="", help="text to search for")

    schema = commands.add_parser("schema", help="write curated/event.schema.json from the record model")
    _folders(schema)
    schema.add_argument("--check", action="store_true", help="exit 1 if the file differs instead of writing it")
    return parser


def schema_text(dataset) -> str:
    """The JSON Schema file's text for the given vocabularies."""
    vocab = dataset.vocab
    schema = event_json_schema(list(vocab.event_types.index), list(vocab.partners.index), list(vocab.sectors.index))
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    curated = args.curated or paths.curated_dir()
    seeds = args.seeds or paths.seeds_dir()
    dataset = load(curated, seeds)

    if args.command == "validate":
        for problem in dataset.problems:
            print(problem)
        if dataset.problems:
            print(f"{len(dataset.problems)} problem(s) in {len(dataset.rejected)} of {dataset.files_read} record file(s)", file=sys.stderr)
            return 1
        print(f"OK: {len(dataset.events)} events, {len(dataset.vocab.partners)} partners, {len(dataset.sources)} sources")
        return 0

    if args.command == "export":
        for problem in dataset.problems:
            print(f"warning: {problem}", file=sys.stderr)
        filters = Filters(
            date_from=args.date_from,
            date_to=args.date_to,
            partners=tuple(args.partner),
            sectors=tuple(args.sector),
            event_types=tuple(args.event_type),
            statuses=tuple(args.status),
            text=args.search,
        )
        rows = apply_filters(dataset.events, filters)
        data = events_csv(rows)
        if str(args.out) == "-":
            sys.stdout.buffer.write(data)
        else:
            args.out.write_bytes(data)
            print(f"wrote {args.out}: {len(rows)} events", file=sys.stderr)
        return 0

    if args.command == "schema":
        target = Path(curated) / paths.SCHEMA_FILE
        text = schema_text(dataset)
        if args.check:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != text:
                print(f"{target} is out of date: run python -m sctracker schema", file=sys.stderr)
                return 1
            return 0
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
        return 0
    return 2
