"""Sectors an event bears on, from the cues each sector carries in ``curated/sectors.yaml``."""

from __future__ import annotations

import pandas as pd

from sctracker.curation.cues import CueHit, find_cues


def cue_table(vocabulary: pd.DataFrame) -> dict[str, list[str]]:
    """Entry id -> its cues, from a vocabulary table (``Vocabularies.sectors`` or ``.event_types``), in file order."""
    if "cues" not in vocabulary.columns:
        return {}
    return {entry: list(cues or ()) for entry, cues in vocabulary["cues"].items()}


def find_sectors(text: str, sectors: pd.DataFrame) -> list[CueHit]:
    """Every sector cue in ``text``."""
    return find_cues(text, cue_table(sectors))


def sector_ids(hits: list[CueHit], sectors: pd.DataFrame) -> list[str]:
    """The sectors some cue hits signal, in the vocabulary's order."""
    found = {hit.entry for hit in hits}
    return [sector for sector in sectors.index if sector in found]
