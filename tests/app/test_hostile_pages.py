"""Bad and hostile input on every page (AppTest): valid records shown, rejected ones listed, text literal,
a changing folder seen on the next rerun, a missing folder a message.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sctracker import paths
from sctracker.app.pages import PAGES
from sctracker.records.cache import cache_file
from tests.conftest import PROJECT, page_via_overview
from tests.hostile_corpus import ACCEPTED, BOM_RECORD, SECRET, outside_folder, plant_cache_that_runs, write_corpus

GOOD_IDS = {"2025-12-02-testland-battery-forum", "2024-06-01-exampleland-minerals-pact", "2026-01-22-union-chip-dialogue"}
VALID_IDS = GOOD_IDS | set(ACCEPTED) | {BOM_RECORD[0]}
PAGE_FILES = [page.script for page in PAGES]


@pytest.fixture
def corpus(good_copy):
    """The hostile corpus, and in the dashboard's cache folder a pickle that would leave a mark if it were loaded."""
    curated, seeds = good_copy
    expected = write_corpus(curated / "events")
    plant_cache_that_runs(curated, seeds)
    return curated, seeds, expected


def page_text(at) -> str:
    """Everything a page shows as text: messages, markdown, tables, chart and map specifications, choices."""
    parts = [
        str(element.value) for kind in ("markdown", "caption", "text", "error", "warning", "info", "success") for element in at.get(kind)
    ]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")] + [deck.proto.json for deck in at.get("deck_gl_json_chart")]
    parts += [str(widget.options) for kind in ("selectbox", "multiselect") for widget in at.get(kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_shows_the_valid_records_and_lists_the_rejected(corpus, monkeypatch, page):
    curated, seeds, expected = corpus
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    at = page_via_overview(page).run()
    assert not at.exception, at.exception
    assert f"{len(expected)} of {len(expected) + len(VALID_IDS)} record files were rejected" in at.warning[0].value
    listed = [frame.value for frame in at.dataframe if list(frame.value.columns) == ["File", "Problem"]]
    assert {f.rsplit("/", 1)[-1] for f in listed[0]["File"]} == set(expected)
    errors = [error.value.replace("\\", "") for error in at.error]  # Markdown escapes taken out
    assert any("seeds/sources.yaml" in error and "not read" in error for error in errors)  # the source list's problems
    assert SECRET not in page_text(at)  # nothing outside the data folders read or shown
    assert not (outside_folder(curated / "events") / "cache-ran").exists()  # the planted cache ran nothing
    assert not cache_file(paths.cache_dir(curated), curated, seeds).read_bytes().startswith(b"\x80")  # it was refused and rewritten


def test_overview_shows_hostile_text_literally(corpus, monkeypatch):
    curated, seeds, _ = corpus
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60).run()
    at.selectbox(key="record").select("2025-12-02-html-record").run()
    shown = " ".join(m.value for m in at.markdown)
    assert r"\<script\>window\.\_\_pwned \= 1\</script\>Script title" in shown
    assert r'\<img src\=x onerror\="window\.\_\_pwned \= 2"\> \[a link\]\(http\://example\.com\) \*\*bold\*\*' in shown


def test_a_changing_folder_shows_on_the_next_rerun(good_copy, monkeypatch):
    curated, seeds = good_copy
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60).run()
    assert at.metric[0].value == "3"
    added = curated / "events" / "2025-12-02-html-record.yaml"
    added.write_text(ACCEPTED["2025-12-02-html-record"], encoding="utf-8")
    at.run()
    assert at.metric[0].value == "4" and not at.exception
    added.write_text("title: [broken\n", encoding="utf-8")
    at.run()
    assert at.metric[0].value == "3" and "1 of 4 record files were rejected" in at.warning[0].value
    added.unlink()
    at.run()
    assert at.metric[0].value == "3" and not at.warning and not at.exception


@pytest.mark.parametrize("missing", ["curated", "seeds"])
def test_a_missing_folder_is_a_message_not_a_traceback(tmp_path, monkeypatch, missing):
    monkeypatch.setenv(paths.CURATED_ENV, str(tmp_path / "curated" if missing == "curated" else PROJECT / "curated"))
    monkeypatch.setenv(paths.SEEDS_ENV, str(tmp_path / "seeds" if missing == "seeds" else PROJECT / "seeds"))
    for page in PAGE_FILES:
        at = page_via_overview(page).run()
        assert not at.exception, (page, at.exception)
        assert any(f"the {missing} folder does not exist" in e.value for e in at.error), page


def test_the_rejected_list_downloads_as_shown(corpus, monkeypatch):
    from sctracker.export import export_filename, to_csv_bytes
    from sctracker.query.filters import Filters
    from tests.conftest import download_offers

    curated, seeds, _ = corpus
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60).run()
    [listed] = [frame.value for frame in at.dataframe if list(frame.value.columns) == ["File", "Problem"]]
    assert download_offers(at, "download-rejected-records", to_csv_bytes(listed), export_filename("rejected-records", Filters()))
