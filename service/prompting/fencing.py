"""Fencing untrusted text (corpus passages, a leader's account, a judged output) in prompts.

Text inside a fence is data. The fence markers are removed from the text first, so no passage
can close its own fence and speak as an instruction.
"""

from __future__ import annotations

import re

_OPEN = "<<<"
_CLOSE = ">>>"
_MARKERS = re.compile(r"<{3,}|>{3,}")


def fence(text: str, label: str) -> str:
    """Wrap ``text`` in labelled markers; the label says what the data is."""
    clean = _MARKERS.sub("", str(text)).strip()
    tag = re.sub(r"[^A-Z0-9]+", "_", label.upper()).strip("_")
    return f"{_OPEN}{tag}\n{clean}\n{_CLOSE}{tag}"
