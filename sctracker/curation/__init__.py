"""The curator's drafting: from a new article to draft records a curator reviews and publishes.

One way through, a module a step, each importing only ``records`` and the steps before it:
``register`` (the source enters ``seeds/``), ``sentences`` (the text cut into sentences with their places),
``partners``, ``dates``, ``sectors``, ``people``, ``figures``, ``places`` (what each sentence says),
``events`` (every event the article states, with its evidence), ``quotes`` (verbatim passages),
``drafts`` (draft records on disk, publishing and discarding), and ``workbench`` (the one entry point
the command line and the Curate page share). Nothing here imports streamlit.
"""
