"""Partner map: where Korea's supply-chain partners are, how many events the filtered records hold with each,
and the events of the partner clicked on the map."""

import streamlit as st

from sctracker.app.page import finish_page, setup_page
from sctracker.app.tables import events_table, table_download
from sctracker.figures import partner_map
from sctracker.figures.markdown import escape_markdown

page = setup_page("Partner map")
vocab = page.dataset.vocab
st.title("Partner map")
sector = st.segmented_control(
    "Show events in",
    options=partner_map.sector_switch_options(vocab),
    default=partner_map.ALL_SECTORS,
    required=True,
    format_func=lambda s: "All partners" if s == partner_map.ALL_SECTORS else vocab.sector_label(s),
    key="partner-map-sector",
)
events = partner_map.restrict_to_sector(page.events, sector)
table = partner_map.partner_table(events, vocab)
labels = page.labels("partner-map")

st.subheader("Korea's supply-chain partners: number of events with each")
st.caption(escape_markdown(partner_map.map_subtitle(labels.subtitle, sector, vocab)))
state = st.pydeck_chart(
    partner_map.partner_deck(events, vocab, table),
    on_select="rerun",
    selection_mode="single-object",
    key="partner-map",
    height=560,
    alt="World map of Korea's partners, coloured by the number of events with each",
)
st.image(partner_map.legend_svg(table), width="stretch")
st.caption(escape_markdown(labels.source_line))
if table.empty:
    st.info("No events match these filters: no partner to show.")
else:
    st.caption("Partners on the map, most events first")
    partners = partner_map.partner_table_view(table)
    st.dataframe(
        partners,
        hide_index=True,
        width="stretch",
        height="content",
        column_config={"Partner": st.column_config.TextColumn(width="medium")},
    )
    table_download(partners, "partners", page.filters, key="partner-map-partners")

chosen = partner_map.selected_partner(state)
chosen = chosen if chosen in set(table["code"]) else None
if chosen:
    st.subheader(f"Events with {escape_markdown(vocab.partner_name(chosen))}")
    st.caption("Chosen on the map: click it again, or the open sea, to list every partner's events.")
else:
    st.subheader("Events on the map")
    st.caption("Click a country, dot or line on the map to list only that partner's events.")
shown = partner_map.partner_events(events, chosen) if chosen else events
events_table(shown, partner_map.table_filters(page.filters, sector, chosen), key="partner-map")
finish_page()
