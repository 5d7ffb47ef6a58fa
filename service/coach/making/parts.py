"""Where each part of a result came from: the leader's words, the model, or code's fallback.

The coach promises never to put words in a leader's mouth. Every part of a result says who
wrote it, so a page can show which sentences are the leader's own and which the coach wrote,
and a part that code had to write after the model's candidates failed is listed and marked
("from your own words; edit it") rather than hidden (docs/design.md, principles 1 and 7).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel

from service.vocabulary import Language
from service.words import load_words


class Origin(StrEnum):
    LEADER = "leader"
    """The leader's own words, chosen and placed by code (or chosen by the model), not rewritten."""
    TRANSLATED = "translated"
    """The leader's own sentence, translated into the asked language by the model."""
    COACH = "coach"
    """Written by the model, then checked (length, language, faithfulness)."""
    FALLBACK = "fallback"
    """Composed by code from the leader's words or the cited corpus after the model's
    candidates all failed their checks; honest but plain, and meant to be edited."""
    EDITED = "edited"
    """Changed by a person after the coach wrote it (a lesson's author or its reviewer): their
    words now, whoever wrote it first. (A story's part the leader edits is ``LEADER``.)"""
    MISSING = "missing"
    """The account has nothing for this part: its text is the question the coach asks the
    leader, shown as a question, never as a sentence in the leader's name."""


class Part(BaseModel):
    """One part of a result as it is shown: what it is, its text, and who wrote it."""

    name: str
    """Stable key: ``title``, ``section``, ``core_message``, ``why_it_matters``, ..."""
    label: str
    """The heading or label it is shown under, in the result's language."""
    text: str
    origin: Origin


class MissingPart(BaseModel):
    """A part the account has nothing for, and the question that asks the leader for it (ask,
    don't fake): a story's core message or call to action, a lesson's practice or objective, a
    1:1's next step."""

    name: str
    label: str
    """Its heading or label, in the result's language."""
    question: str
    """The question that asks the leader for it ("What do you want your team to do
    differently this week?")."""


def missing_text(question: str, language: Language) -> str:
    """A missing part as a draft shows it: the question, marked as still to write."""
    return f"_{load_words('story', language)['missing_mark']} {question}_"


def missing_marks() -> tuple[str, ...]:
    """How a missing part's question opens as a draft shows it (``missing_text``), in every
    language."""
    return tuple(f"_{load_words('story', language)['missing_mark']} " for language in Language)


def is_missing_text(text: str) -> bool:
    """Whether ``text`` is a missing part's question as a draft shows it, in any language."""
    return text.strip().startswith(missing_marks())


def fallback_note(language: Language, part: str, source: str) -> str:
    """A fallback explained in plain words, in the result's language (never a step id)."""
    return load_words("fallbacks", language)["note"].format(part=part, source=source)
