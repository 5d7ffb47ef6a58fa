"""What a quote of the story may be: one whole sentence, or two that follow each other (a
sentence that leans on the one before it is quoted with that one: ``in_context``)."""

from __future__ import annotations

from itertools import pairwise

from service.coach.making.fallbacks import story_sentences
from service.knowledge.languages import words


def whole_sentences(quote: str, text: str) -> bool:
    """``quote`` is one sentence of the story ``text``, or two in a row, never a clause."""
    said = [words(s) for s in story_sentences(text)]
    quoted = words(quote)
    return quoted in said or any(a + b == quoted for a, b in pairwise(said))
