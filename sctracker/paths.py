"""Where the project's data live; the one module that knows folder names (imports nothing of the project)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Environment variables that point the dashboard at a curator's working copy.
CURATED_ENV = "SCTRACKER_CURATED"
SEEDS_ENV = "SCTRACKER_SEEDS"
#: Environment variable naming the folder of the loader's disk cache.
CACHE_ENV = "SCTRACKER_CACHE"
#: Files the dashboard's server hands to the browser as they are (``[server] enableStaticServing``): Streamlit
#: serves the ``static/`` folder beside the entry script at ``STATIC_URL``.
STATIC_DIR = PROJECT_ROOT / "static"
STATIC_URL = "app/static/"
#: Every country's outline as the partner map's base layer draws it (``geo.world_outline``), for the browser to
#: fetch once: made by ``tools/build_country_data.py``.
WORLD_OUTLINE_FILE = STATIC_DIR / "world-outline.json"
WORLD_OUTLINE_URL = STATIC_URL + WORLD_OUTLINE_FILE.name
#: Every border between countries and every coast, once, as the base layer's lines (``geo.world_borders``).
WORLD_BORDERS_FILE = STATIC_DIR / "world-borders.json"
WORLD_BORDERS_URL = STATIC_URL + WORLD_BORDERS_FILE.name


def curated_dir() -> Path:
    """The curated folder: ``$SCTRACKER_CURATED`` if set, else the project's ``curated/``."""
    return Path(os.environ.get(CURATED_ENV) or PROJECT_ROOT / "curated")


def seeds_dir() -> Path:
    """The seeds folder: ``$SCTRACKER_SEEDS`` if set, else the project's ``seeds/``."""
    return Path(os.environ.get(SEEDS_ENV) or PROJECT_ROOT / "seeds")


def cache_dir(curated: Path) -> Path:
    """The loader's disk cache: ``$SCTRACKER_CACHE`` if set, else ``.cache/`` beside the curated folder."""
    return Path(os.environ.get(CACHE_ENV) or Path(curated).parent / ".cache")


def events_dir(curated: Path) -> Path:
    """The folder of event records inside a curated folder."""
    return curated / "events"


PARTNERS_FILE = "partners.yaml"
SECTORS_FILE = "sectors.yaml"
EVENT_TYPES_FILE = "event_types.yaml"
SCHEMA_FILE = "event.schema.json"
TEMPLATE_FILE = "TEMPLATE.yaml"
SOURCES_FILE = "sources.yaml"
