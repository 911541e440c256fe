"""Every real source has every quote of its records highlighted."""

from __future__ import annotations

from sctracker.figures.sources_view import segments
from sctracker.records.load import load
from tests.conftest import PROJECT


def test_every_real_source_has_its_quotes_highlighted():
    dataset = load(PROJECT / "curated", PROJECT / "seeds")
    from sctracker.figures.sources_view import citations_of

    for source_id, row in dataset.sources.iterrows():
        cited = citations_of(dataset.events, source_id)
        parts = segments(row["text"], cited)
        highlighted = {record for part in parts for record in part.record_ids}
        assert highlighted == {record for record, _ in cited}, source_id
