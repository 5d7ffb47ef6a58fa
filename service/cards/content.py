"""What a session card says: one A4 page for a fifteen-minute team huddle about one story.

Everything on it is the story's own (title, who told it, core message, its text or its short
form) or fixed words in the story's language (headings, timings, the space for what the team
tries this week). The three questions are those a team kept for the story in its language,
newest set first; where fewer than three were kept, fixed questions of each kind fill the
rest, so a card never needs the model and never says something the story does not.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from service.store import DiscussionQuestions, Story
from service.vocabulary import Language
from service.words import load_words

from .story_text import printed_story

QUESTIONS = 3
STEPS = (("read", 3), ("core", 2), ("discuss", 7), ("agree", 3))
"""The huddle's steps and their minutes: fifteen in all."""
FALLBACK_KINDS = ("understanding", "reflection", "application")


class TimedStep(BaseModel):
    model_config = ConfigDict(frozen=True)

    minutes: str
    """From and to, in the card's words (``minutes`` in the ``card`` words)."""
    text: str


class SessionCard(BaseModel):
    """A printable card; the page (HTML) and the PDF are both drawn from it alone."""

    model_config = ConfigDict(frozen=True)

    story_id: int
    language: Language
    """The story's language: the card's words are in it too."""
    title: str
    byline: str
    core_message: str | None
    story: list[str]
    """The story's paragraphs as plain text; ``"…"`` where the short form left some out."""
    short_form: bool
    questions: list[str]
    steps: list[TimedStep]
    labels: dict[str, str]
    """The card's headings and notes in its language, placeholders filled."""


def session_card(story: Story, kept: Sequence[DiscussionQuestions], address: str) -> SessionCard:
    """The card for ``story``; ``kept`` are its kept question sets (newest first), and
    ``address`` is where the story is read in StoryCoach (printed on the card)."""
    language = Language(story.language)
    words = load_words("card", language)
    printed = printed_story(story.text)
    teller = story.told_by or story.author.name
    labels = {
        key: words[key]
        for key in ("heading", "core_message", "story", "questions", "timings", "try_this_week")
    }
    labels |= {
        "try_hint": words["try_hint"],
        "short_form": words["short_form"].format(address=address),
        "footer": words["footer"].format(address=address),
    }
    return SessionCard(
        story_id=story.id,
        language=language,
        title=story.title,
        byline=words["told_by" if story.told_by else "by"].format(name=teller),
        core_message=story.core_message,
        story=printed.blocks,
        short_form=printed.short_form,
        questions=card_questions(kept, language),
        steps=_steps(language),
        labels=labels,
    )


def card_questions(kept: Sequence[DiscussionQuestions], language: Language) -> list[str]:
    """Three questions: the team's kept ones in ``language`` first, then fixed ones."""
    chosen: list[str] = []
    for asked in kept:
        if asked.language is not language:
            continue
        for question in asked.questions:
            if question not in chosen and len(chosen) < QUESTIONS:
                chosen.append(question)
    fixed = load_words("card", language).section("questions_fallback")
    for kind in FALLBACK_KINDS:
        if len(chosen) < QUESTIONS:
            chosen.append(fixed[kind])
    return chosen


def _steps(language: Language) -> list[TimedStep]:
    words = load_words("card", language)
    steps, start = [], 0
    for key, minutes in STEPS:
        end = start + minutes
        shown = words["minutes"].format(start=start, end=end)
        steps.append(TimedStep(minutes=shown, text=words[f"steps.{key}"]))
        start = end
    return steps
