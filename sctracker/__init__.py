"""Supply-Chain Partnership Tracker: South Korea's supply-chain cooperation with foreign partners, from curated records.

The way through, one subpackage a step, each importing only the ones before it:
``records`` (files -> validated events table) -> ``query`` (filters, link, words) -> ``figures`` (pure
chart builders) -> ``app`` (Streamlit pages' pieces). ``export`` writes files; ``briefing`` drives a
browser to make a briefing pack; ``cli`` is ``python -m sctracker``.
"""
