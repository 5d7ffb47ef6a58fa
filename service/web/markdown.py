"""Corpus passages, stories and lessons are Markdown: plain prose in lists, HTML on pages.

Stories are written by leaders and read by everyone in their organisation, so their Markdown
is rendered as untrusted: raw HTML is off, and an image from another host is shown as a link
to it instead of loaded. A remote image loads the moment a page shows it, which tells its
host who read the story, when and from where (a tracking pixel); as a link, nothing is
fetched unless the reader chooses to open it, and the reader still sees that there is an
image and where. The pages' Content-Security-Policy (``img-src 'self' data:``) would block
such an image too; the renderer makes the page say so instead of showing a broken image.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from markupsafe import Markup

REMOTE_REL = "nofollow noopener noreferrer"
"""A link to a remote image: no ranking credit, no window handle, no Referer to its host."""
_MARKUP = re.compile(r"(\*\*|__|`)|^#{1,6}\s*|^\s*[-*]\s+", re.MULTILINE)


def is_remote(src: str) -> bool:
    """Whether an image at ``src`` would be fetched from another host (an absolute or
    scheme-relative URL; browsers read ``\\`` as ``/``). ``data:`` images are inline."""
    parts = urlsplit(src.strip().replace("\\", "/"))
    return parts.scheme.lower() != "data" and bool(parts.scheme or parts.netloc)


def _image(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if not is_remote(src):
        token.attrSet("alt", alt)
        return str(self.renderToken(tokens, idx, options, env))
    href, shown = escapeHtml(src), escapeHtml(alt.strip() or src)
    return f'<a class="remote-image" href="{href}" rel="{REMOTE_REL}">{shown}</a>'


# "js-default" turns raw HTML off: a story's text can never inject markup or script, and
# markdown-it refuses javascript:/vbscript:/file: links and non-image data: URLs on its own.
_RENDERER = MarkdownIt("js-default")
_RENDERER.add_render_rule("image", _image)


def plain_text(markdown: str) -> str:
    """Drop emphasis, heading and bullet markers; keep the words and line breaks."""
    return _MARKUP.sub("", markdown)


def render_markdown(markdown: str) -> Markup:
    """Markdown as safe HTML: every character of the source is escaped or Markdown syntax,
    and no image is loaded from another host."""
    return Markup(_RENDERER.render(markdown))
