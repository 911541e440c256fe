"""The dashboard's entry point (``streamlit run dashboard.py``): the shared sidebar, then the page chosen in
the menu (``sctracker/app/pages.py`` lists them), with the whole view kept in the address bar."""

from sctracker.app.page import run_app

run_app()
