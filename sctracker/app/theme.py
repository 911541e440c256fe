"""The dashboard's own stylesheets: constant CSS of ours, never built from data.

``LAYOUT_CSS`` trims Streamlit's generous page padding so that a chart, its legend and its source line fit
a 1,000 by 800 window, and darkens captions (source lines, notes, counts) from Streamlit's grey (the body text at 60 % opacity:
#828180, 3.9:1 on white, under WCAG AA's 4.5:1) to one that reads on a projector as well (``CAPTION_COLOR``); ``PRESENTATION_CSS`` hides the sidebar, page chrome and every page's controls and
instructions (the containers keyed ``page-controls…`` and ``page-notes…``) for a clean screenshot.
"""

#: Captions' colour: 7.6:1 on white (WCAG AA asks 4.5:1 of small text), still lighter than the body text.
CAPTION_COLOR = "#555453"

LAYOUT_CSS = f"""
<style>
  [data-testid="stMainBlockContainer"] {{ padding-top: 2.5rem !important; padding-left: 3rem !important; padding-right: 3rem !important; }}
  [data-testid="stMetricValue"] {{ font-size: 1.9rem !important; }}
  [data-testid="stCaptionContainer"] {{ color: {CAPTION_COLOR} !important; opacity: 1 !important; }}
</style>
"""

PRESENTATION_CSS = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"],
  [class*="st-key-page-controls"], [class*="st-key-page-notes"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 2.5rem !important; }
</style>
"""
