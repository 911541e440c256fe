"""Partner map: where Korea's supply-chain partners are, how many events the filtered records hold with each,
and the events of one partner, chosen on the map or in the list."""

import streamlit as st

from sctracker import paths
from sctracker.app.data import whole_map_view
from sctracker.app.page import chart_in_words, setup_page
from sctracker.app.slides import chart_slide_download
from sctracker.app.tables import events_table, table_download
from sctracker.app.view_state import page_choice
from sctracker.briefing import charts as slide_charts
from sctracker.figures import partner_map, summaries
from sctracker.figures.markdown import escape_markdown

page = setup_page("Partner map")
vocab = page.dataset.vocab
options = partner_map.sector_switch_options(vocab)
with st.container(key="page-controls"):
    sector = st.segmented_control(
        "Show events in",
        options=options,
        required=True,
        format_func=lambda s: "All sectors" if s == partner_map.ALL_SECTORS else vocab.sector_label(s),
        key=page_choice("map", partner_map.ALL_SECTORS, options),
        persist_state="session",
    )
events = page.kept(("map events", sector), lambda: partner_map.restrict_to_sector(page.events, sector))
table = page.kept(("map partners", sector), lambda: partner_map.partner_table(events, vocab))
labels = page.labels("partner-map")

st.header("Number of events with each partner")
st.caption(escape_markdown(partner_map.map_subtitle(labels.subtitle, sector, vocab)))
deck = page.kept(
    ("map", sector),
    lambda: partner_map.partner_deck(
        events, vocab, table, world_url=paths.WORLD_OUTLINE_URL, borders_url=paths.WORLD_BORDERS_URL, view=whole_map_view(page.dataset)
    ),
)
state = st.pydeck_chart(
    deck,
    on_select="rerun",
    selection_mode="single-object",
    key="partner-map",
    width=partner_map.MAP_WIDTH_PIXELS,
    height=partner_map.MAP_HEIGHT_PIXELS,
    alt="World map of Korea's partners, coloured by the number of events with each",
)
st.caption(escape_markdown(labels.source_line))
chart_in_words(page.kept(("map in words", sector), lambda: summaries.partner_map_text(events, vocab, table)))
st.image(partner_map.legend_svg(table), width="content", alt=partner_map.legend_words(table))
chart_slide_download(lambda: slide_charts.map_chart(page.dataset, page.filters, page.events, sector), labels, key="partner-map")
if table.empty:
    st.info("No events match these filters: no partner to show.")
    st.stop()

focus_options = {partner_map.ALL_PARTNERS: "Every partner on the map", **dict(zip(table["code"], table["name"]))}
focus_key = page_choice("focus", partner_map.ALL_PARTNERS, focus_options)
partner_map.follow_map_click(st.session_state, focus_key, state, focus_options)
with st.container(key="page-controls-focus"):
    focus = st.selectbox(
        "List the events of", list(focus_options), format_func=focus_options.get, key=focus_key, persist_state="session",
        help="Or click a country, dot or line on the map; click it again, or the open sea, for every partner.",
    )  # fmt: skip
chosen = None if focus == partner_map.ALL_PARTNERS else focus
st.header(f"Events with {escape_markdown(vocab.partner_name(chosen))}" if chosen else "Events on the map")
shown = partner_map.partner_events(events, chosen) if chosen else events
events_table(shown, partner_map.table_filters(page.filters, sector, chosen), key="partner-map")

with st.expander("Partners on the map, most events first"):
    partners = partner_map.partner_table_view(table)
    st.dataframe(partners, hide_index=True, width="stretch", column_config={"Partner": st.column_config.TextColumn(width="medium")})
    table_download(partners, "partners", page.filters, key="partner-map-partners")
