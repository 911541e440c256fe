"""The browser benchmark's arithmetic (``benchmarks.browser.run``): medians, ratios to the empty page and the
table, from made-up runs; nothing is timed here."""

from __future__ import annotations

import pytest

from benchmarks.browser.run import KINDS, spellings, stats, summarize, table


def _run(seconds: float, cpu: float, kb: float = 1.0) -> dict:
    return {"seconds": seconds, "cpu_ours": cpu, "cpu_others": 0.5, "bytes": kb * 1024}


def _result() -> dict:
    empty = {
        "first_view": [_run(1.0, 1.0), _run(3.0, 1.2), _run(2.0, 1.1)],
        "filter_change": [_run(0.2, 0.1), _run(0.4, 0.3), _run(0.3, 0.2)],
        "filter_clear": [_run(0.3, 0.2)],
    }
    timeline = {
        "first_view": [_run(4.0, 2.2), {"error": "TimeoutError: 300000 ms exceeded"}, _run(6.0, 2.2)],
        "filter_change": [_run(0.9, 0.8), _run(1.2, 0.6), _run(0.6, 1.0, kb=40)],
        "filter_clear": [_run(0.6, 0.4)],
        "page_switch": [{"error": "TimeoutError"}],
    }
    return {
        "empty": empty,
        "pages": [{"label": "Timeline", "path": "/timeline", "switch_to": "Sectors", **timeline}],
        "cold_first_view": {"seconds": 9.5},
    }


def test_a_step_is_summarized_by_its_median_spread_cpu_and_failures():
    step = stats(_result()["pages"][0]["first_view"])
    assert (step["median"], step["min"], step["max"], step["n"], step["errors"]) == (5.0, 4.0, 6.0, 2, 1)
    assert step["cpu_median"] == pytest.approx(2.2)
    assert stats([{"error": "TimeoutError"}]) is None  # every run failed: no numbers, not zeros


def test_each_step_is_divided_by_the_empty_page_step_of_its_kind():
    summary = summarize(_result())
    [timeline] = summary["pages"]
    assert timeline["first_view"]["ratio"] == pytest.approx(5.0 / 2.0)
    assert timeline["first_view"]["cpu_ratio"] == pytest.approx(2.2 / 1.1)
    assert timeline["filter_change"]["ratio"] == pytest.approx(0.9 / 0.3)
    assert timeline["filter_clear"]["ratio"] == pytest.approx(0.6 / 0.3)  # a clear is a rerun: against the empty page's rerun
    assert timeline["filter_change"]["median_kb"] == pytest.approx(1.0)
    assert timeline["page_switch"] is None
    assert summary["cold_first_view"] == 9.5


def test_the_table_has_a_row_per_page_and_step_with_its_ratios():
    text = table({"real": summarize(_result())})
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 3 + len(KINDS)  # the header, the empty page's steps, the page's steps
    assert "| Timeline | first view | 5.00 (4.00–6.00) (1 failed) | 2.5× | 2.20 | 2.0× |" in text
    assert "| Timeline | page switch → Sectors | – | – | – | – |" in text
    assert "| empty page | filter change | 0.30 (0.20–0.40) | 1× | 0.20 | 1× |" in text
    assert text.endswith("real: 9.50 s")


def test_each_filter_change_spells_the_word_anew_so_that_it_is_a_view_not_seen_before():
    import itertools

    words = list(itertools.islice(spellings("ore"), 9))
    assert words[:8] == ["ore", "Ore", "oRe", "ORe", "orE", "OrE", "oRE", "ORE"] and words[8] == "ore"
    assert len(set(itertools.islice(spellings("minerals"), 40))) == 40  # a whole run's changes, each a new view
