"""The Timeline page's figures: events in partner lanes on a time axis (``figure``, placed by ``layout``,
drawn by ``marks``, or counted by ``counts`` when crowded) and the pace per month (``monthly``)."""

from sctracker.figures.timeline.counts import (
    BIN_COLOR,
    BIN_HOVER_TITLES,
    BIN_KEY_SEPARATOR,
    BIN_MARKER_PIXELS,
    BIN_PERIODS,
    BINNED_MARKS_UP_TO,
    COUNT_ROW,
    SINGLE_EVENTS_UP_TO,
    VAGUE_COUNT_ROW,
    bin_counts,
    bin_key,
    bin_unit,
    count_legend_entries,
    count_traces,
    draws_counts,
    event_bins,
    events_in_bin,
)
from sctracker.figures.timeline.figure import (
    BOTTOM_PIXELS,
    LEGEND_ROW_PIXELS,
    LEGEND_TOP_PIXELS,
    selected_ids,
    timeline_figure,
)
from sctracker.figures.timeline.layout import (
    LANE_PIXELS,
    MAX_SUB_ROWS,
    SUB_ROW_UNITS,
    UPCOMING_STATUSES,
    densest_window,
    extents,
    in_window,
    lane_rows,
    lanes,
    latest_held,
    upcoming,
    whole_span,
    window_label,
)
from sctracker.figures.timeline.marks import (
    GREY,
    MARKER_PIXELS,
    NOTE_CHARS,
    PERIOD_BAR_PIXELS,
    PRECISION_WORDS,
    SPAN_LINE_PIXELS,
    SYMBOLS,
    event_legend_entries,
    event_symbols,
    event_traces,
    hover_texts,
    legend_entry,
    marker_trace,
    segments,
    visible_middle,
)
from sctracker.figures.timeline.monthly import (
    event_type_colors,
    monthly_counts,
    monthly_figure,
)

__all__ = ["BINNED_MARKS_UP_TO", "BIN_COLOR", "BIN_HOVER_TITLES", "BIN_KEY_SEPARATOR", "BIN_MARKER_PIXELS", "BIN_PERIODS", "BOTTOM_PIXELS", "COUNT_ROW", "GREY", "LANE_PIXELS", "LEGEND_ROW_PIXELS", "LEGEND_TOP_PIXELS", "MARKER_PIXELS", "MAX_SUB_ROWS", "NOTE_CHARS", "PERIOD_BAR_PIXELS", "PRECISION_WORDS", "SINGLE_EVENTS_UP_TO", "SPAN_LINE_PIXELS", "SUB_ROW_UNITS", "SYMBOLS", "UPCOMING_STATUSES", "VAGUE_COUNT_ROW", "bin_counts", "bin_key", "bin_unit", "count_legend_entries", "count_traces", "densest_window", "draws_counts", "event_bins", "event_legend_entries", "event_symbols", "event_traces", "event_type_colors", "events_in_bin", "extents", "hover_texts", "in_window", "lane_rows", "lanes", "latest_held", "legend_entry", "marker_trace", "monthly_counts", "monthly_figure", "segments", "selected_ids", "timeline_figure", "upcoming", "visible_middle", "whole_span", "window_label"]
