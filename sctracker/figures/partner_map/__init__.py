"""The Partner map page: partners counted (``counts``), coloured (``legend``) and drawn with no network
(``deck``, from the country data in ``geo``)."""

from sctracker.figures.partner_map.counts import (
    ALL_SECTORS,
    PARTNER_COLUMNS,
    Membership,
    map_subtitle,
    memberships,
    partner_events,
    partner_table,
    partner_table_view,
    restrict_to_sector,
    sector_switch_options,
    table_filters,
)
from sctracker.figures.partner_map.deck import (
    BORDER_COLOR,
    INITIAL_VIEW,
    LAND_COLOR,
    PICKABLE_LAYERS,
    SEA_COLOR,
    TOOLTIP_FIELDS,
    TOOLTIP_HTML,
    TOOLTIP_STYLE,
    CompactDeck,
    MapObjects,
    anchor,
    curved_path,
    map_objects,
    member_tooltip,
    partner_deck,
    partner_tooltip,
    selected_partner,
)
from sctracker.figures.partner_map.legend import (
    COUNTRY_COLORS,
    COUNTRY_LINE_COLOR,
    GROUP_COLORS,
    GROUP_LINE_COLOR,
    HOME_COLOR,
    HOME_NOTE,
    PARTNER_BORDER_COLOR,
    class_label,
    classes_shown,
    count_class,
    count_color,
    group_note,
    legend_svg,
    line_width,
    rgba,
)

__all__ = ["ALL_SECTORS", "BORDER_COLOR", "COUNTRY_COLORS", "COUNTRY_LINE_COLOR", "GROUP_COLORS", "GROUP_LINE_COLOR", "HOME_COLOR", "HOME_NOTE", "INITIAL_VIEW", "LAND_COLOR", "PARTNER_BORDER_COLOR", "PARTNER_COLUMNS", "PICKABLE_LAYERS", "SEA_COLOR", "TOOLTIP_FIELDS", "TOOLTIP_HTML", "TOOLTIP_STYLE", "CompactDeck", "MapObjects", "Membership", "anchor", "class_label", "classes_shown", "count_class", "count_color", "curved_path", "group_note", "legend_svg", "line_width", "map_objects", "map_subtitle", "member_tooltip", "memberships", "partner_deck", "partner_events", "partner_table", "partner_table_view", "partner_tooltip", "restrict_to_sector", "rgba", "sector_switch_options", "selected_partner", "table_filters"]
