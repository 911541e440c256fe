"""The safe YAML reader: its quick path and its quicker resolver change nothing but speed."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from sctracker.records import yaml_reader
from sctracker.records.load import Dataset, load
from tests.hostile_corpus import write_corpus


def assert_same(a: Dataset, b: Dataset) -> None:
    pd.testing.assert_frame_equal(a.events, b.events)
    pd.testing.assert_frame_equal(a.rejected, b.rejected)
    pd.testing.assert_frame_equal(a.sources, b.sources)
    for table in ("partners", "sectors", "event_types"):
        pd.testing.assert_frame_equal(getattr(a.vocab, table), getattr(b.vocab, table))
    assert a.problems == b.problems and a.files_read == b.files_read


@pytest.fixture
def mixed(good_copy):
    """The good fixture plus every hostile case, a duplicate id and a broken link: every kind of result."""
    curated, seeds = good_copy
    events = curated / "events"
    write_corpus(events)
    original = events / "2025-12-02-testland-battery-forum.yaml"
    (events / "2025-12-02-testland-battery-forum.yml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    return curated, seeds


def test_the_quick_reader_changes_nothing(mixed, monkeypatch):
    quick = load(*mixed)

    def always_unsure(text):
        raise yaml_reader.NeedsFullRead

    monkeypatch.setattr(yaml_reader, "_quick_yaml", always_unsure)
    assert_same(quick, load(*mixed))


class _PyYamlResolving(yaml.SafeLoader):
    """PyYAML's own resolver, with the record loader's implicit types: the reference for its quicker ``resolve``."""

    yaml_implicit_resolvers = yaml_reader._RecordLoader.yaml_implicit_resolvers


def _load_or_error(text: str, loader: type) -> object:
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as err:
        return type(err).__name__


@pytest.mark.parametrize(
    "scalar",
    ["yes", "No", "on", "OFF", "y", "true", "False", "~", "null", "NULL", "", "12", "-012", "0x1F", "0o17", "0b101",
     "1_000", "1:20", "190:20:30", "1.5", ".5", "1e3", "1.0e+3", ".inf", "-.Inf", ".NaN", "<<", "=", "2025-01-01",
     "2025-01-01 10:00:00", "Seoul", "a yes", "yes it is", "null island", "1,000", "+1"],
)  # fmt: skip
def test_the_quicker_resolver_gives_pyyaml_s_types(scalar):
    text = f"plain: {scalar}\nsingle: '{scalar}'\ndouble: \"{scalar}\"\nlist: [{scalar}, [{scalar}]]\nblock: |\n  {scalar}\n"
    assert _load_or_error(text, yaml_reader._RecordLoader) == _load_or_error(text, _PyYamlResolving)
    as_key = f"{scalar}: value\n"
    assert _load_or_error(as_key, yaml_reader._RecordLoader) == _load_or_error(as_key, _PyYamlResolving)
