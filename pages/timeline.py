"""Timeline: every event on a time axis in its partners' lanes, the pace per month (quarter, year), and the events picked on it."""

import streamlit as st

from sctracker.app.page import chart_in_words, setup_page
from sctracker.app.record import record_detail
from sctracker.app.slides import chart_slide_download
from sctracker.app.tables import MAX_TABLE_ROWS, events_table
from sctracker.app.view_state import page_choice
from sctracker.briefing import charts as slide_charts
from sctracker.figures import summaries, timeline
from sctracker.figures.style import SELECTION_MODE, plotly_config

page = setup_page("Timeline")
with st.container(key="page-notes"):
    st.caption(
        "Forums, dialogues, negotiations and agreements on a time axis, one lane per partner (groups in lanes of their own, "
        "lanes ordered by region). Click an event to list it below, or choose it by name in the list under the chart; to "
        "list a stretch of time, choose *Box Select* in the chart's toolbar and drag across it."
    )
spans = timeline.span_choices(page.events)
with st.container(key="page-controls"):
    span = st.segmented_control(
        "Time span", list(spans), format_func=spans.get, required=True, key=page_choice("span", "all", spans), persist_state="session"
    )
window = timeline.span_window(page.events, span)
labels = page.labels("timeline")
figure = page.kept(
    ("timeline", labels, window),
    lambda: timeline.timeline_figure(page.events, page.dataset, labels, window, timeline.latest_held(page.dataset.events)),
)
chart = st.plotly_chart(
    figure,
    config=plotly_config(labels, figure),
    on_select="rerun",
    selection_mode=SELECTION_MODE,
    key="timeline-chart",
    width="stretch",
    theme=None,
)
chart_in_words(page.kept(("timeline in words",), lambda: summaries.timeline_text(page.events, page.dataset.vocab)))
chart_slide_download(lambda: slide_charts.timeline_chart(page.dataset, page.filters, page.events, span), labels, key="timeline")
offered = page.events.tail(MAX_TABLE_ROWS)  # what a click on the chart does, without a pointer; new events, a new list
picks = dict(zip(offered["id"], offered["date_label"] + " · " + offered["title"]))
with st.container(key="page-controls-events"):
    listed = st.multiselect("List events chosen by name", list(picks), format_func=picks.get, key=f"timeline-events-{hash(tuple(picks))}")
with st.container(key="page-notes-timeline"):
    st.caption(timeline.reading_note(page.events))

st.header("Pace of engagement")
month_labels = page.labels("timeline-per-month")
monthly = page.kept(("pace", month_labels), lambda: timeline.monthly_figure(page.events, page.dataset, month_labels))
st.plotly_chart(monthly, config=plotly_config(month_labels, monthly), key="timeline-per-month", width="stretch", theme=None)
chart_in_words(page.kept(("pace in words",), lambda: summaries.monthly_text(page.events, page.dataset.vocab)))
chart_slide_download(lambda: slide_charts.monthly_chart(page.dataset, page.filters, page.events), month_labels, key="timeline-per-month")

chosen = timeline.selected_ids(chart.selection, page.events)
chosen += [record_id for record_id in listed if record_id not in chosen]
shown = page.events[page.events["id"].isin(chosen)].reset_index(drop=True) if chosen else page.events
st.header("Selected events" if chosen else "Events")
if chosen:
    st.caption(
        "The events you picked on the chart or in the list. Clear the selection (double-click the chart, empty the list) "
        "to list every filtered event."
    )
events_table(shown, page.filters, key="timeline")
record_detail(page.dataset, shown, filters=page.filters)
