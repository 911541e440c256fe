"""A source document as passages: segments, coverage, the Markdown, and the sources table."""

from __future__ import annotations

import pytest

from sctracker.figures.sources_view import Segment, citing_order, coverage, segments, source_markdown, sources_table
from sctracker.records.load import load


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
    urls = {"r1": "./?record=r1"}
    paragraphs = source_markdown(parts, urls, focus_record=None)
    assert paragraphs == [
        r"\<b\>bold\<\/b\> \*x\*".replace(r"\/", "/"),
        r"next :orange-background[quoted \[link\]\(http\://x\)] [\[1\]](./?record=r1)",
    ]
    [_, focused] = source_markdown(parts, urls, focus_record="r1")
    assert focused.startswith(r"next :blue-background[**quoted \[link\]")  # the record a reader came from stands out


def test_records_are_numbered_in_the_order_of_their_first_quote():
    parts = [Segment("a", ("r2",)), Segment("b", ()), Segment("c", ("r1", "r2"))]
    assert citing_order(parts) == ["r2", "r1"]
    [paragraph] = source_markdown(parts, {"r1": "./?record=r1", "r2": "./?record=r2"})
    assert paragraph.endswith(r"[\[2\]](./?record=r1) [\[1\]](./?record=r2)")


def test_sources_table_counts_citing_records(good_copy):
    dataset = load(*good_copy)
    table = sources_table(dataset.sources, dataset.events)
    assert list(table.columns) == ["Outlet", "Headline", "Published", "Records citing", "Source id"]
    assert dict(zip(table["Source id"], table["Records citing"])) == {
        "000_4e5a9cc05a6421ba.txt#1": 1,
        "000_4e5a9cc05a6421ba.txt#2": 1,
        "001_f25ae13499e1e454.txt": 1,
    }
    assert table.loc[table["Source id"] == "001_f25ae13499e1e454.txt", "Published"].item() == "2026 (inferred)"
