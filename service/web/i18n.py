"""The pages' language, and their text in it (the ``ui`` words: ``service/words/ui/``).

The page language is, in order: ``?lang=`` (remembered in a cookie), that cookie, the signed-in
person's locale, the browser's Accept-Language, English (``service.http.language``, which the
API's error messages follow too).
"""

from __future__ import annotations

from service.http.language import LANG_COOKIE, pick_language
from service.vocabulary import Language
from service.words import load_words

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
    "origin_missing",
    "origin_fallback_own_words",
    "origin_fallback_company_value",
    "origin_fallback_plain",
    "draft_notes_title",
    "edit_before_saving",
    "edit_hint",
    "part_empty",
    "question_origin_fallback",
)
"""The strings page scripts need (given to them as JSON in the page)."""

__all__ = ["LANG_COOKIE", "SCRIPT_KEYS", "pick_language", "translator"]


def translator(language: Language) -> dict[str, str]:
    """Every UI text in ``language`` by key: the ``t`` of the templates."""
    return load_words("ui", language).texts()
