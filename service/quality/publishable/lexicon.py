"""The detectors' words, per language: read from ``service/words/publishable/`` once.

The word lists are data (a translator or reviewer edits them without touching Python); the
dictionary of known words comes from pyspellchecker's frequency lists, shipped in its wheel.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from service.vocabulary import Language
from service.words import load_words


@dataclass(frozen=True)
class Lexicon:
    dangling: frozenset[str]
    droppable: frozenset[str]
    addressee: frozenset[str]
    imperative: frozenset[str]
    modal: frozenset[str]
    temporal: frozenset[str]
    storyteller: frozenset[str]
    team: frozenset[str]
    past: frozenset[str]
    learned: frozenset[str]
    setback: frozenset[str]
    went_wrong: tuple[str, ...]
    avoid: tuple[str, ...]
    negation: frozenset[str]
    stock: str
    """Words of any lesson's frames (``generic``): text to index, not a word set."""
    facts: dict[str, str]
    """Every word of a time unit, month or weekday, to its canonical key ("weken": "unit:week")."""


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


@cache
def lexicon(language: Language) -> Lexicon:
    said = load_words("publishable", language)
    facts: dict[str, str] = {}
    for table, prefix in (("time_units", "unit"), ("months", "month"), ("weekdays", "day")):
        for key, spelled in said.section(table).texts().items():
            for word in spelled.split():
                facts[word] = f"{prefix}:{key}"
    return Lexicon(
        dangling=_set(said["dangling"]),
        droppable=_set(said["droppable"]),
        addressee=_set(said["addressee"]),
        imperative=_set(said["imperative"]),
        modal=_set(said["modal"]),
        temporal=_set(said["temporal"]),
        storyteller=_set(said["storyteller"]),
        team=_set(said["team"]),
        past=_set(said["past"]),
        learned=_set(said["learned"]),
        setback=_set(said["setback"]),
        went_wrong=tuple(s.strip() for s in said["went_wrong"].split("|")),
        avoid=tuple(s.strip() for s in said["avoid"].split("|")),
        negation=_set(said["negation"]),
        stock=said["stock"],
        facts=facts,
    )


@cache
def fact_words() -> dict[str, str]:
    """Time units, months and weekdays of both languages: facts compare across languages."""
    return {word: key for language in Language for word, key in lexicon(language).facts.items()}


@cache
def known_words(language: Language) -> frozenset[str]:
    """Words of ``language`` a dictionary knows (pyspellchecker's frequency list)."""
    from spellchecker import SpellChecker  # a 1 MB list: loaded only when a part is judged

    return frozenset(SpellChecker(language=language.value).word_frequency.keys())
