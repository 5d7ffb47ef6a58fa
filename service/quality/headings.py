"""What people call the parts of a lesson, in Dutch and English, mapped to one key per part.

L&D paste lessons written in their own shape: "## Leerdoel", "**Objective:**", "Key points". The
checks ask for a part by key (``objective``, ``key_points``...), never by the words used; the
words are data, per language, in ``service/words/section_names/``.
"""

from __future__ import annotations

import re

from service.vocabulary import Language
from service.words import load_words


def names(language: Language) -> dict[str, tuple[str, ...]]:
    """What people call each part in ``language``, by part key."""
    return load_words("section_names", language).lists()


SECTION_NAMES: dict[str, tuple[str, ...]] = {
    key: tuple(name for language in Language for name in names(language)[key])
    for key in names(Language.EN)
}
"""Each part's names in both languages (``service/words/section_names/``): a heading is read
whatever the lesson's language."""

_LOOKUP: dict[str, str] = {name: key for key, names in SECTION_NAMES.items() for name in names}
_BY_LENGTH = sorted(_LOOKUP, key=len, reverse=True)
_NOISE = re.compile(r"[*_`#:.\-\u2013\u2014!?()\[\]0-9]+")


def normalise_heading(heading: str) -> str:
    """Lower case, markup and numbering removed: "## 1. Leerdoel:" becomes "leerdoel"."""
    return " ".join(_NOISE.sub(" ", heading).lower().split())


def section_key(heading: str) -> str | None:
    """The part a heading names, or ``None`` when it is not one we know.

    An exact name wins; otherwise the longest known name the heading starts with, so
    "Key points for team leads" is still ``key_points``.
    """
    name = normalise_heading(heading)
    if name in _LOOKUP:
        return _LOOKUP[name]
    for known in _BY_LENGTH:
        if name.startswith(known + " "):
            return _LOOKUP[known]
    return None


def is_known_label(label: str) -> bool:
    """Whether a plain "Label: text" line opens a part (only known labels do, to avoid noise)."""
    return normalise_heading(label) in _LOOKUP
