"""What a follow-up asks: the recall question and "what did you try?", in the subject's
language.

A 1:1 lesson asks its own recall question (its "Recall" part, however the lesson names it)
and reminds the member of its practice (or, lacking one, its next step); a lesson without a
recall part, and a story, get a fixed recall question naming them. Nothing here calls the
model: the lesson's own words, or fixed ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.quality import parse_document
from service.store import FollowUp, Lesson
from service.vocabulary import Language
from service.words import load_words


@dataclass(frozen=True)
class FollowUpQuestions:
    language: Language
    recall: str
    """The recall question."""
    practice: str | None
    """What the lesson asked the member to try (shown above ``tried``); ``None`` for a story."""
    tried: str
    """The question about what they tried."""


def follow_up_questions(follow_up: FollowUp) -> FollowUpQuestions:
    subject = follow_up.subject
    language = Language(subject.language)
    words = load_words("follow_ups", language)
    if isinstance(subject, Lesson):
        document = parse_document(subject.text)
        recall = document.section("recall")
        practice = document.section("practice") or document.section("next_step")
        return FollowUpQuestions(
            language=language,
            recall=recall.text if recall else words["recall.lesson"].format(title=subject.title),
            practice=practice.text if practice else None,
            tried=words["tried.lesson"],
        )
    return FollowUpQuestions(
        language=language,
        recall=words["recall.story"].format(title=subject.title),
        practice=None,
        tried=words["tried.story"],
    )
