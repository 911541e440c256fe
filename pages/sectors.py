"""Sectors: which partners Korea works with on which sectors, which sectors rise over time, and a cell's events."""

import streamlit as st

from sctracker.app.page import setup_page
from sctracker.app.record import source_quotes
from sctracker.app.tables import events_table
from sctracker.app.view_state import page_choice, parse_bool
from sctracker.export import export_filename
from sctracker.figures import sectors as sector_matrix
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.style import plotly_config

page = setup_page("Sectors")
vocab = page.dataset.vocab
with st.container(key="page-notes"):
    st.caption("Which partners Korea works with on semiconductors, batteries, critical minerals and defense, and on every other sector.")

with st.container(key="page-controls"):
    views = {"partners": "Partners by sector", "time": "Sectors over time"}
    view = st.segmented_control(
        "View", list(views), format_func=views.get, required=True, key=page_choice("view", "partners", views), persist_state="session"
    )
    options = st.columns(3)
    headline_only = options[0].toggle(
        "Headline sectors only", key=page_choice("headline", False, (True, False), parse_bool), persist_state="session"
    )
    if view == "partners":
        orders = {"engagement": "Number of events", "region": "Region"}
        order = options[1].radio(
            "Order rows by",
            list(orders),
            format_func=orders.get,
            horizontal=True,
            key=page_choice("order", "engagement", orders),
            persist_state="session",
        )
        credit = options[2].toggle(
            "Credit group events to member countries", key=page_choice("credit", False, (True, False), parse_bool), persist_state="session"
        )
    else:
        period = options[1].radio(
            "Period",
            sector_matrix.PERIODS,
            format_func=str.capitalize,
            horizontal=True,
            key=page_choice("period", "year", sector_matrix.PERIODS),
            persist_state="session",
        )
sectors = sector_matrix.shown_sectors(vocab, page.filters.sectors, headline_only)
if view == "partners":
    grid = sector_matrix.partner_grid(page.events, vocab, sectors, credit, order)
    title, chart, kind = "Events by partner and sector", "sector-matrix", sector_matrix.matrix_kind(headline_only, credit)
    notes = sector_matrix.grid_notes(grid, page.events, order=order, credit_members=credit)
else:
    grid = sector_matrix.period_grid(page.events, vocab, sectors, period)
    title, chart, kind = f"Events by sector and {period}", f"sector-by-{period}", sector_matrix.matrix_kind(headline_only, period=period)
    notes = sector_matrix.grid_notes(grid, page.events, period=period)

if grid.cells.empty:
    st.info(sector_matrix.empty_grid_message(page.events, headline_only))
    selection = []
else:
    labels = page.labels(chart)
    figure = sector_matrix.grid_figure(grid, title, labels, tick_angle=-45 if view == "partners" else -60)
    chosen = st.plotly_chart(
        figure,
        config=plotly_config(labels, figure),
        width="content",
        theme=None,
        on_select="rerun",
        selection_mode=("points", "box"),
        key=f"sectors-chart-{kind}",
    )
    selection = sector_matrix.selected_cells(grid, chosen.selection.points)
    st.caption(" ".join(notes) + " Click a cell to list its events below (the toolbar's box select takes several).")
    st.download_button(
        "Download this matrix as CSV",
        data=sector_matrix.grid_csv(grid),
        file_name=export_filename(kind, page.filters),
        mime="text/csv",
        key="download-sectors-matrix",
    )

if selection:
    st.subheader("Events in " + escape_markdown(sector_matrix.describe_cells(grid, selection)))
    shown = sector_matrix.events_in_cells(page.events, grid, selection)
else:
    st.subheader("All events in view")
    shown = page.events
events_table(shown, page.filters, key="sectors")
if selection:
    source_quotes(shown)
