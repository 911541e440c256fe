"""Showing data as Markdown safely: record and document text is escaped so that it shows literally."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=])")


def escape_markdown(text: str) -> str:
    """Text with every Markdown (and HTML) special character backslash-escaped; line breaks kept."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text)).replace("\n", "  \n")
