"""What happened, in StoryCoach's words: the learning events that become xAPI statements.

An event carries ids, a title and a language. What a person wrote stays in StoryCoach (a
reflection's or a question's text; see ``building`` for why), with one exception: the answer
to a follow-up is sent as the statement's response, because it is an answer to a question,
which is what an xAPI ``result`` is for (``building`` says more).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from service.vocabulary import Language


class LearningAct(StrEnum):
    """The acts an L&D team follows, each with its own verb (``verbs.VERBS``)."""

    OPENED_STORY = "opened_story"
    """A reader other than its author opened a published story (page or API)."""
    DISCUSSED_STORY = "discussed_story"
    """Someone asked for discussion questions about a story, for a team conversation."""
    REFLECTED_ON_STORY = "reflected_on_story"
    """Someone left a reflection on a published story."""
    PUBLISHED_LESSON = "published_lesson"
    """A reviewer published a lesson into the organisation's corpus."""
    ANSWERED_LESSON_FOLLOW_UP = "answered_lesson_follow_up"
    """A team member answered the follow-up of a 1:1 lesson given to them."""
    ANSWERED_STORY_FOLLOW_UP = "answered_story_follow_up"
    """A team member answered the follow-up of a story their team discussed."""


ANSWERED = frozenset({LearningAct.ANSWERED_LESSON_FOLLOW_UP, LearningAct.ANSWERED_STORY_FOLLOW_UP})
"""The acts that answer a follow-up: their statement carries the answer as its response."""
ABOUT_LESSONS = frozenset({LearningAct.PUBLISHED_LESSON, LearningAct.ANSWERED_LESSON_FOLLOW_UP})
"""The acts whose subject is a lesson (the others' is a story)."""


@dataclass(frozen=True)
class LearningEvent:
    """One learning act by one person on one story or lesson."""

    act: LearningAct
    org: str
    person_id: int
    """Who did it: for a published lesson, the reviewer who published it."""
    subject_id: int
    """The story's id, or the lesson's for the acts ``ABOUT_LESSONS``."""
    title: str
    language: Language
    """The story's or the lesson's language, which names it in the statement."""
    occurrence: str
    """What makes this event one of a kind (the row it wrote, or the moment of a read): the
    statement's id is derived from it, so a retry is the same statement and a new act is not."""
    at: datetime
    """When it happened (timezone-aware)."""
    response: str | None = None
    """A follow-up's answer (``ANSWERED`` acts only): the recall answer and what was tried."""
