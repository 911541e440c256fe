"""The project's own data, checked only in ways an ordinary data edit cannot break: adding or retiring a record,
registering a source, adding a sector or a group keeps these green. What the data must meet is checked by
``python -m sctracker validate`` (which ``make test`` runs), not counted here."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from sctracker.records.load import load
from sctracker.records.reference import stale_files
from sctracker.records.yaml_reader import read_yaml
from tests.conftest import PROJECT

DATASET = load(PROJECT / "curated", PROJECT / "seeds")


def test_the_real_data_validate_and_read_more_than_nothing():
    assert [str(p) for p in DATASET.problems + stale_files(PROJECT / "curated")] == []
    assert DATASET.files_read > 0 and len(DATASET.events) == DATASET.files_read and len(DATASET.sources) > 0


def test_seeds_are_the_shared_documents_unchanged():
    shared = Path(os.environ.get("SCTRACKER_SHARED_SEEDS", PROJECT.parent / "shared" / "seeds"))
    if not shared.is_dir():
        pytest.skip(
            f"no original seed documents at {shared} to compare seeds/ with: set SCTRACKER_SHARED_SEEDS to their folder "
            "(the project's workspace has them at ../shared/seeds)"
        )
    for path in shared.glob("*.txt"):
        assert (PROJECT / "seeds" / path.name).read_bytes() == path.read_bytes()


def test_every_real_record_validates_against_the_json_schema_editors_use():
    """The schema and the loader are two readings of one model: a record one accepts, the other must too."""
    schema = json.loads((PROJECT / "curated" / "event.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    paths = sorted((PROJECT / "curated" / "events").glob("*.yaml"))
    assert paths
    for path in paths:
        record = json.loads(json.dumps(read_yaml(path, path.name)[0], default=str))
        assert [error.message for error in validator.iter_errors(record)] == [], path.name
