"""Sectors: which partners Korea works with on which sectors, which sectors rise over time, and a cell's events."""

import streamlit as st

from sctracker.app.page import chart_in_words, setup_page
from sctracker.app.record import source_quotes
from sctracker.app.sectors_controls import sector_view_controls
from sctracker.app.slides import chart_slide_download
from sctracker.app.tables import events_table
from sctracker.briefing import charts as slide_charts
from sctracker.export import export_filename
from sctracker.figures import sectors as sector_matrix
from sctracker.figures import summaries
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.style import SELECTION_MODE, plotly_config

page = setup_page("Sectors")
with st.container(key="page-notes"):
    st.caption("Which partners Korea works with on semiconductors, batteries, critical minerals and defense, and on every other sector.")
choice = sector_view_controls()
built = page.kept(("sectors", choice), lambda: sector_matrix.build_view(page.events, page.dataset.vocab, page.filters.sectors, choice))
grid = built.grid

if grid.cells.empty:
    st.info(sector_matrix.empty_grid_message(page.events, choice.headline_only))
    selection = []
else:
    labels = page.labels(built.chart)
    figure = page.kept(
        ("sectors chart", choice, labels), lambda: sector_matrix.grid_figure(grid, built.title, labels, tick_angle=built.tick_angle)
    )
    chosen = st.plotly_chart(
        figure, config=plotly_config(labels, figure), width="content", theme=None,
        on_select="rerun", selection_mode=SELECTION_MODE, key=f"sectors-chart-{built.kind}",
    )  # fmt: skip
    in_words = summaries.partner_sector_text if choice.view == "partners" else summaries.sector_time_text
    chart_in_words(page.kept(("sectors in words", choice), lambda: in_words(built.matrix, page.events)))
    chart_slide_download(lambda: slide_charts.sectors_chart(page.dataset, page.filters, page.events, choice), labels, key="sectors")
    st.caption(
        " ".join(built.notes)
        + " Click a cell to list its events below (the toolbar's box select takes several), or choose cells in the list."
    )
    cells = sector_matrix.cell_choices(grid)  # what a click does, without a pointer; new cells, a new list
    with st.container(key="page-controls-cells"):
        listed = st.multiselect("List the events of cells", list(cells), format_func=cells.get, key=f"sectors-cells-{hash(tuple(cells))}")
    selection = sector_matrix.selected_cells(grid, chosen.selection.points)
    selection += [cell for cell in listed if cell not in selection]
    st.download_button(
        "Download this matrix as CSV", data=sector_matrix.grid_csv(built.matrix), file_name=export_filename(built.kind, page.filters),
        mime="text/csv", key="download-sectors-matrix",
    )  # fmt: skip

if selection:
    st.header("Events in " + escape_markdown(sector_matrix.describe_cells(grid, selection)))
    shown = sector_matrix.events_in_cells(page.events, grid, selection)
else:
    st.header("All events in view")
    shown = page.events
events_table(shown, page.filters, key="sectors")
if selection:
    source_quotes(shown)
