"""The product's wording as tests read it: from the words catalogue (``service/words/``), so a
translator's edit to a TOML file does not break a test that only checks the text is shown."""

from __future__ import annotations

from service.vocabulary import Language
from service.words import load_words


def wording(domain: str, key: str, language: Language = Language.EN) -> str:
    """The text at dotted ``key`` of ``domain``'s words in ``language``."""
    return load_words(domain, language)[key]


def fixed_start(domain: str, key: str, language: Language = Language.EN) -> str:
    """The words a text starts with before its first ``{placeholder}``: what every filled-in
    copy of it shows."""
    return wording(domain, key, language).split("{", 1)[0].strip()
