"""The dashboard's pages, listed once: the entry script's navigation, the briefing pack, the benchmark and the
browser tests all read this list (pure data: importing it does not import Streamlit)."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class PageSpec:
    """One page: its script (relative to the project root), its title in the menu, its address and icon."""

    script: str
    title: str
    url_path: str  # the address after the dashboard's root; the first page opens at the root itself
    icon: str
    reader_view: bool = True  # a view of the records (in briefing packs, listing events), not a curator's work page

    @property
    def is_first(self) -> bool:
        return self is PAGES[0]

    @property
    def link_path(self) -> str:
        """The page's address in a link: the root for the first page."""
        return "" if self.is_first else self.url_path

    @property
    def slug(self) -> str:
        """The page's name in file names: ``overview``, ``partner-map``."""
        return self.title.lower().replace(" ", "-")


#: Each page's ``url_path`` differs from its file's name (``Partner_map`` for ``partner_map.py``): AppTest
#: simulates Streamlit's older ``pages/`` folder on every run and, where a page's address matched its file
#: name, ran that file alone, without the entry script that draws the shared sidebar.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Overview", "Overview", ":material/dashboard:"),
    PageSpec("pages/partner_map.py", "Partner map", "Partner_map", ":material/public:"),
    PageSpec("pages/timeline.py", "Timeline", "Timeline", ":material/timeline:"),
    PageSpec("pages/sectors.py", "Sectors", "Sectors", ":material/grid_on:"),
    PageSpec("pages/sources.py", "Sources", "Sources", ":material/description:"),
    PageSpec("pages/curate.py", "Curate", "Curate", ":material/edit_note:", reader_view=False),
)
#: The pages that show the records: what a briefing pack holds.
READER_PAGES = tuple(page for page in PAGES if page.reader_view)
