"""The Curate page (AppTest): paste an article, see its drafts with their evidence, edit one with live
validation, publish it, discard another; read-only when served to a team; article text shown literally."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sctracker import paths
from sctracker.curation.drafts import list_drafts
from tests.conftest import FIXTURES, PROJECT, page_via_overview

ARTICLES = FIXTURES / "articles"
PAGE = "pages/curate.py"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    shutil.copytree(ARTICLES / "curated", tmp_path / "curated")
    shutil.copytree(ARTICLES / "seeds", tmp_path / "seeds")
    monkeypatch.setenv(paths.CURATED_ENV, str(tmp_path / "curated"))
    monkeypatch.setenv(paths.SEEDS_ENV, str(tmp_path / "seeds"))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv("SCTRACKER_READ_ONLY", raising=False)
    return tmp_path / "curated", tmp_path / "seeds"


def submit(at: AppTest, text: str, url: str) -> AppTest:
    at.text_area(key="curate-text").input(text)
    at.text_input(key="curate-url").input(url)
    [button] = [b for b in at.button if b.label == "Draft records"]
    return button.click().run()


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_paste_an_article_and_see_its_drafts_with_their_evidence(project):
    curated, _ = project
    text = (ARTICLES / "dateline_weekday.txt").read_text(encoding="utf-8")
    at = submit(page_via_overview(PAGE).run(), text, "https://example.org/view/AEN20220222000100320")
    assert not at.exception, at.exception
    assert "wrote 2 draft(s)" in at.success[0].value.replace("\\", "")
    assert len(list_drafts(curated)) == 2
    shown = markdown_text(at)
    assert ":blue-background[" in shown and ":green-background[" in shown  # each draft's evidence in its own colour
    assert len(at.main.expander) == 2
    assert at.text_input(key="curate-2022-02-22-korea-poland-agreement-title").value == "Korea–Poland agreement"


def test_edit_with_live_validation_then_publish(project):
    curated, _seeds = project
    text = (ARTICLES / "release_range.txt").read_text(encoding="utf-8")
    at = submit(page_via_overview(PAGE).run(), text, "https://example.org/release")
    [draft] = list_drafts(curated)
    key = f"curate-{draft.stem}"
    assert any("ready to publish" in s.value for s in at.success)
    at.multiselect(key=f"{key}-sectors").set_value([]).run()
    at.selectbox(key=f"{key}-status").set_value("held").run()  # a round the release plans, marked held
    [error] = [e.value.replace("\\", "") for e in at.error if "To fix" in e.value]
    assert "status held but dated after every cited source" in error  # a message a curator can act on
    assert next(b for b in at.button if b.label == "Publish").disabled
    at.selectbox(key=f"{key}-status").set_value("planned").run()
    at.multiselect(key=f"{key}-partners").set_value(["NLD", "CHL"]).run()  # any country is a partner
    assert not [e for e in at.error if "To fix" in e.value]
    at.multiselect(key=f"{key}-partners").set_value(["NLD"]).run()
    at.text_input(key=f"{key}-title").input("First Korea–Netherlands chip trade round").run()
    [publish] = [b for b in at.button if b.label == "Publish"]
    at = publish.click().run()
    assert not at.exception, at.exception
    target = curated / "events" / f"{draft.stem}.yaml"
    assert target.exists() and not draft.exists()
    assert "First Korea–Netherlands chip trade round" in target.read_text(encoding="utf-8")
    assert any("Published" in s.value for s in at.success)
    overview = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60).run()
    assert overview.metric[0].value == "2"  # the fixture's record and the one just published


def test_discard_says_what_it_removed(project):
    curated, _ = project
    text = (ARTICLES / "group_on_or_before.txt").read_text(encoding="utf-8")
    at = submit(page_via_overview(PAGE).run(), text, "https://example.org/gcc")
    [draft] = list_drafts(curated)
    [button] = [b for b in at.button if b.label == "Discard"]
    at = button.click().run()
    assert not draft.exists()
    assert any("removed" in s.value and draft.name in s.value.replace("\\", "") for s in at.success)


def test_bad_input_is_a_message_and_writes_nothing(project):
    curated, seeds = project
    before = sorted(p.name for p in seeds.iterdir())
    at = submit(page_via_overview(PAGE).run(), "", "https://example.org/empty")
    assert "Nothing was written" in at.error[0].value and "empty" in at.error[0].value
    at = submit(at, "Korea and Poland held talks on January 15, 2025.\n", "https://example.org/again")
    assert "already registered as 000_6edac993d337ab3c.txt" in at.error[0].value.replace("\\", "")
    assert sorted(p.name for p in seeds.iterdir()) == before and list_drafts(curated) == []


def test_article_text_is_shown_literally(project):
    text = "Korea and Poland sign deal\n\nPoland on Friday signed a deal <script>window.__pwned=1</script> **bold** [link](http://x.y), the ministry said.\n"
    at = submit(page_via_overview(PAGE).run(), text, "https://example.org/2025/08/02/hostile")
    shown = markdown_text(at)
    assert r"\<script\>" in shown and r"\*\*bold\*\*" in shown and "<script>" not in shown


def test_read_only_when_served_to_a_team(project, monkeypatch):
    monkeypatch.setenv("SCTRACKER_READ_ONLY", "1")
    at = page_via_overview(PAGE).run()
    assert not at.exception
    assert "read-only" in at.info[0].value
    assert not [b for b in at.button if b.label == "Draft records"]
