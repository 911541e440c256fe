"""The Sectors page's controls: the view, headline sectors only, row order, crediting members, the period,
each a page choice kept in the link."""

from __future__ import annotations

import streamlit as st

from sctracker.app.view_state import page_choice, parse_bool
from sctracker.figures.sectors.grid import PERIODS
from sctracker.figures.sectors.views import ORDER_LABELS, VIEWS, SectorView


def sector_view_controls() -> SectorView:
    """Draw the controls (hidden in presentation mode) and return the reader's choices."""
    default = SectorView()
    with st.container(key="page-controls"):
        view = st.segmented_control(
            "View", list(VIEWS), format_func=VIEWS.get, required=True, key=page_choice("view", default.view, VIEWS), persist_state="session"
        )
        options = st.columns(3)
        headline_only = options[0].toggle(
            "Headline sectors only", key=page_choice("headline", default.headline_only, (True, False), parse_bool), persist_state="session"
        )
        if view == "partners":
            order = options[1].radio(
                "Order rows by", list(ORDER_LABELS), format_func=ORDER_LABELS.get, horizontal=True,
                key=page_choice("order", default.order, ORDER_LABELS), persist_state="session",
            )  # fmt: skip
            credit = options[2].toggle(
                "Credit members",
                help="An event with a group (the European Union, say) also counts in each member country's row.",
                key=page_choice("credit", default.credit_members, (True, False), parse_bool), persist_state="session",
            )  # fmt: skip
            return SectorView(view, headline_only, order=order, credit_members=credit)
        period = options[1].radio(
            "Period",
            PERIODS,
            format_func=str.capitalize,
            horizontal=True,
            key=page_choice("period", default.period, PERIODS),
            persist_state="session",
        )
        return SectorView(view, headline_only, period=period)
