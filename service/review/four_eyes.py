"""Four eyes: nobody approves or publishes a text they wrote or changed themselves.

The text under review is the author's submission plus whatever reviewers changed since it
was submitted. Its *writers* are therefore the author and everyone who edited it since the
latest submission (an edit before that was sent back to the author, who resubmitted the text
as theirs). A writer may not approve or publish it; the author may not decide on it at all.
A reviewer who edits is not stuck: another reviewer (or an admin) approves and publishes.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.store import AuditAction, AuditEvent, Lesson, NotAllowed, Person
from service.vocabulary import Language
from service.words import load_words

A = AuditAction
WRITER_MAY_NOT = frozenset({A.APPROVE, A.PUBLISH})
"""What an editor of the current text may not do; sending it back or rejecting it is fine."""
AUTHOR_MAY_NOT = frozenset({A.APPROVE, A.REJECT, A.REQUEST_CHANGES, A.PUBLISH})


class Reason(StrEnum):
    OWN_LESSON = "own_lesson"
    OWN_EDIT = "own_edit"


class FourEyes(NotAllowed):
    """The actor wrote or edited the text they want to approve or publish; the message says
    so in their language and names who must do it instead."""

    def __init__(self, reason: Reason, action: AuditAction, language: Language) -> None:
        super().__init__(refusal(reason, action, language))
        self.code = reason


def refusal(reason: Reason, action: AuditAction, language: Language) -> str:
    """The plain words for ``reason`` when ``action`` is refused, in ``language``."""
    said = load_words("review", language)
    return said[f"four_eyes.{reason.value}"].format(action=said[f"actions.{action.value}"])


def text_writers(session: Session, lesson: Lesson) -> set[int]:
    """The author and everyone who edited the lesson since it was last submitted."""
    submitted = session.scalar(
        select(AuditEvent.id)
        .where(AuditEvent.lesson_id == lesson.id, AuditEvent.action == A.SUBMIT)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    edits = select(AuditEvent.actor_id).where(
        AuditEvent.lesson_id == lesson.id,
        AuditEvent.action == A.EDIT,
        AuditEvent.id > (submitted or 0),
    )
    return {lesson.author_id, *session.scalars(edits)}


def why_not(session: Session, person: Person, lesson: Lesson, action: AuditAction) -> Reason | None:
    """Why ``person`` may not ``action`` this lesson under four eyes, or ``None`` if they may."""
    if person.id == lesson.author_id and action in AUTHOR_MAY_NOT:
        return Reason.OWN_LESSON
    if action in WRITER_MAY_NOT and person.id in text_writers(session, lesson):
        return Reason.OWN_EDIT
    return None


def require_second_pair_of_eyes(
    session: Session, actor: Person, lesson: Lesson, action: AuditAction
) -> None:
    """``FourEyes`` (a 403) when ``actor`` wrote or edited what they want to ``action``."""
    reason = why_not(session, actor, lesson, action)
    if reason is not None:
        raise FourEyes(reason, action, Language(actor.locale))
