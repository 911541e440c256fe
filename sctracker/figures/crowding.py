"""Crowded charts: a chart with a row for each partner (the counting timeline's lanes, the Sectors page's grid)
gives the partners with fewest events one last row together once there are more than ``PARTNER_ROWS_UP_TO``; the
partner map draws no line from Seoul to those partners (``partner_map.unlinked_partners``).

At 10,000 synthetic records there were 462 partners: a timeline 20,600 pixels tall that took Chromium 40 s to
draw, a grid of 8,300 pixels and 785 KB for every filter change. Forty rows read on a page; the tables below
the charts still list every event.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Past this many partners, the ones with fewest events share the last row.
PARTNER_ROWS_UP_TO = 40
#: That row's key (no partner's: codes are letters and hyphens), and its region's name, after every region's.
OTHER_PARTNERS, OTHER_REGION = "+others", "Others"


def folded_partners(events_per_partner: Mapping[str, int]) -> frozenset[str]:
    """The partners to fold in the last row: all but the ``PARTNER_ROWS_UP_TO - 1`` with most events (ties: by
    code), when there are more than ``PARTNER_ROWS_UP_TO``; none otherwise."""
    if len(events_per_partner) <= PARTNER_ROWS_UP_TO:
        return frozenset()
    ranked = sorted(events_per_partner.items(), key=lambda item: (-item[1], item[0]))
    return frozenset(code for code, _ in ranked[PARTNER_ROWS_UP_TO - 1 :])


def other_partners_label(folded: int) -> str:
    """The last row's label: ``422 other partners``."""
    return f"{folded:,} other partners"
