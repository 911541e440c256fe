"""AppTest of the overview page: filters change the table, the numbers and what the download holds."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sctracker import paths
from sctracker.export import events_csv, export_filename
from sctracker.query.filters import Filters, apply_filters
from sctracker.records.load import load
from tests.conftest import PROJECT, download_offers, table_titles


@pytest.fixture
def fixture_app(good_copy, monkeypatch):
    curated, seeds = good_copy
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    return AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=30)


def test_overview_shows_every_record_unfiltered(fixture_app):
    at = fixture_app.run()
    assert not at.exception
    assert table_titles(at) == [
        "Korea–Exampleland critical minerals partnership",
        "2nd Korea–Testland Battery Forum",
        "First Korea–EU semiconductor dialogue",
    ]
    assert [m.value for m in at.metric] == ["3", "3", "3", "2024–2026"]


def test_choosing_a_sector_filters_table_numbers_and_query(fixture_app, good_copy):
    at = fixture_app.run()
    at.multiselect(key="filter_sectors").select("batteries").run()
    assert not at.exception
    assert table_titles(at) == ["Korea–Exampleland critical minerals partnership", "2nd Korea–Testland Battery Forum"]
    assert at.metric[0].value == "2"
    assert at.query_params["sector"] == "batteries"  # AppTest shows a parameter's last value
    filters = Filters(sectors=("batteries",))
    shown = apply_filters(load(*good_copy).events, filters)
    assert len(shown) == 2
    assert download_offers(at, "download-overview", events_csv(shown), export_filename("events", filters))
    assert not download_offers(at, "download-overview", events_csv(load(*good_copy).events), export_filename("events", filters))


def test_query_string_sets_the_filters(fixture_app):
    fixture_app.query_params["partner"] = ["EUU"]
    at = fixture_app.run()
    assert table_titles(at) == ["First Korea–EU semiconductor dialogue"]
    assert at.multiselect(key="filter_partners").value == ["EUU"]


def test_bad_query_parameter_gives_a_notice_not_an_exception(fixture_app):
    fixture_app.query_params["sector"] = ["chips"]
    fixture_app.query_params["from"] = ["yesterday"]
    at = fixture_app.run()
    assert not at.exception
    notices = [w.value for w in at.sidebar.warning]
    assert any("sector='chips'" in n for n in notices) and any("from='yesterday'" in n for n in notices)
    assert len(table_titles(at)) == 3


def test_rejected_records_are_listed_and_the_rest_still_show(fixture_app, good_copy):
    curated, _ = good_copy
    (curated / "events" / "2025-12-09-broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    at = fixture_app.run()
    assert not at.exception
    assert len(table_titles(at)) == 3
    assert "1 of 4 record files were rejected" in at.warning[0].value


def test_record_detail_escapes_markdown(fixture_app):
    at = fixture_app.run()
    at.selectbox(key="record").select("2024-06-01-exampleland-minerals-pact").run()
    texts = " ".join(m.value for m in at.markdown)
    assert r'=HYPERLINK\("http\://example\.com"\)' in texts  # shown literally, never as a link


def test_share_link_and_presentation_mode_follow_the_link(fixture_app):
    fixture_app.query_params["sector"] = ["batteries"]
    fixture_app.query_params["present"] = ["1"]
    at = fixture_app.run()
    assert at.toggle(key="sctracker.present").value is True
    assert at.query_params["present"] == "1" and at.query_params["sector"] == "batteries"
    [link] = [c.value for c in at.sidebar.code]
    assert link.endswith("?sector=batteries&present=1")
    at.button(key="exit-presentation").click().run()
    assert at.toggle(key="sctracker.present").value is False
    assert "present" not in at.query_params


def test_a_large_table_is_capped_and_the_csv_holds_every_row(tmp_path, monkeypatch):
    from benchmarks.synth import generate
    from sctracker.app import tables
    from sctracker.app.tables import MAX_TABLE_ROWS

    corpus = generate(tmp_path / "corpus", MAX_TABLE_ROWS + 150, seed=3)
    monkeypatch.setattr(tables, "EAGER_CSV_ROWS", MAX_TABLE_ROWS + 150)  # so the button's bytes can be checked here
    monkeypatch.setenv(paths.CURATED_ENV, str(corpus.curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(corpus.seeds))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception
    events = load(corpus.curated, corpus.seeds).events
    assert len(table_titles(at)) == MAX_TABLE_ROWS and table_titles(at) == list(events["title"].tail(MAX_TABLE_ROWS))
    assert any(f"{len(events):,} events · the table shows the {MAX_TABLE_ROWS:,} most recent" in c.value for c in at.caption)
    assert download_offers(at, "download-overview", events_csv(events), export_filename("events", Filters()))
    assert len(at.selectbox(key="record").options) == MAX_TABLE_ROWS
