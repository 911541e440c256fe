"""Drafting: every event of short articles we wrote in the real styles, and of the seeds' releases, drafted
with its partners, date, status and verbatim quotes; drafts written, published and discarded as a curator
would, from Python and from the command line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sctracker.cli import main
from sctracker.curation.drafts import PublishError, discard, draft_problems, list_drafts, publish, read_draft
from sctracker.curation.register import RegistrationError, find_provenance
from sctracker.curation.workbench import draft_article, draft_source, record_checks, vocabularies
from sctracker.records.load import load
from sctracker.records.sources import quote_in, source_texts
from sctracker.records.store import WriteRefused
from tests.conftest import FIXTURES, PROJECT

ARTICLES = FIXTURES / "articles"
URLS = {"dateline_weekday.txt": "https://example.org/view/AEN20220222000100320", "last_november.txt": "https://example.org/2023/02/28/x"}

# article -> the events it states: (event type, status, date, end date, partners), in the article's order
EXPECTED = {
    "dateline_weekday.txt": [
        ("agreement", "signed", "2022-02-22", None, ["POL"]),
        ("committee", "held", "2022-02-22", None, ["POL"]),
    ],
    "release_range.txt": [("negotiation_round", "planned", "2025-12-01", "2025-12-04", ["NLD"])],
    # a release's dateline with no agency ("SEOUL, March 12, 2026 —") is the report's day, not the event's
    "release_dateline.txt": [("committee", "held", "2026-03-11", None, ["CHL"])],
    "group_on_or_before.txt": [("agreement", "signed", "2023-12-28", None, ["GCC"])],  # on or before the page's date
    "last_november.txt": [
        ("dialogue", "held", "2023-02-27", None, ["JPN", "USA"]),
        ("dialogue", "announced", "2022-11-01", None, ["JPN", "USA"]),
    ],
    "weekend_demonym.txt": [
        ("agreement", "signed", "2024-08-31", "2024-09-01", ["DEU"]),
        ("meeting", "planned", "2024-09-04", None, ["AUS"]),
    ],
    "defense_money.txt": [
        ("agreement", "signed", "2025-08-01", None, ["POL"]),
        ("agreement", "signed", "2022-01-01", None, ["POL"]),
    ],
}


@pytest.fixture(scope="module")
def vocab():
    return vocabularies(ARTICLES / "curated")


def drafts_of(name: str, vocab):
    text = (ARTICLES / name).read_text(encoding="utf-8")
    provenance = find_provenance(text, URLS.get(name, f"https://example.org/{name}"))
    return text, draft_source(text, name, provenance.published, vocab, set())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_event_of_an_article_is_drafted(name, vocab):
    _, drafts = drafts_of(name, vocab)
    found = [(d.data["event_type"], d.data["status"], d.data["date"], d.data["end_date"], d.data["partners"]) for d in drafts]
    assert found == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_quote_is_verbatim_and_every_worked_out_date_says_how(name, vocab):
    text, drafts = drafts_of(name, vocab)
    for draft in drafts:
        assert draft.data["sources"], draft.id
        assert all(ref["source"] == name and quote_in(ref["quote"], text) for ref in draft.data["sources"])
        assert not draft.data["date_inferred"] or draft.data["date_note"]
        assert "KOR" not in draft.data["partners"]


def test_a_draft_carries_people_places_sectors_and_figures(vocab):
    _, drafts = drafts_of("dateline_weekday.txt", vocab)
    committee = drafts[1].data
    assert committee["location"] == {"city": "Warsaw", "country": "POL", "venue": None}
    assert {(p["name"], p["side"]) for p in committee["participants"]} == {("Moon Sung-wook", "KOR"), ("Anna Nowak", "POL")}
    assert committee["sectors"] == ["critical_minerals"]
    _, drafts = drafts_of("defense_money.txt", vocab)
    deal = drafts[0]
    assert {"label": "deal value", "value": 6.5, "qualifier": "about", "unit": "billion USD", "currency": None} in deal.data["figures"]
    assert any("'$' read as US dollars" in doubt for doubt in deal.doubts)
    assert deal.data["sectors"] == ["defense"]


def test_an_undated_done_event_is_on_or_before_and_says_so(vocab):
    _, [draft] = drafts_of("group_on_or_before.txt", vocab)
    assert draft.data["date_inferred"] and "on or before" in draft.data["date_note"]
    assert any("on or before" in doubt for doubt in draft.doubts)


# The seeds' releases whose records are dated to the day: the drafter finds each with its partners and day.
SEED_EVENTS = [
    ("001_9b46d61e6e31a0a3.txt#1", "2025-12-04", ["USA"]),
    ("001_9b46d61e6e31a0a3.txt#1", "2025-12-03", ["USA"]),
    ("001_9b46d61e6e31a0a3.txt#2", "2025-12-03", ["FRA"]),
    ("001_9b46d61e6e31a0a3.txt#3", "2025-12-02", ["CAS"]),
    ("001_9b46d61e6e31a0a3.txt#4", "2025-12-02", ["CAS"]),
    ("001_9b46d61e6e31a0a3.txt#5", "2025-12-01", ["CAN"]),
    ("001_9b46d61e6e31a0a3.txt#6", "2025-12-01", ["SRB"]),
    ("001_9b46d61e6e31a0a3.txt#8", "2025-11-28", ["LAC"]),
    ("001_9b46d61e6e31a0a3.txt#9", "2025-11-27", ["EUU"]),
    ("001_9b46d61e6e31a0a3.txt#10", "2025-11-27", ["EUU"]),
]


@pytest.fixture(scope="module")
def seeds_dataset():
    return load(PROJECT / "curated", PROJECT / "seeds"), source_texts(PROJECT / "seeds")


@pytest.mark.parametrize(("source", "day", "partners"), SEED_EVENTS)
def test_the_seeds_releases_are_drafted_as_their_records_date_them(seeds_dataset, source, day, partners):
    dataset, texts = seeds_dataset
    published = dataset.sources.at[source, "published"]
    drafts = draft_source(texts[source], source, published, dataset.vocab, set())
    assert any(d.data["date"] == day and d.data["partners"] == partners for d in drafts), [
        (d.data["date"], d.data["partners"]) for d in drafts
    ]
    assert all(quote_in(ref["quote"], texts[source]) for d in drafts for ref in d.data["sources"])


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(ARTICLES / "curated", tmp_path / "curated")
    shutil.copytree(ARTICLES / "seeds", tmp_path / "seeds")
    return tmp_path / "curated", tmp_path / "seeds"


def test_drafts_are_written_apart_and_never_shown_or_validated(project):
    curated, seeds = project
    text = (ARTICLES / "dateline_weekday.txt").read_text(encoding="utf-8")
    result = draft_article(text, URLS["dateline_weekday.txt"], curated, seeds)
    assert [d.path for d in result.drafts] == sorted(list_drafts(curated), key=[d.path for d in result.drafts].index)
    assert all(path.parent == curated / "drafts" for path in list_drafts(curated))
    dataset = load(curated, seeds)
    assert dataset.problems == [] and len(dataset.events) == 1  # only the fixture's own record; the new source loads
    assert result.sources[0].id in dataset.sources.index


def test_publish_checks_moves_and_never_overwrites_unasked(project):
    curated, seeds = project
    text = (ARTICLES / "release_range.txt").read_text(encoding="utf-8")
    [draft] = draft_article(text, "https://example.org/release", curated, seeds).drafts
    checks = record_checks(curated, seeds)
    assert draft_problems(draft.data, checks) == []
    target = publish(read_draft(draft.path), curated, checks)
    assert target == curated / "events" / f"{draft.id}.yaml" and not draft.path.exists()
    assert load(curated, seeds).problems == [] and draft.id in set(load(curated, seeds).events["id"])
    published = target.read_text(encoding="utf-8")
    assert "# unsure" not in published and "$schema=../event.schema.json" in published
    again = read_draft(target)
    again.path = None
    with pytest.raises(PublishError, match="exists: confirm"):
        publish(again, curated, checks)
    again.data["title"] = "Renamed by the curator"
    publish(again, curated, checks, overwrite=True)
    assert "Renamed by the curator" in target.read_text(encoding="utf-8")


def test_publish_lists_every_problem_at_once_and_writes_nothing(project):
    curated, seeds = project
    text = (ARTICLES / "release_range.txt").read_text(encoding="utf-8")
    [draft] = draft_article(text, "https://example.org/release", curated, seeds).drafts
    draft.data.update(status="finished", partners=["KOR"], sectors=["nope"])
    with pytest.raises(PublishError) as raised:
        publish(draft, curated, record_checks(curated, seeds))
    assert "status" in str(raised.value)
    draft.data["status"] = "held"
    with pytest.raises(PublishError) as raised:
        publish(draft, curated, record_checks(curated, seeds))
    assert "KOR is the home country" in str(raised.value) and "unknown sector 'nope'" in str(raised.value)
    assert not (curated / "events" / f"{draft.id}.yaml").exists() and draft.path.exists()


def test_discard_removes_the_draft_and_says_what(project):
    curated, seeds = project
    text = (ARTICLES / "release_range.txt").read_text(encoding="utf-8")
    [draft] = draft_article(text, "https://example.org/release", curated, seeds).drafts
    message = discard(draft)
    assert str(draft.path) in message and "1 quote" in message and not draft.path.exists()


def test_read_only_mode_writes_nothing(project, monkeypatch):
    curated, seeds = project
    monkeypatch.setenv("SCTRACKER_READ_ONLY", "1")
    text = (ARTICLES / "release_range.txt").read_text(encoding="utf-8")
    with pytest.raises(WriteRefused, match="read-only"):
        draft_article(text, "https://example.org/release", curated, seeds)
    assert list_drafts(curated) == [] and sorted(p.name for p in seeds.iterdir()) == ["000_6edac993d337ab3c.txt", "sources.yaml"]


def test_draft_and_publish_from_the_command_line(project, capsys):
    curated, seeds = project
    article = ARTICLES / "weekend_demonym.txt"
    folders = ["--curated", str(curated), "--seeds", str(seeds)]
    assert main(["draft", str(article), "--url", "https://example.org/perth", *folders]) == 0
    out = capsys.readouterr().out
    drafts = list_drafts(curated)
    assert len(drafts) == 2 and all(str(path) in out for path in drafts) and "unsure: " in out
    assert main(["draft", str(article), "--url", "https://example.org/other", *folders]) == 1
    assert "already registered as 001_" in capsys.readouterr().err
    assert main(["publish", str(drafts[0]), "--seeds", str(seeds)]) == 0
    assert (curated / "events" / drafts[0].name).exists() and not drafts[0].exists()
    assert main(["validate", *folders]) == 0


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (b"", [], "empty"),
        (b"\x00\x01binary", [], "binary"),
        (b"Korea and Chile met.", ["--published", "2024/05/01"], "YYYY-MM-DD"),
    ],
)
def test_the_command_line_refuses_bad_input_and_changes_nothing(project, tmp_path, capsys, content, extra, message):
    curated, seeds = project
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    before = sorted(p.name for p in seeds.iterdir())
    assert main(["draft", str(article), "--url", "https://example.org/z", "--curated", str(curated), "--seeds", str(seeds), *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err
    assert sorted(p.name for p in seeds.iterdir()) == before and list_drafts(curated) == []


def test_a_publication_date_given_is_used(project):
    curated, seeds = project
    text = (ARTICLES / "last_november.txt").read_text(encoding="utf-8")
    result = draft_article(text, "https://example.org/no-date-in-url", curated, seeds, published=dt.date(2023, 2, 28))
    assert result.sources[0].published == dt.date(2023, 2, 28)
    with pytest.raises(RegistrationError, match="URL"):
        draft_article(text, " ", curated, seeds)
