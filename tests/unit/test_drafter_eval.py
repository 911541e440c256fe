"""The drafter's evaluation script, run on our own fixture articles: it counts what it should."""

from __future__ import annotations

import datetime as dt
import io

import yaml

from benchmarks.drafter_eval import EXPECTED, evaluate, main
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"


def event(partners, low, high, sectors, main=True, event_type="agreement"):
    return {"title": "t", "main": main, "event_type": event_type, "status": "signed", "date_from": low, "date_to": high,
            "precision": "day", "partners": partners, "sectors": sectors}  # fmt: skip


def test_evaluate_counts_found_events_sectors_and_quotes(tmp_path):
    expected = [
        {"file": "defense_money.txt", "url": "https://example.org/k2", "published": dt.date(2025, 8, 2), "events": [
            event(["POL"], dt.date(2025, 8, 1), dt.date(2025, 8, 1), ["defense"]),
            event(["POL"], dt.date(2022, 1, 1), dt.date(2022, 12, 31), ["defense"], main=False),
            event(["DEU"], dt.date(2025, 8, 1), dt.date(2025, 8, 1), [], main=False),  # no such draft
        ]},
        {"file": "group_on_or_before.txt", "url": "https://example.org/gcc", "published": dt.date(2023, 12, 28), "events": [
            event(["Gulf Cooperation Council"], None, dt.date(2023, 12, 28), ["trade_policy", "defense"]),
        ]},
    ]  # fmt: skip
    path = tmp_path / "expected.yaml"
    path.write_text(yaml.safe_dump(expected), encoding="utf-8")
    out = io.StringIO()
    result = evaluate(ARTICLES, path, ARTICLES / "curated", out=out)
    assert result["main_events_found"] == 1.0 and result["all_events_found"] == 3 / 4
    assert (
        result["sector_recall"] == 2 / 4
    )  # the deal's defense and the FTA's trade policy; not the 2022 contract's defense (no cue in its sentence) nor the made-up one
    assert result["quotes_verbatim"] == 1.0 and result["counts"]["drafts"] == 3
    assert result["seconds_per_article"] < 2
    assert "main events with the right partners and a date in range: 2/2" in out.getvalue()


def test_the_committed_expected_events_are_ours_and_complete():
    articles = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    assert len(articles) >= 12 and all(a["url"].startswith("http") and a["events"] for a in articles)
    assert sum(e["main"] for a in articles for e in a["events"]) >= 12


def test_a_missing_texts_folder_is_a_message(tmp_path, capsys):
    assert main(["--texts", str(tmp_path / "nowhere")]) == 2
    assert "--texts" in capsys.readouterr().err
