"""Fencing untrusted text (corpus passages, a leader's account, a judged output) in prompts.

Text inside a fence is data. Every marker is neutralised in the text first (``markers.py``):
no passage can close its own fence, open another, start a chat role or smuggle in a
chat-template token, whatever characters it uses to try.
"""

from __future__ import annotations

import re

from .markers import neutralise_markers

_OPEN = "<<<"
_CLOSE = ">>>"


class Fenced(str):
    """Text already fenced: rendering inserts it as it is (its markers are the fence's own)."""

    __slots__ = ()


def fence(text: object, label: str) -> Fenced:
    """Wrap ``text`` in labelled markers; the label says what the data is."""
    clean = neutralise_markers(str(text)).strip()
    tag = re.sub(r"[^A-Z0-9]+", "_", label.upper()).strip("_")
    return Fenced(f"{_OPEN}{tag}\n{clean}\n{_CLOSE}{tag}")


def inserted(value: object) -> str:
    """What a template inserts for ``value``: fenced text as it is; anything else as text
    with its markers neutralised, since an unfenced variable is data too (a number reads
    as it always did: only markers change).

    Jinja's ``finalize`` hook: it sees every ``{{ ... }}`` a template outputs.
    """
    if isinstance(value, Fenced):
        return value
    return neutralise_markers(str(value))
