"""The What's new page under AppTest, on the git repository the tests build: the changes since a day in words,
the filters, the CSV, the quick choices; a copied folder says history is unavailable; the record's citation."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from sctracker import paths
from sctracker.export import export_filename, to_csv_bytes
from sctracker.query.changes import changes_since, quick_days
from sctracker.query.filters import Filters
from sctracker.records.dates import today
from sctracker.records.load import attach_history, load
from tests.conftest import PROJECT, download_offers
from tests.history_repo import CHIPS, EXTRA, FORUM, OLD, PACT, build_history_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return build_history_repo(tmp_path_factory.mktemp("history"))


@pytest.fixture
def app(repo, monkeypatch):
    curated, seeds = repo
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    return AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=30)


def whats_new(at: AppTest) -> AppTest:
    return at.run().switch_page("pages/whats_new.py").run()


def test_page_lists_changes_since_the_linked_day_with_words_and_csv(app, repo):
    app.query_params["since"] = "2026-01-10"
    at = whats_new(app)
    assert not at.exception
    table = at.dataframe[0].value
    assert list(zip(table["Change"], table["Record id"])) == [
        ("Added", EXTRA),
        ("Edited", CHIPS),
        ("Edited", FORUM),
        ("Edited", PACT),
        ("Removed", OLD),
    ]
    assert dict(zip(table["Record id"], table["What changed"]))[FORUM] == "status planned → held; date corrected: 1 Dec 2025 → 2 Dec 2025"
    assert dict(zip(table["Record id"], table["Link"]))[PACT] == f"./?record={PACT}"
    assert any("1 added · 3 edited · 1 removed" in caption.value for caption in at.caption)
    assert at.query_params["since"] == "2026-01-10"
    dataset = attach_history(load(*repo), repo[0])
    expected = changes_since(dataset, dt.date(2026, 1, 10), link_base="./")
    assert download_offers(at, "download-whats-new", to_csv_bytes(expected), export_filename("changes-since-20260110", Filters()))


def test_shared_filters_apply(app):
    app.query_params["since"] = "2026-01-10"
    app.query_params["partner"] = "EUU"
    at = whats_new(app)
    assert list(at.dataframe[0].value["Record id"]) == [CHIPS]


def test_default_is_seven_days_ago_and_quick_choices_set_the_day(app):
    at = whats_new(app)
    assert at.date_input(key="since").value == today() - dt.timedelta(days=7)
    assert not at.dataframe  # the test repository's commits are all older
    at.button[[button.label for button in at.button].index("Since last Monday")].click().run()
    assert at.date_input(key="since").value == quick_days(today())["Since last Monday"]


def test_added_since_filter_and_columns_on_the_overview(app):
    app.query_params["added"] = "2026-01-20"
    at = app.run()
    assert not at.exception
    [table] = [frame.value for frame in at.dataframe if "Title" in frame.value.columns]
    assert list(table["Added"].dt.date) == [dt.date(2026, 1, 28)] and "Last edited" in table.columns


def test_permalink_opens_the_record_with_its_citation(app):
    app.query_params["record"] = FORUM
    at = app.run()
    assert at.selectbox(key="record").value == FORUM
    [citation] = [code.value for code in at.code if FORUM in code.value and "Sources:" in code.value]
    assert citation.startswith("2nd Korea–Testland Battery Forum (2 Dec 2025; held)")
    assert citation.endswith(f"(added 2026-01-05, last edited 2026-01-20): ./?record={FORUM}")


def test_a_copied_folder_says_history_is_unavailable(app_env):
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=30).run().switch_page("pages/whats_new.py").run()
    assert not at.exception
    assert any("Record history is unavailable here" in info.value for info in at.info)
