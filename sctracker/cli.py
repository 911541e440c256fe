"""The command line: ``python -m sctracker validate | export | matrix | briefing | schema | docs | draft | publish``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sctracker import paths
from sctracker.export import events_csv
from sctracker.figures.sectors.grid import ORDERS, matrix_csv
from sctracker.query.filters import FILTER_FIELDS, Filters, apply_filters, choices
from sctracker.records.load import attach_history, load
from sctracker.records.reference import GENERATED, SCHEMA_COMMAND, readme_with_reference, stale_files


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--curated", type=Path, default=None, help="curated folder (default: the project's curated/)")
    parser.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: the project's seeds/)")


def _filter_options(parser: argparse.ArgumentParser) -> None:
    """One option a filter, from its spec: repeatable codes, a date, one of a few choices, a text."""
    for field in FILTER_FIELDS:
        if field.kind == "codes":
            parser.add_argument(
                field.cli_option, action="append", default=[], dest=field.name, metavar="CODE", help=f"{field.noun} (repeatable)"
            )
        elif field.kind == "date":
            parser.add_argument(field.cli_option, type=_date, dest=field.name, metavar="YYYY-MM-DD", help=field.label.lower())
        elif field.kind == "choice":
            options = choices(field)
            parser.add_argument(
                field.cli_option,
                choices=list(options),
                default=field.default,
                dest=field.name,
                help="; ".join(f"{k}: {v}" for k, v in options.items()),
            )
        else:
            parser.add_argument(field.cli_option, default="", dest=field.name, metavar="TEXT", help=field.help or field.label)


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        **{field.name: tuple(getattr(args, field.name)) if field.kind == "codes" else getattr(args, field.name) for field in FILTER_FIELDS}
    )


def _write(out: Path, data: bytes) -> None:
    """Write bytes to a file, or to standard output for ``-``."""
    if str(out) == "-":
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)
        print(f"wrote {out}", file=sys.stderr)


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
    _filter_options(export)

    matrix = commands.add_parser("matrix", help="write the Sectors page's partner × sector matrix as CSV")
    _folders(matrix)
    matrix.add_argument("--out", type=Path, required=True, help="CSV file to write ('-' for standard output)")
    matrix.add_argument("--headline-only", action="store_true", help="only the four headline sectors")
    matrix.add_argument("--credit-members", action="store_true", help="credit a group's events to its member countries")
    matrix.add_argument("--order", choices=ORDERS, default=ORDERS[0], help="row order")
    _filter_options(matrix)

    briefing = commands.add_parser(
        "briefing", help="write a briefing pack: slide images of every chart, a deck (.pptx, and PDF), the events CSV, an index"
    )
    _folders(briefing)
    briefing.add_argument("--out", type=Path, required=True, help="folder to write the pack into")
    briefing.add_argument(
        "--since", type=_date, metavar="YYYY-MM-DD", help="add a 'What's new since' section to the index, and a CSV of the changes"
    )
    _filter_options(briefing)

    schema = commands.add_parser("schema", help="write curated/event.schema.json and curated/TEMPLATE.yaml from the record model")
    schema.add_argument("--curated", type=Path, default=None, help="curated folder (default: the project's curated/)")
    schema.add_argument("--check", action="store_true", help="exit 1 if a file differs instead of writing it")
    commands.add_parser("docs", help="rewrite the README's record reference from the record model")

    draft = commands.add_parser("draft", help="register a new article as a source and write a draft record for every event it states")
    draft.add_argument("article", type=Path, metavar="ARTICLE.txt", help="the article's text (UTF-8)")
    draft.add_argument("--url", required=True, help="where the article was found")
    draft.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (default: found in the text or the URL)")
    draft.add_argument("--headline", help="headline (default: the text's first line)")
    draft.add_argument("--outlet", help="outlet (default: the agency a dateline or credit line names)")
    _folders(draft)

    publish = commands.add_parser("publish", help="check a draft as validate would and move it into curated/events/")
    publish.add_argument("draft", type=Path, metavar="DRAFT.yaml", help="a draft in <curated>/drafts/")
    publish.add_argument("--overwrite", action="store_true", help="replace an existing record with the same id")
    _folders(publish)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "docs":
        readme = paths.PROJECT_ROOT / "README.md"
        readme.write_text(readme_with_reference(readme.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote the record reference into {readme}", file=sys.stderr)
        return 0
    if args.command in ("draft", "publish"):
        from sctracker.curation.commands import run_draft, run_publish  # the drafter's libraries load only when drafting

        return run_draft(args) if args.command == "draft" else run_publish(args)
    curated = args.curated or paths.curated_dir()
    if args.command == "schema":
        return _write_generated(Path(curated), args.check)
    seeds = args.seeds or paths.seeds_dir()
    dataset = load(curated, seeds)
    if args.command != "validate":  # the added and last-edited dates, and the filter on them
        dataset = attach_history(dataset, Path(curated))

    if args.command == "validate":
        problems = sorted([*dataset.problems, *stale_files(Path(curated))], key=lambda p: (p.path, p.line or 0))
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s); {len(dataset.rejected)} of {dataset.files_read} record file(s) rejected", file=sys.stderr)
            return 1
        print(f"OK: {len(dataset.events)} events, {len(dataset.sources)} sources, {_groups(dataset)} groups")
        return 0

    if args.command == "export":
        for problem in dataset.problems:
            print(f"warning: {problem}", file=sys.stderr)
        rows = apply_filters(dataset.events, _filters(args))
        _write(args.out, events_csv(rows))
        print(f"{len(rows)} events", file=sys.stderr)
        return 0

    if args.command == "matrix":
        filters = _filters(args)
        data = matrix_csv(
            apply_filters(dataset.events, filters), dataset.vocab, filters.sectors, args.headline_only, args.credit_members, args.order
        )
        _write(args.out, data)
        return 0

    if args.command == "briefing":
        from sctracker.briefing.pack import make_pack  # needs playwright, the briefing extra

        for item in make_pack(args.out, _filters(args), curated, seeds, since=args.since):
            print(f"{item.path}: {item.what}")
        return 0
    return 2


def _groups(dataset) -> int:
    return int((dataset.vocab.partners["kind"] == "group").sum())


def _write_generated(curated: Path, check: bool) -> int:
    """Write (or with ``check``, compare) the files generated from the record model into the curated folder."""
    status = 0
    for name, make in GENERATED:
        target, text = curated / name, make()
        if check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                print(f"{target} is out of date: run {SCHEMA_COMMAND}", file=sys.stderr)
                status = 1
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    return status
