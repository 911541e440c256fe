"""The synthetic corpus: valid with no problem, the same for the same seed, and spread like a real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synth import generate
from benchmarks.synth import main as synth_main
from sctracker.app.pages import PAGES
from sctracker.cli import main
from sctracker.query.summary import citing_records
from sctracker.records.load import load


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    return generate(out, 300, seed=7), out


def test_every_record_loads_with_no_problem(corpus):
    written, _ = corpus
    dataset = load(written.curated, written.seeds)
    assert dataset.problems == []
    assert len(dataset.events) == dataset.files_read == written.events == 300
    assert len(dataset.sources) == written.sources
    assert (citing_records(dataset.events, dataset.sources.index) > 0).all()  # every source is quoted by some record


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(corpus, tmp_path):
    _, out = corpus
    again = generate(tmp_path / "again", 300, seed=7)
    assert _files(again.curated.parent) == _files(out)
    other = generate(tmp_path / "other", 300, seed=8)
    assert _files(other.curated.parent) != _files(out)


def test_records_spread_over_partners_sectors_dates_types_and_sources(corpus):
    written, _ = corpus
    dataset = load(written.curated, written.seeds)
    events = dataset.events
    partner_counts = events["partners"].explode().value_counts()
    assert len(partner_counts) >= 10 and partner_counts.iloc[0] > 3 * partner_counts.iloc[-1]  # a few partners dominate
    sector_counts = events["sectors"].explode().value_counts()
    assert set(sector_counts.index[:4]) & {"semiconductors", "batteries", "critical_minerals", "defense"}
    assert set(events["date_precision"]) == {"day", "month", "year", "on_or_before"}
    # the contract's other features: states as partners, organizations, money, milestones, group seats from partners.yaml
    assert (events["partners"].explode().str.contains("-")).any()
    assert any(person.get("kind", "person") != "person" for people in events["participants"] for person in people)
    assert any(figure["currency"] for figures in events["figures"] for figure in figures)
    assert events["milestones"].map(len).any()
    groups = dataset.vocab.partners[dataset.vocab.partners["kind"] == "group"]
    seats = set(zip(groups["anchor_country"], groups["anchor_city"]))
    assert {(c, city) for c, city in zip(events["country"], events["city"])} & seats
    assert events["end_date"].notna().any() and events["date_inferred"].any()
    assert events["event_type"].nunique() >= 8 and events["status"].nunique() >= 4
    years = events["date"].dt.year
    assert (years >= 2020).sum() > (years < 2010).sum()  # the corpus grows over the years
    assert (events["partners"].map(len) > 1).any() and (events["source_ids"].map(len) > 1).any()
    assert events["related"].map(len).sum() > 0
    assert dataset.sources.index.str.contains("#").any() and not dataset.sources.index.str.contains("#").all()  # bulletins and articles


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "curated").mkdir()
    with pytest.raises(FileExistsError):
        generate(tmp_path, 5)
    assert (tmp_path / "curated").is_dir() and not (tmp_path / "seeds").exists()


def test_a_corpus_written_again_replaces_the_last(tmp_path):
    generate(tmp_path, 40, seed=1)
    written = generate(tmp_path, 10, seed=1)
    assert len(list((written.curated / "events").iterdir())) == 10


def test_the_command_writes_a_corpus_that_validates(tmp_path, capsys):
    assert synth_main(["--events", "25", "--out", str(tmp_path), "--seed", "3"]) == 0
    assert main(["validate", "--curated", str(tmp_path / "curated"), "--seeds", str(tmp_path / "seeds")]) == 0
    assert capsys.readouterr().out.startswith("OK: 25 events")


def test_the_benchmark_measures_every_step_and_page_on_a_tiny_corpus(tmp_path):
    """Not a timing test: the benchmark's run finds every page and builder and writes its table and JSON."""
    from benchmarks import bench

    out = tmp_path / "bench.json"
    result = bench.run(["40"], out, repeats=1, memory=False, work=tmp_path / "work")
    names = {m["name"]: m for m in result["measurements"] if m["size"] == "40"}
    for page in PAGES:
        rerun = names[f"page: {page.title}, rerun after a filter change"]
        assert rerun["wall"] and not rerun["note"], rerun
    for expected in (
        "load: cold (fresh process, empty cache)",
        "load: warm (fresh process, cache filled)",
        "filter: one sector, from 2020",
    ):
        assert len(names[expected]["wall"]) == 1
    assert names["load: cold (fresh process, empty cache)"]["extra"] == {"events": 40, "problems": 0}
    for kind in ("added", "edited", "removed"):  # a curator's change, seen by the next rerun's data
        change = names[f"record {kind}: the next rerun's data (digest, load given the last one)"]
        assert len(change["wall"]) == 1 and change["extra"] == {"shown": True}, change
    assert not [m for m in names.values() if m["note"].startswith(("failed", "exception"))]
    assert result["baseline_rerun_s"] > 0 and out.exists()
