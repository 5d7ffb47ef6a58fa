"""Stock corporate phrases in Dutch and English, the words a real story never needs.

Patterns, not single words: "robust" can describe a frame, "robust solutions" is filler. Each
pattern allows the usual inflections ("leverage", "leveraging").
"""

from __future__ import annotations

import re

from service.vocabulary import Language
from service.words import load_words

FILLER_PATTERNS: tuple[str, ...] = tuple(
    pattern
    for language in Language
    for pattern in load_words("filler", language).listed("patterns")
)
"""Both languages' patterns (``service/words/filler/``), English first: any text may hold
either."""
_FILLER = re.compile(r"\b(" + "|".join(FILLER_PATTERNS) + r")\b", re.IGNORECASE)


def filler_phrases(text: str) -> list[str]:
    """Every filler phrase in the text, as written, in order."""
    return [m.group(0) for m in _FILLER.finditer(text)]
