"""Pure figure builders: a filtered events table in, a plotly figure or a pydeck deck out, no Streamlit.

``style`` gives every chart its title, filters in words and source line; ``timeline``, ``partner_map`` and
``sectors`` build each page's charts; ``sources_view`` lays out a source document with its quotes.
"""
