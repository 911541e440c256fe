"""What is generated from the record model: the JSON Schema, the README's reference and TEMPLATE.yaml. They come
from the model alone (no vocabulary), so only a change to the model can make them stale, and these tests and
``validate`` then say which command writes them again."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
import yaml

from sctracker import paths
from sctracker.cli import main
from sctracker.records.load import load
from sctracker.records.model import Event, Figure, Milestone, Participant, SourceEntry
from sctracker.records.reference import (
    README_END,
    README_START,
    TEMPLATE_SCHEMA_LINE,
    readme_with_reference,
    record_reference_markdown,
    schema_text,
    template_text,
)
from sctracker.records.sources import parse_bulletin
from tests.conftest import GOOD, PROJECT

REAL_BULLETIN = PROJECT / "seeds" / "001_9b46d61e6e31a0a3.txt"  # the template quotes its first release


def test_the_shipped_schema_and_template_are_what_the_model_makes():
    assert (PROJECT / "curated" / paths.SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(), "run: python -m sctracker schema"
    assert (PROJECT / "curated" / paths.TEMPLATE_FILE).read_text(encoding="utf-8") == template_text(), "run: python -m sctracker schema"


def test_readme_record_reference_is_generated_from_the_model():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert README_START in readme and README_END in readme
    assert readme == readme_with_reference(readme), "run: python -m sctracker docs"


def test_the_schema_embeds_no_vocabulary_so_no_data_edit_makes_it_stale():
    schema = json.loads(schema_text())
    properties = schema["properties"]
    assert "enum" not in properties["partners"]["items"] and "enum" not in properties["sectors"]["items"]
    assert "enum" not in properties["event_type"]
    assert schema["$defs"]["Milestone"]["properties"]["stage"]["enum"] == ["announced", "signed", "in_force", "ended"]


def test_the_reference_has_a_table_and_an_example_for_every_new_field():
    reference = record_reference_markdown()
    for model, field in [
        (Event, "milestones"),
        (Participant, "kind"),
        (Figure, "currency"),
        (Milestone, "stage"),
        (SourceEntry, "url"),
        (SourceEntry, "retrieved"),
        (SourceEntry, "attribution"),
    ]:
        assert f"| `{field}` |" in reference, (model.__name__, field)
    assert "`USD`" in reference and "`on_or_before`" in reference and "`company`" in reference
    for heading in (
        "Each `milestones[]`",
        "Each source in `seeds/sources.yaml`",
        "Each group in `curated/partners.yaml`",
        "Each group's `anchor`",
    ):
        assert heading in reference


def test_the_template_is_block_style_so_a_comma_in_a_value_breaks_nothing():
    text = template_text()
    assert text.startswith(TEMPLATE_SCHEMA_LINE + "\n")
    assert not [line for line in text.splitlines() if "{" in line and not line.lstrip().startswith("#")]
    edited = yaml.safe_load(text.replace("name: Microsoft", "name: Hyundai Rotem, Inc."))
    assert edited["participants"][1]["name"] == "Hyundai Rotem, Inc."
    for example in ("currency: USD", "stage: in_force", "date_precision: on_or_before", "partners: [AU-WA]"):
        assert f"# {example}" in text or example in text.replace("#   or: ", "").replace("#     ", "").replace("#   - ", "")


def test_the_templates_schema_path_is_right_once_copied_into_events():
    target = TEMPLATE_SCHEMA_LINE.split("$schema=", 1)[1]
    assert (PROJECT / "curated" / "events" / target).resolve() == (PROJECT / "curated" / paths.SCHEMA_FILE).resolve()


@pytest.fixture
def template_project(tmp_path):
    """A project of the good fixture's vocabularies (with the template's sector and event type) and the one real
    bulletin the template quotes, listed release by release: nothing of the curated data."""
    curated, seeds = tmp_path / "curated", tmp_path / "seeds"
    shutil.copytree(GOOD / "curated", curated)
    shutil.rmtree(curated / "events")
    (curated / "events").mkdir()
    with (curated / "sectors.yaml").open("a", encoding="utf-8") as sectors:
        sectors.write("- {id: standards, label: Standards, definition: Standards.}\n")
    seeds.mkdir()
    shutil.copy(REAL_BULLETIN, seeds / REAL_BULLETIN.name)
    entries = [
        {
            "id": f"{REAL_BULLETIN.name}#{release.number}",
            "file": REAL_BULLETIN.name,
            "url": None,
            "outlet": "unknown",
            "headline": release.headline,
            "language": "en",
            "published": release.date.isoformat(),
            "published_precision": "day",
            "published_basis": "date_line",
            "published_note": "Release date line.",
            "retrieved": "2026-11-23",
            "attribution": "Test.",
        }
        for release in parse_bulletin(REAL_BULLETIN.read_text(encoding="utf-8"))
    ]
    (seeds / "sources.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return curated, seeds


def test_the_template_is_a_valid_record_once_copied(template_project):
    curated, seeds = template_project
    (curated / "events" / "2025-12-04-korea-us-standards-forum.yaml").write_text(template_text(), encoding="utf-8")
    dataset = load(curated, seeds)
    assert [str(p) for p in dataset.problems] == [] and len(dataset.events) == 1
    schema = json.loads(schema_text())
    record = json.loads(json.dumps(yaml.safe_load(template_text()), default=str))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(record)) == []


def test_validate_says_which_command_writes_a_stale_file(template_project, capsys):
    curated, seeds = template_project
    (curated / "events" / "2025-12-04-korea-us-standards-forum.yaml").write_text(template_text(), encoding="utf-8")
    (curated / paths.SCHEMA_FILE).write_text("{}\n", encoding="utf-8")
    assert main(["validate", "--curated", str(curated), "--seeds", str(seeds)]) == 1
    assert "curated/event.schema.json: -: out of date with the record model: run `python -m sctracker schema`" in capsys.readouterr().out
    assert main(["schema", "--curated", str(curated)]) == 0
    assert main(["validate", "--curated", str(curated), "--seeds", str(seeds)]) == 0
    assert main(["schema", "--check", "--curated", str(curated)]) == 0
