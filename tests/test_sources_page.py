"""The Sources page: passages cut at quotes, highlighted and linked, document text always escaped."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sctracker import paths
from sctracker.export import export_filename, to_csv_bytes
from sctracker.filters import Filters
from sctracker.loading import load
from sctracker.source_view import Segment, coverage, segments, source_markdown, sources_table
from tests.conftest import PROJECT, download_offers


@pytest.mark.parametrize(
    "citations, expected",
    [
        ([], [Segment("one two three four", ())]),
        ([("r1", "two three")], [Segment("one ", ()), Segment("two three", ("r1",)), Segment(" four", ())]),
        (
            [("r1", "one two"), ("r2", "two three")],
            [Segment("one ", ("r1",)), Segment("two", ("r1", "r2")), Segment(" three", ("r2",)), Segment(" four", ())],
        ),
        ([("r1", "absent words")], [Segment("one two three four", ())]),
    ],
)
def test_segments_cut_at_quotes_and_name_their_records(citations, expected):
    parts = segments("one two three four", citations)
    assert parts == expected
    assert "".join(p.text for p in parts) == "one two three four"


def test_coverage_counts_quoted_characters():
    assert coverage([Segment("abcd", ("r",)), Segment(" efgh ", ())]) == 0.5


def test_markdown_highlights_links_and_escapes():
    parts = [Segment("<b>bold</b> *x*\nnext ", ()), Segment("quoted [link](http://x)", ("r1",))]
    paragraphs = source_markdown(parts, lambda r: (f"title of {r}", f"./?record={r}"), focus_record=None)
    assert paragraphs == [
        r"\<b\>bold\<\/b\> \*x\*".replace(r"\/", "/"),
        r"next :orange-background[quoted \[link\]\(http\://x\)] [↗ title of r1](./?record=r1)",
    ]
    [_, focused] = source_markdown(parts, lambda r: (r, f"./?record={r}"), focus_record="r1")
    assert focused.startswith("next :violet-background[")


def test_sources_table_counts_citing_records(good_copy):
    dataset = load(*good_copy)
    table = sources_table(dataset.sources, dataset.events)
    assert list(table.columns) == ["Source", "Outlet", "Headline", "Published", "Records citing"]
    assert dict(zip(table["Source"], table["Records citing"])) == {"bulletin.txt#1": 1, "bulletin.txt#2": 1, "article.txt": 1}
    assert table.loc[table["Source"] == "article.txt", "Published"].item() == "2026 (inferred)"


@pytest.fixture
def sources_page(good_copy, monkeypatch):
    curated, seeds = good_copy
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    return AppTest.from_file(str(PROJECT / "pages" / "4_Sources.py"), default_timeout=30)


def test_sources_page_lists_every_source_and_highlights_quotes(sources_page, good_copy):
    sources_page.query_params["source"] = "article.txt"
    at = sources_page.run()
    assert not at.exception
    assert list(at.dataframe[0].value["Source"]) == ["bulletin.txt#1", "bulletin.txt#2", "article.txt"]
    text = " ".join(m.value for m in at.markdown)
    assert ":orange-background[held their first semiconductor dialogue in Brussels on Jan\\. 22]" in text
    assert "./?record=2026-01-22-union-chip-dialogue" in text


def test_sources_page_counts_follow_the_filters(sources_page, good_copy):
    at = sources_page.run()
    at.multiselect(key="filter_sectors").select("semiconductors").run()
    table = at.dataframe[0].value
    assert dict(zip(table["Source"], table["Records citing"])) == {"bulletin.txt#1": 0, "bulletin.txt#2": 0, "article.txt": 1}
    filters = Filters(sectors=("semiconductors",))
    assert download_offers(at, "download-sources", to_csv_bytes(table), export_filename("sources", filters))


def test_every_real_source_has_its_quotes_highlighted():
    dataset = load(PROJECT / "curated", PROJECT / "seeds")
    from sctracker.source_view import citations_of

    for source_id, row in dataset.sources.iterrows():
        cited = citations_of(dataset.events, source_id)
        parts = segments(row["text"], cited)
        highlighted = {record for part in parts for record in part.record_ids}
        assert highlighted == {record for record, _ in cited}, source_id
