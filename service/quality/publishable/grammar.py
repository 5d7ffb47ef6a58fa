"""Grammar, as far as words alone can tell: words that do not exist, and doubled words.

A small model writing Dutch makes up words ("verbroken voor twee dagen. weken", "aan de
maandelijks checklist"); a phrase dropped into a frame doubles a word. A word counts as known
when a dictionary of the language has it (pyspellchecker's frequency list), or when the
leader's account, the story or the organisation's texts use it (names, compounds, jargon).
"""

from __future__ import annotations

import itertools
import re

from service.knowledge.languages import words
from service.quality.signals import sentences
from service.vocabulary import Language

from .invented import OWN_ORIGINS
from .lexicon import known_words, lexicon
from .parts import PartContext, ReadPart, Role
from .roles import outside_quotes
from .shape import plain

MIN_PASTED = 5
"""A run this long copied from inside a leader's sentence into a composed part is a phrase
dropped into a frame ("Hoe kan ik de klant drie keer terug met … helpen?")."""
COMPOSED_ROLES = frozenset(
    {
        Role.QUESTION,
        Role.REFLECTION,
        Role.RECALL,
        Role.CALL,
        Role.PRACTICE,
        Role.NEXT_STEP,
        Role.OBJECTIVE,
        Role.MEET,
        Role.WHY,
    }
)
_WORD = re.compile(r"^[^\W\d_]{3,}$")
_SPLIT = re.compile(r"['\u2019-]")


def _known(word: str, context: PartContext, seen: frozenset[str]) -> bool:
    if word in seen or word in known_words(context.language):
        return True
    pieces = [p for p in _SPLIT.split(word) if p]
    return len(pieces) > 1 and all(
        p in seen or p in known_words(context.language) or len(p) < 3 for p in pieces
    )


def unknown_words(part: ReadPart, context: PartContext) -> list[str]:
    """Words of the part's own text (not a quoted sentence) that no source knows."""
    seen = frozenset(words(f"{context.account}\n{context.story}\n{context.support}"))
    own = words(outside_quotes(plain(part.text)))
    return [w for w in dict.fromkeys(own) if _WORD.match(w) and not _known(w, context, seen)]


def ungrammatical(part: ReadPart, context: PartContext) -> str | None:
    """Why ``part`` is not grammatical, as far as its words show, or ``None``."""
    if part.role is Role.BODY:
        return None  # the leader's own sentences
    tokens = words(plain(part.text))
    doubled = [a for a, b in itertools.pairwise(tokens) if a == b and not a.isdigit()]
    if doubled:
        return f"'{doubled[0]} {doubled[0]}'"
    unknown = unknown_words(part, context)
    if unknown:
        return "unknown words: " + ", ".join(f"'{w}'" for w in unknown)
    if context.language is Language.NL and (clause := _om_without_te(plain(part.text), context)):
        return f"'{clause}' needs 'te' before its verb"
    if part.role in COMPOSED_ROLES and part.origin not in OWN_ORIGINS:
        pasted = pasted_phrase(outside_quotes(plain(part.text)), context.account)
        if pasted:
            return f"pastes '{pasted}', a piece of the leader's sentence"
    return None


def _om_without_te(text: str, context: PartContext) -> str | None:
    """A Dutch "om …" clause that ends on an infinitive without "te" ("om de klant helpen"),
    not a time ("om de vijf minuten") nor one the leader wrote so."""
    times = lexicon(context.language).facts
    for sentence in sentences(text):
        tokens = words(sentence)
        if "om" not in tokens:
            continue
        tail = tokens[len(tokens) - 1 - tokens[::-1].index("om") :]
        if len(tail) < 3 or not tail[-1].endswith("en") or "te" in tail or tail[-1] in times:
            continue
        if " ".join(tail) not in " ".join(words(context.account)):
            return " ".join(tail)
    return None


def _without_whole_sentences(mine: list[str], account: list[str]) -> list[str]:
    """``mine`` with every whole sentence of the account it repeats cut out (a gap left)."""
    for sentence in account:
        source = words(sentence)
        size = len(source)
        for i in range(len(mine) - size + 1):
            if size and mine[i : i + size] == source:
                mine = [*mine[:i], "", *mine[i + size :]]
                break
    return mine


def pasted_phrase(text: str, account: str) -> str | None:
    """The longest run of ``MIN_PASTED`` or more words that ``text`` copies from the middle
    of a sentence of the account, or ``None`` (a whole sentence, quoted or not, is not
    pasted)."""
    told = sentences(account)
    mine = _without_whole_sentences(words(text), told)
    # A pasted run starts with MIN_PASTED words that ``mine`` has in a row: only those starts
    # are tried (the questions' own time was mostly this search: bench.coach).
    openings = {tuple(mine[i : i + MIN_PASTED]) for i in range(len(mine) - MIN_PASTED + 1)}
    best: list[str] = []
    for sentence in told:
        source = words(sentence)
        for start in range(1, len(source)):
            if tuple(source[start : start + MIN_PASTED]) not in openings:
                continue
            for size in range(len(source) - start, MIN_PASTED - 1, -1):
                if size <= len(best):
                    break
                run = source[start : start + size]
                if any(mine[i : i + size] == run for i in range(len(mine) - size + 1)):
                    best = run
                    break
    return " ".join(best) or None
