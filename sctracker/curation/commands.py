"""``python -m sctracker draft`` and ``publish``: the workbench's steps on the command line, with messages
that say what was done, what the drafter was unsure of, and what to do when something is wrong."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sctracker import paths
from sctracker.curation.drafts import DRAFTS_FOLDER, PublishError, publish, read_draft
from sctracker.curation.register import RegistrationError, decode_article, parse_given_date
from sctracker.curation.workbench import draft_article, record_checks
from sctracker.records.store import WriteRefused


def run_draft(args: argparse.Namespace) -> int:
    """Register the article and write its drafts; print each draft's path and what the drafter was unsure of."""
    curated = args.curated or paths.curated_dir()
    seeds = args.seeds or paths.seeds_dir()
    try:
        text = decode_article(args.article.read_bytes())
        published = parse_given_date(args.published) if args.published else None
        result = draft_article(text, args.url, curated, seeds, published=published, headline=args.headline, outlet=args.outlet)
    except (RegistrationError, WriteRefused) as err:
        print(f"error: {args.article}: {err}; nothing was written", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {args.article}: {err.strerror or err}; nothing was written", file=sys.stderr)
        return 1
    for entry in result.sources:
        print(
            f"registered {seeds / entry.file} as source {entry.id} (published {entry.published}, {entry.published_basis}: {entry.published_note})"
        )
    for draft in result.drafts:
        print(f"{draft.path}")
        for doubt in draft.doubts:
            print(f"  unsure: {doubt}")
    if not result.drafts:
        print("no event found: write the record by hand from curated/TEMPLATE.yaml")
    print(f"{len(result.drafts)} draft(s); review each, then: python -m sctracker publish DRAFT.yaml", file=sys.stderr)
    return 0


def run_publish(args: argparse.Namespace) -> int:
    """Check a draft and move it into ``events/``; list every problem at once when it cannot be."""
    draft_path: Path = args.draft
    curated = args.curated or (
        draft_path.resolve().parent.parent if draft_path.resolve().parent.name == DRAFTS_FOLDER else paths.curated_dir()
    )
    seeds = args.seeds or paths.seeds_dir()
    try:
        draft = read_draft(draft_path)
        target = publish(draft, curated, record_checks(curated, seeds), overwrite=args.overwrite)
    except (PublishError, WriteRefused, ValueError) as err:
        print(f"error: {draft_path}: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {draft_path}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"published {target} (the draft {draft_path} is removed); run python -m sctracker validate to check the whole set")
    return 0
