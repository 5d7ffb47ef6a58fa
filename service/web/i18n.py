"""The pages' language, and their text in it (the ``ui`` words: ``service/words/ui/``).

The page language is, in order: ``?lang=`` (remembered in a cookie), that cookie, the signed-in
person's locale, the browser's Accept-Language, English.
"""

from __future__ import annotations

from service.vocabulary import Language, language_named
from service.words import load_words

LANG_COOKIE = "storycoach_lang"

SCRIPT_KEYS = (
    "working",
    "done",
    "error_generic",
    "error_session",
    "thinking",
    "coach",
    "you",
    "story_saved",
    "lesson_made",
    "submitted_ok",
    "sources",
    "reflection_empty",
    "error_model",
    "error_unavailable",
    "error_busy",
    "try_again",
    "partial_draft",
    "no_reply_yet",
    "who_wrote",
    "origin_leader",
    "origin_translated",
    "origin_coach",
    "origin_fallback",
    "origin_fallback_own_words",
    "origin_fallback_company_value",
    "origin_fallback_plain",
    "draft_notes_title",
    "edit_before_saving",
    "edit_hint",
    "part_empty",
)
"""The strings page scripts need (given to them as JSON in the page)."""


def pick_language(
    requested: str | None,
    accept_language: str | None,
    *,
    cookie: str | None = None,
    locale: str | None = None,
) -> Language:
    """The page language: the request, the remembered choice, the person, the browser."""
    for choice in (requested, cookie, locale):
        if (named := language_named(choice)) is not None:
            return named
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if (named := language_named(code)) is not None:
            return named
    return Language.EN


def translator(language: Language) -> dict[str, str]:
    """Every UI text in ``language`` by key: the ``t`` of the templates."""
    return load_words("ui", language).texts()
