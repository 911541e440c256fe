"""Timeline: every event on a time axis in its partners' lanes, the events picked on it, and the pace per month."""

import streamlit as st

from sctracker.app.page import finish_page, setup_page
from sctracker.app.record import record_detail
from sctracker.app.tables import events_table
from sctracker.figures import timeline
from sctracker.figures.style import plotly_config

page = setup_page("Timeline")
st.title("Timeline")
st.caption(
    "Forums, dialogues, negotiations and agreements on a time axis, one lane per partner (groups in lanes of "
    "their own, lanes ordered by region). Click an event to list it below; to list a stretch of time, choose *Box Select* "
    "in the chart's toolbar and drag across it. Drag the chart to move along the time axis."
)

whole = st.toggle("Whole span", key="timeline-whole-span", help="Show every event, from the earliest to the latest.")
window = timeline.whole_span(page.events) if whole else timeline.densest_window(page.events)
if not whole and window:
    st.caption(
        "Zoomed to the densest stretch: the shortest stretch holding half of the events known to the day. Turn on *Whole span* to see every event."
    )
labels = page.labels("timeline")
figure = timeline.timeline_figure(page.events, page.dataset, labels, window, timeline.latest_held(page.dataset.events))
chart = st.plotly_chart(
    figure, config=plotly_config(labels), on_select="rerun", selection_mode=("points", "box"), key="timeline-chart", width="stretch"
)
if timeline.draws_counts(page.events):
    st.caption(
        f"Over {timeline.SINGLE_EVENTS_UP_TO:,} events are too many to draw one by one: each circle counts a partner's events "
        "in one period, its area growing with the count (hover for the number and the first titles; click to list them). "
        "Events known only to the month or year are counted over that period, as open circles on a lower row. An event "
        "with several partners counts in each of their lanes. Narrow the filters to see single events."
    )
else:
    st.caption(
        "An event with several partners appears in each of its partners' lanes. Filled markers are dates known to the day "
        "(a line joins the first and last day of a multi-day event); an open marker on a pale bar is an event known only "
        "to the month or year, drawn over the whole period. Inferred dates say so in the hover. The shaded region holds "
        "planned and announced events after the last held event in all records."
    )

chosen = timeline.selected_ids(chart.selection, page.events)
shown = page.events[page.events["id"].isin(chosen)].reset_index(drop=True) if chosen else page.events
st.subheader("Selected events" if chosen else "Events")
if chosen:
    st.caption("The events you picked on the chart. Clear the selection (double-click the chart) to list every filtered event.")
events_table(shown, page.filters, key="timeline")

st.subheader("Record detail")
record_detail(page.dataset, shown, key="timeline", filters=page.filters)

st.subheader("Pace of engagement")
month_labels = page.labels("timeline-per-month")
st.plotly_chart(
    timeline.monthly_figure(page.events, page.dataset, month_labels),
    config=plotly_config(month_labels),
    key="timeline-per-month",
    width="stretch",
)
st.caption(
    "Each event is counted once, in the month it starts; an event known only to the month is counted in that month. "
    "Events known only to the year have no month and are left out (the chart says how many)."
)
finish_page()
