"""Shared fixtures: a small valid project (tests/fixtures/good) copied to a temporary folder per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sctracker.app.pages import PAGES

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def good_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the good fixture: (curated_dir, seeds_dir)."""
    shutil.copytree(GOOD, tmp_path / "project")
    return tmp_path / "project" / "curated", tmp_path / "project" / "seeds"


def _reference_button(data: bytes, file_name: str, mime: str) -> None:
    import streamlit as st

    st.download_button("reference", data=data, file_name=file_name, mime=mime)


def download_offers(at, key: str, data: bytes, file_name: str, mime: str = "text/csv") -> bool:
    """Whether the download button ``key`` on an AppTest page serves exactly ``data`` as ``file_name``.

    AppTest exposes no download bytes, but a button's media URL is made from its bytes, type and name
    alone: a reference button serving ``data`` as ``file_name`` has the same URL exactly when the files
    are the same.
    """
    from streamlit.testing.v1 import AppTest

    [button] = [b for b in at.get("download_button") if b.proto.id.endswith(key)]
    reference = AppTest.from_function(_reference_button, args=(data, file_name, mime)).run()
    [expected] = reference.get("download_button")
    return button.proto.url == expected.proto.url


def table_titles(at) -> list[str]:
    """The titles in a page's events table (the one table with a Title column)."""
    [table] = [frame.value for frame in at.dataframe if "Title" in frame.value.columns]
    return list(table["Title"])


@pytest.fixture
def app_env(good_copy, monkeypatch) -> tuple[Path, Path]:
    """Point the dashboard (SCTRACKER_CURATED/SCTRACKER_SEEDS) at a copy of the good fixture."""
    from sctracker import paths

    curated, seeds = good_copy
    monkeypatch.setenv(paths.CURATED_ENV, str(curated))
    monkeypatch.setenv(paths.SEEDS_ENV, str(seeds))
    return curated, seeds


def page_via_overview(page: str, timeout: float = 60):
    """An AppTest of ``page`` (``pages/<file>.py``) reached from the overview, as a reader would (STACK-NOTES).

    Run it to see the page: ``page_via_overview(page).run()``; the Overview's own script is already run.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=timeout).run()
    return at if page == PAGES[0].script else at.switch_page(page)
