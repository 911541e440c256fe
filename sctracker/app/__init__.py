"""The Streamlit layer: the only part of the package that imports streamlit.

``data`` holds the cached loader, ``sidebar`` the shared filters and the view in the link, ``page`` what
every page sets up and ends with, and ``tables`` and ``record`` the pieces pages place.
"""
