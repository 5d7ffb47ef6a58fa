"""Corpus passages are Markdown; result lists show them as plain prose."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"(\*\*|__|`)|^#{1,6}\s*|^\s*[-*]\s+", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """Drop emphasis, heading and bullet markers; keep the words and line breaks."""
    return _MARKUP.sub("", markdown)
