"""The dashboard's pages, listed once: the entry script's navigation, the briefing pack, the benchmark and the
browser tests all read this list (pure data: importing it does not import Streamlit)."""

from __future__ import annotations

import dataclasses
import re


@dataclasses.dataclass(frozen=True)
class PageSpec:
    """One page: its script (relative to the project root), its title in the menu, its address and icon."""

    script: str
    title: str
    url_path: str  # the address after the dashboard's root; the first page opens at the root itself
    icon: str

    @property
    def is_first(self) -> bool:
        return self is PAGES[0]

    @property
    def link_path(self) -> str:
        """The page's address in a link: the root for the first page."""
        return "" if self.is_first else self.url_path

    @property
    def slug(self) -> str:
        """The page's name in file names: ``overview``, ``partner-map``, ``whats-new``."""
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower().replace("'", ""))


#: Each page's ``url_path`` is its file's name: Streamlit's older multipage layout (a folder ``pages/`` beside
#: the entry script) finds a page by it on a fresh server's first run, so a link to any page opens it.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Overview", "overview", ":material/dashboard:"),
    PageSpec("pages/partner_map.py", "Partner map", "partner_map", ":material/public:"),
    PageSpec("pages/timeline.py", "Timeline", "timeline", ":material/timeline:"),
    PageSpec("pages/sectors.py", "Sectors", "sectors", ":material/grid_on:"),
    PageSpec("pages/sources.py", "Sources", "sources", ":material/description:"),
    PageSpec("pages/whats_new.py", "What's new", "whats_new", ":material/history:"),
    PageSpec("pages/curate.py", "Curate", "curate", ":material/edit_note:"),
)
#: The page a record's sources link to.
SOURCES_PAGE = next(page for page in PAGES if page.script == "pages/sources.py")
