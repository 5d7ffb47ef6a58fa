"""Values for a prompt's declared variables, so every template renders in a test."""

from __future__ import annotations

from typing import Any

from service.vocabulary import Language

DUMMY_TEXT = {
    Language.NL: "Een korte tekst voor de test.",
    Language.EN: "A short text for the test.",
}


def dummy_values(names: tuple[str, ...], language: Language) -> dict[str, Any]:
    """A value for every declared variable, in ``language``; every optional block is shown."""
    dutch = language is Language.NL
    values: dict[str, Any] = {}
    for name in names:
        if name in ("min_words", "max_words"):
            values[name] = 10 if name == "min_words" else 40
        elif name == "rules":
            values[name] = (
                ["Hoogstens 10 woorden.", "Geen aanhalingstekens."]
                if dutch
                else ["At most 10 words.", "No quotation marks."]
            )
        elif name == "field":
            values[name] = "title"
        elif name == "language_name":
            values[name] = "Nederlands" if dutch else "English"
        else:
            values[name] = DUMMY_TEXT[language]
    return values
