"""Sectors: which partners Korea works with on which sectors, which sectors rise over time, and a cell's events."""

import streamlit as st

from sctracker.app.page import setup_page
from sctracker.app.record import source_quotes
from sctracker.app.sectors_controls import sector_view_controls
from sctracker.app.tables import events_table
from sctracker.export import export_filename
from sctracker.figures import sectors as sector_matrix
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.style import plotly_config

page = setup_page("Sectors")
with st.container(key="page-notes"):
    st.caption("Which partners Korea works with on semiconductors, batteries, critical minerals and defense, and on every other sector.")
choice = sector_view_controls()
built = sector_matrix.build_view(page.events, page.dataset.vocab, page.filters.sectors, choice)
grid = built.grid

if grid.cells.empty:
    st.info(sector_matrix.empty_grid_message(page.events, choice.headline_only))
    selection = []
else:
    labels = page.labels(built.chart)
    figure = sector_matrix.grid_figure(grid, built.title, labels, tick_angle=built.tick_angle)
    chosen = st.plotly_chart(
        figure, config=plotly_config(labels, figure), width="content", theme=None,
        on_select="rerun", selection_mode=("points", "box"), key=f"sectors-chart-{built.kind}",
    )  # fmt: skip
    selection = sector_matrix.selected_cells(grid, chosen.selection.points)
    st.caption(" ".join(built.notes) + " Click a cell to list its events below (the toolbar's box select takes several).")
    st.download_button(
        "Download this matrix as CSV", data=sector_matrix.grid_csv(grid), file_name=export_filename(built.kind, page.filters),
        mime="text/csv", key="download-sectors-matrix",
    )  # fmt: skip

if selection:
    st.subheader("Events in " + escape_markdown(sector_matrix.describe_cells(grid, selection)))
    shown = sector_matrix.events_in_cells(page.events, grid, selection)
else:
    st.subheader("All events in view")
    shown = page.events
events_table(shown, page.filters, key="sectors")
if selection:
    source_quotes(shown)
