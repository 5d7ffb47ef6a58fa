"""Corpus passages, stories and lessons are Markdown: plain prose in lists, HTML on pages."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKUP = re.compile(r"(\*\*|__|`)|^#{1,6}\s*|^\s*[-*]\s+", re.MULTILINE)
# "js-default" turns raw HTML off: a story's text can never inject markup or script, and
# markdown-it refuses javascript:/vbscript:/data: links on its own.
_RENDERER = MarkdownIt("js-default")


def plain_text(markdown: str) -> str:
    """Drop emphasis, heading and bullet markers; keep the words and line breaks."""
    return _MARKUP.sub("", markdown)


def render_markdown(markdown: str) -> Markup:
    """Markdown as safe HTML: every character of the source is escaped or Markdown syntax."""
    return Markup(_RENDERER.render(markdown))
