"""How a text cites a corpus document: a link a reader follows, never an id a reader reads.

A citation is a Markdown link from the document's title to its page, ``[Kennis is van
iedereen](/corpus/value-open-knowledge)``: the reader sees the title and can open the source;
code finds the id in the link's target. The older form, a bare ``[value-open-knowledge]``,
is still read (models write it, and texts saved before links were used hold it), so citations
keep working on both.
"""

from __future__ import annotations

import re

CORPUS_PATH = "/corpus/"
"""Where a cited document's page is (``service/web/pages/corpus.py``)."""
_ID = r"(?:value|priority|story|lesson)-[a-z0-9-]+"
_LINK = re.compile(rf"\[([^\]\n]+)\]\({re.escape(CORPUS_PATH)}({_ID})\)")
_MARKER = re.compile(rf"\s?\[({_ID})\]")


def cite(title: str, document_id: str) -> str:
    """The link that cites ``document_id`` by its ``title``."""
    shown = title.replace("[", "(").replace("]", ")")
    return f"[{shown}]({CORPUS_PATH}{document_id})"


def cited_ids(text: str) -> list[str]:
    """Every id ``text`` cites, by link or by marker, in order (repeats kept)."""
    found = [(m.start(), m.group(2)) for m in _LINK.finditer(text)]
    found += [(m.start(), m.group(1)) for m in _MARKER.finditer(text)]
    return [identifier for _, identifier in sorted(found)]


def keep_citations(text: str, allowed: set[str]) -> tuple[str, int]:
    """``text`` without the citations of ids not in ``allowed`` (a link keeps its title as
    plain words, a marker goes), and how many were removed."""
    dropped = 0

    def link(match: re.Match[str]) -> str:
        nonlocal dropped
        if match.group(2) in allowed:
            return match.group(0)
        dropped += 1
        return match.group(1)

    def marker(match: re.Match[str]) -> str:
        nonlocal dropped
        if match.group(1) in allowed:
            return match.group(0)
        dropped += 1
        return ""

    text = _LINK.sub(link, text)
    return _MARKER.sub(marker, text), dropped


def as_read(text: str) -> str:
    """``text`` as a reader reads it: a link is its title; a marker stays (it is raw)."""
    return _LINK.sub(r"\1", text)
