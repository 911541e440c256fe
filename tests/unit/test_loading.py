"""Loading: the good fixture becomes one tidy events table with names, labels and spans."""

import pandas as pd

from sctracker.query.summary import citing_records
from sctracker.records.events_table import STORED_COLUMNS
from sctracker.records.load import load


def test_good_fixture_loads_every_record_with_no_problem(good_copy):
    dataset = load(*good_copy)
    assert dataset.problems == []
    assert dataset.files_read == 3
    assert list(dataset.events.columns) == STORED_COLUMNS
    # sorted by date
    assert list(dataset.events["id"]) == [
        "2024-06-01-exampleland-minerals-pact",
        "2025-12-02-testland-battery-forum",
        "2026-01-22-union-chip-dialogue",
    ]


def test_rows_carry_lists_names_labels_and_the_period_covered(good_copy):
    events = load(*good_copy).events.set_index("id")
    pact = events.loc["2024-06-01-exampleland-minerals-pact"]
    assert pact["partners"] == ["CAN"] and pact["partner_names"] == ["Canada"]
    assert pact["sectors"] == ["critical_minerals", "batteries"]
    assert pact["sector_labels"] == ["Critical minerals", "Batteries"]
    assert pact["date_label"] == "Jun 2024"
    assert pact["period_end"] == pd.Timestamp("2024-06-30")
    dialogue = events.loc["2026-01-22-union-chip-dialogue"]
    assert dialogue["source_ids"] == ["001_f25ae13499e1e454.txt"]  # two quotes, one source
    assert dialogue["participants"] == [{"name": "Jane Doe", "kind": "person", "side": "EUU", "role": "Official", "organization": None}]
    assert dialogue["city"] == "Brussels"


def test_sources_table_counts_the_records_citing_each_source(good_copy):
    dataset = load(*good_copy)
    sources = dataset.sources
    assert citing_records(dataset.events, sources.index).to_dict() == {
        "000_4e5a9cc05a6421ba.txt#1": 1,
        "000_4e5a9cc05a6421ba.txt#2": 1,
        "001_f25ae13499e1e454.txt": 1,
    }
    assert sources.at["000_4e5a9cc05a6421ba.txt#1", "text"].startswith("Korea and Testland Hold a Battery Forum\nThe Ministry held")


def test_empty_events_folder_is_a_problem_and_an_empty_table(good_copy):
    curated, seeds = good_copy
    for path in (curated / "events").iterdir():
        path.unlink()
    dataset = load(curated, seeds)
    assert dataset.events.empty and list(dataset.events.columns) == STORED_COLUMNS
    assert [p.message for p in dataset.problems] == ["no event records (*.yaml) found"]
