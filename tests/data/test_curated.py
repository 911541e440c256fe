"""The project's own data: every record valid, every quote found, vocabularies faithful, docs in sync."""

from __future__ import annotations

import shutil

import pycountry
import pytest

from sctracker.cli import main
from sctracker.query.summary import citing_records
from sctracker.records.load import load
from sctracker.records.reference import README_END, README_START, readme_with_reference, schema_text
from sctracker.records.sources import quote_in, source_texts
from tests.conftest import PROJECT

DATASET = load(PROJECT / "curated", PROJECT / "seeds")


def test_curated_data_pass_validation_and_are_not_empty():
    assert [str(p) for p in DATASET.problems] == []
    assert DATASET.files_read > 0 and len(DATASET.events) == DATASET.files_read


def test_every_quote_is_in_its_source():
    texts = source_texts(PROJECT / "seeds")
    quotes = [(row.id, ref) for row in DATASET.events.itertuples() for ref in row.sources]
    assert quotes
    missing = [(record, ref["source"], ref["quote"]) for record, ref in quotes if not quote_in(ref["quote"], texts[ref["source"]])]
    assert missing == []


def test_every_seed_document_is_listed_and_cited():
    files = {path.name for path in (PROJECT / "seeds").glob("*.txt")}
    assert set(DATASET.sources["file"]) == files
    assert len(DATASET.sources) == 14  # four articles and the bulletin's ten releases
    uncited = DATASET.sources.index[citing_records(DATASET.events, DATASET.sources.index) == 0].tolist()
    assert uncited == []


def test_seeds_are_the_shared_documents_unchanged():
    shared = PROJECT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in shared.glob("*.txt"):
        assert (PROJECT / "seeds" / path.name).read_bytes() == path.read_bytes()


def test_country_partners_carry_pycountry_names_and_korea_is_not_a_partner():
    partners = DATASET.vocab.partners
    assert "KOR" not in partners.index
    for code, row in partners[partners["kind"] == "country"].iterrows():
        country = pycountry.countries.get(alpha_3=code)
        assert row["name"] == getattr(country, "common_name", None) or row["name"] == country.name
    groups = partners[partners["kind"] == "group"]
    assert set(groups.index) >= {"EUU", "CAS", "LAC"}
    assert len(groups.at["EUU", "members"]) == 27 and len(groups.at["CAS", "members"]) == 5


def test_headline_sectors_come_first_in_order():
    sectors = DATASET.vocab.sectors
    assert list(sectors.index[:4]) == ["semiconductors", "batteries", "critical_minerals", "defense"]
    assert sectors["headline"].tolist()[:5] == [True, True, True, True, False]
    required = {"ai", "future_mobility", "energy", "steel", "standards", "quantum", "biotech", "digital", "infrastructure",
                "robotics", "health", "textiles", "climate", "shipping", "nuclear", "trade_policy"}  # fmt: skip
    assert required <= set(sectors.index)


def test_inferred_dates_say_how():
    inferred = DATASET.events[DATASET.events["date_inferred"]]
    assert (inferred["date_note"].str.len() > 20).all()


def test_schema_file_is_generated_from_the_model():
    assert (PROJECT / "curated" / "event.schema.json").read_text(encoding="utf-8") == schema_text(DATASET.vocab)


def test_every_record_validates_against_the_json_schema():
    import json

    import jsonschema
    import yaml

    schema = json.loads((PROJECT / "curated" / "event.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in (PROJECT / "curated" / "events").glob("*.yaml"):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record = json.loads(json.dumps(record, default=str))  # dates as text, as editors see them
        assert list(validator.iter_errors(record)) == [], path.name


def test_readme_record_reference_is_generated_from_the_model():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert README_START in readme and README_END in readme
    assert readme == readme_with_reference(readme)


def test_template_is_a_valid_record(tmp_path):
    curated = tmp_path / "curated"
    shutil.copytree(PROJECT / "curated", curated)
    shutil.rmtree(curated / "events")
    (curated / "events").mkdir()
    shutil.copy(curated / "TEMPLATE.yaml", curated / "events" / "2025-12-04-korea-us-standards-forum.yaml")
    assert main(["validate", "--curated", str(curated), "--seeds", str(PROJECT / "seeds")]) == 0
