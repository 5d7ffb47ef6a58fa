"""What a quote of the story may be: one whole sentence, or two that follow each other (a
sentence that leans on the one before it is quoted with that one: ``in_context``)."""

from __future__ import annotations

from itertools import pairwise, product

from service.coach.making.fallbacks import story_sentences
from service.coach.making.story_parts import own_sentence
from service.knowledge.languages import words


def whole_sentences(quote: str, text: str) -> bool:
    """``quote`` is one sentence of the story ``text``, or two in a row, never a clause (each
    as told or without its leading connective, "So", "En": ``own_sentence``)."""
    forms = [{tuple(words(s)), tuple(words(own_sentence(s)))} for s in story_sentences(text)]
    quoted = tuple(words(quote))
    return any(quoted in f for f in forms) or any(
        a + b == quoted for first, second in pairwise(forms) for a, b in product(first, second)
    )
