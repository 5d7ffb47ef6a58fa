"""Dutch and English text handling shared by search and, later, the quality checks.

Stopword lists come from bm25s and stemming from PyStemmer (Snowball), so neither is hand-kept.
"""

from __future__ import annotations

import re
from functools import cache

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN_PLUS

from service.vocabulary import Language

_APOSTROPHES = "'\u2019"
_WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)?", re.UNICODE)
STOPWORDS: dict[Language, frozenset[str]] = {
    Language.EN: frozenset(STOPWORDS_EN_PLUS),
    Language.NL: frozenset(STOPWORDS_DUTCH) | {"we", "jij", "jullie", "ons", "onze", "mijn"},
}
_SNOWBALL = {Language.EN: "english", Language.NL: "dutch"}


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes kept inside words ("don't", "auto's")."""
    return [w.replace("\u2019", "'") for w in _WORD.findall(text.lower())]


@cache
def _stemmer(language: Language) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_SNOWBALL[language])


def detect_language(text: str) -> Language | None:
    """Dutch or English by stopword share; ``None`` when the text gives too little evidence."""
    tokens = words(text)
    counts = {lang: sum(t in stop for t in tokens) for lang, stop in STOPWORDS.items()}
    nl, en = counts[Language.NL], counts[Language.EN]
    if nl == en:
        return None
    return Language.NL if nl > en else Language.EN


def index_terms(text: str, language: Language) -> list[str]:
    """Terms for a lexical index: stopwords out, Snowball stems of the text's own language."""
    stop = STOPWORDS[language]
    return list(_stemmer(language).stemWords([w for w in words(text) if w not in stop]))
