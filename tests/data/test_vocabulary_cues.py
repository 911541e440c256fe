"""The drafter's cues are part of the vocabularies: every sector and event type carries words that signal it."""

from __future__ import annotations

import pytest

from sctracker.curation.cues import find_cues
from sctracker.records.load import load
from tests.conftest import PROJECT

VOCAB = load(PROJECT / "curated", PROJECT / "seeds").vocab


@pytest.mark.parametrize("table", ["sectors", "event_types"])
def test_every_entry_has_cues(table):
    frame = getattr(VOCAB, table)
    assert len(frame) > 0
    assert [entry for entry, cues in frame["cues"].items() if not cues] == []


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("supply chains of lithium and nickel", "critical_minerals"),
        ("EV batteries and electric vehicles", "future_mobility"),
        ("K2 tanks and K9 self-propelled howitzers", "defense"),
        ("a semiconductor alliance", "semiconductors"),
        ("the IPEF Supply Chain Agreement", "trade_policy"),
    ],
)
def test_the_brief_s_examples_signal_their_sector(text, sector):
    assert sector in {hit.entry for hit in find_cues(text, dict(VOCAB.sectors["cues"].items()))}


def test_cues_match_whole_words_plurals_and_acronyms_in_their_capitals():
    table = {"ai": ["AI"], "batteries": ["battery"], "critical_minerals": ["tin"]}
    assert [hit.entry for hit in find_cues("AI batteries and tin mines", table)] == ["ai", "batteries", "critical_minerals"]
    assert find_cues("said, maintain the tinted glass", table) == []
