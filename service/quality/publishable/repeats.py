"""Repeats within one output, and parts that say nothing about the story.

The same sentence as a section and as the core message, or one phrase in three questions of
one set, makes a reader skim; a "why it matters" made of a value's text alone could stand
under any story.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from service.knowledge.languages import index_terms, words
from service.quality.signals import sentences
from service.vocabulary import Language

from .lexicon import lexicon
from .parts import PartContext, ReadPart, Role
from .roles import outside_quotes
from .shape import plain, quoted, titles

MIN_REPEAT_WORDS = 4
"""A shared run of this many words in three questions of one set is a repeated phrase."""
MIN_SHARED_WORDS = 5
"""Two questions of one set that share a run this long ask about one phrase twice."""
MIN_QUOTED_WORDS = 5
"""Two parts of one output that quote the same sentence of this length say one thing twice."""
SAME_SHARE = 0.8
"""A part whose words are this share of another part's, in one run, repeats it."""
MIN_WHY_TERMS = 2
"""A "why it matters" names at least two things of the story in one sentence: a value's text
that shares one word with it ("klant") still says nothing about this story."""
NAMING_ROLES = frozenset({Role.PRACTICE, Role.RECALL, Role.NEXT_STEP})
"""Parts whose stand-in frame names the story by its title; a question quoting the sentence
that is also the title quotes the story."""
TOPICAL_ROLES = frozenset(
    {Role.WHY, Role.PRACTICE, Role.RECALL, Role.REFLECTION, Role.QUESTION, Role.MEET}
)


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _same(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return len(short) >= SAME_SHARE * len(long_) and _contains(long_, short)


def _quotes(text: str) -> set[tuple[str, ...]]:
    """The story's sentences a part quotes in its frame (long enough to be a sentence)."""
    return {tuple(said) for q in quoted(plain(text)) if len(said := words(q)) >= MIN_QUOTED_WORDS}


def _runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {
        tuple(tokens[i : i + MIN_REPEAT_WORDS]) for i in range(len(tokens) - MIN_REPEAT_WORDS + 1)
    }


def duplicate(part: ReadPart, context: PartContext) -> str | None:
    """The earlier part ``part`` repeats, or the phrase it shares with two other questions."""
    mine = words(plain(part.text))
    cited = _quotes(part.text)
    for other in context.parts:
        if other is part or other == part:
            break
        if _same(mine, words(plain(other.text))):
            return f"repeats {other.name}"
        if cited & _quotes(other.text):
            return f"quotes the same sentence as {other.name}"
    if part.role is not Role.QUESTION:
        return None
    questions = [p for p in context.parts if p.role is Role.QUESTION]
    counts = Counter(run for q in questions for run in _runs(words(plain(q.text))))
    shared = [run for run in _runs(mine) if counts[run] >= 3]
    if shared:
        return f"'{' '.join(shared[0])}' in three questions"
    earlier = context.parts[: context.parts.index(part)] if part in context.parts else ()
    for other in earlier:
        if other.role is Role.QUESTION and (common := _long_run(mine, words(plain(other.text)))):
            return f"'{common}' is in {other.name} too"
    return None


def _long_run(a: list[str], b: list[str]) -> str | None:
    """A run of ``MIN_SHARED_WORDS`` words two questions share."""
    theirs = {tuple(b[i : i + MIN_SHARED_WORDS]) for i in range(len(b) - MIN_SHARED_WORDS + 1)}
    for i in range(len(a) - MIN_SHARED_WORDS + 1):
        if tuple(a[i : i + MIN_SHARED_WORDS]) in theirs:
            return " ".join(a[i : i + MIN_SHARED_WORDS])
    return None


def generic(part: ReadPart, context: PartContext) -> str | None:
    """Why ``part`` says nothing about this story, or ``None``."""
    if part.role not in TOPICAL_ROLES:
        return None
    story = set(index_terms(f"{context.account}\n{context.story}", context.language))
    story -= _stock_terms(context.language)
    text = plain(part.text)
    if part.role in NAMING_ROLES:
        text = _without_titles(text, context)
    if len(text) > len(outside_quotes(text)) + 10 or "](/corpus/" in part.text:
        return None  # it quotes the story, or links a value
    needed = MIN_WHY_TERMS if part.role is Role.WHY else 1
    if any(len(set(index_terms(s, context.language)) & story) >= needed for s in sentences(text)):
        return None
    return "says nothing about this story"


def _without_titles(text: str, context: PartContext) -> str:
    """``text`` without the output's title in quotes: a frame that only names the story by
    its title ("what did the story “…” teach you") could stand under any story (labels-v4)."""
    for title in titles(context):
        if title:
            for mark in ("\u201c", '"'):
                text = text.replace(f"{mark}{title}", f"{mark}")
    return text


@cache
def _stock_terms(language: Language) -> frozenset[str]:
    """Words every lesson's frames use ("work", "week", "practice", "story"): a part made of
    these says nothing about this story, even when the story uses them too ("What did you do
    in your own work this week, and what happened?", labels-v3: generic)."""
    return frozenset(index_terms(lexicon(language).stock, language))
