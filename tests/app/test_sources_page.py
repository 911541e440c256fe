"""The Sources page under AppTest: every source listed, quotes highlighted, counts follow the filters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sctracker import paths
from sctracker.export import export_filename, to_csv_bytes
from sctracker.query.filters import Filters
from tests.conftest import PROJECT, download_offers


@pytest.fixture
def sources_page(good_copy, monkeypatch):
    curated, seeds = good_copy
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    return AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=30)


def test_sources_page_lists_every_source_and_highlights_quotes(sources_page, good_copy):
    sources_page.query_params["source"] = "001_f25ae13499e1e454.txt"
    at = sources_page.run().switch_page("pages/sources.py").run()
    assert not at.exception
    assert list(at.dataframe[0].value["Source id"]) == [
        "000_4e5a9cc05a6421ba.txt#1",
        "000_4e5a9cc05a6421ba.txt#2",
        "001_f25ae13499e1e454.txt",
    ]
    assert at.selectbox(key="source").value == "001_f25ae13499e1e454.txt" and at.query_params["source"] == "001_f25ae13499e1e454.txt"
    text = " ".join(m.value for m in at.markdown)
    assert ":orange-background[held their first semiconductor dialogue in Brussels on Jan\\. 22]" in text
    assert "./?record=2026-01-22-union-chip-dialogue" in text


def test_sources_page_counts_follow_the_filters(sources_page, good_copy):
    at = sources_page.run().switch_page("pages/sources.py").run()
    at.multiselect(key="filter_sectors").select("semiconductors").run()
    table = at.dataframe[0].value
    assert dict(zip(table["Source id"], table["Records citing"])) == {
        "000_4e5a9cc05a6421ba.txt#1": 0,
        "000_4e5a9cc05a6421ba.txt#2": 0,
        "001_f25ae13499e1e454.txt": 1,
    }
    filters = Filters(sectors=("semiconductors",))
    assert download_offers(at, "download-sources", to_csv_bytes(table), export_filename("sources", filters))
