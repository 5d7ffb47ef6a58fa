"""Facts a part must keep: numbers with their unit of time, months, weekdays, and negation.

"Two weeks" that became "twee dagen" keeps its number and loses its truth; "weekly" that
became "maandelijks", May that became "Maan", a "never" that went missing: each is an
invention, in a translation as much as in a summary. Facts are compared through canonical
keys ("unit:week", "month:may"), so an English account holds a Dutch part to them.
"""

from __future__ import annotations

import re

from service.knowledge.languages import index_terms, words
from service.quality.signals import NUMBER_WORDS, sentences
from service.vocabulary import Language

from .lexicon import fact_words, lexicon

_FREQUENCY = re.compile(r"(?:ly|lijks|lijkse)$")
_NEAR = 2
"""A number is read with a unit of time at most this many words after it ("two full weeks")."""
MIN_SAME_SHARE = 0.6
"""A part's sentence shares this share of an account sentence's words: it says the same thing,
so a negation in one and not the other turns it around."""


def _number(token: str) -> str | None:
    if token.isdigit():
        return token
    return NUMBER_WORDS.get(token)


def facts(text: str) -> set[str]:
    """The facts ``text`` states: "2 unit:week", "every unit:week", "month:may", "day:friday"."""
    known = fact_words()
    tokens = words(text)
    found: set[str] = set()
    for index, token in enumerate(tokens):
        key = known.get(token)
        if key is None or (token == "may" and " May" not in f" {text}"):
            continue
        if key.startswith("unit:"):
            before = [_number(t) for t in tokens[max(0, index - _NEAR) : index]]
            number = next((n for n in reversed(before) if n), None)
            if number:
                found.add(f"{number} {key}")
            elif _FREQUENCY.search(token):
                found.add(f"every {key}")  # "weekly", "maandelijkse": how often is a fact
        else:
            found.add(key)
    return found


def changed_facts(text: str, account: str, support: str = "") -> list[str]:
    """The facts of ``text`` that neither the account nor the support states."""
    known = facts(f"{account}\n{support}")
    return sorted(facts(text) - known)


def _negated(text: str) -> bool:
    negation = lexicon(Language.EN).negation | lexicon(Language.NL).negation
    return any(w in negation for w in words(text))


def _flat(text: str) -> str:
    """``text`` for a word-for-word comparison: lower case, no quote marks, single spaces,
    without the punctuation a frame leaves before or after a quote."""
    plain = re.sub(r"[\"\u201c\u201d\u201e\u2018\u2019]", "", text.lower())
    return " ".join(plain.split()).strip(" :;,.!?")


def flipped_negations(text: str, account: str, language: Language) -> list[str]:
    """Sentences of ``text`` that say what a sentence of the account says, turned around."""
    theirs = [(s, set(index_terms(s, language))) for s in sentences(account)]
    told = _flat(account)
    flipped = []
    for sentence in sentences(text):
        mine = set(index_terms(sentence, language))
        if len(mine) < 3 or _flat(sentence) in told:  # their own sentence, as they said it
            continue
        for source, terms in theirs:
            overlap = len(mine & terms) / max(len(mine), 1)
            if overlap >= MIN_SAME_SHARE and _negated(sentence) != _negated(source):
                flipped.append(sentence)
                break
    return flipped
