"""What the detectors read: one reader-facing part, its role, and what it was made from.

A part is the unit a reviewer publishes or sends back: a title, a call to action, one key
point, one discussion question. Its role says what it must be (a question, an action for the
learner, a phrase that names the story); the context holds the leader's account, what else a
part may draw on (the organisation's priority and values, never other leaders' stories), and
the output's other parts, so a repeat can be seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from service.vocabulary import Language


class Role(StrEnum):
    """What a part is for; each has its own rules of shape and material."""

    TITLE = "title"
    BODY = "body"
    """The story's sections: the leader's own sentences, in order."""
    CORE = "core_message"
    WHY = "why"
    CALL = "call_to_action"
    OBJECTIVE = "objective"
    KEY_POINT = "key_point"
    PRACTICE = "practice"
    NEXT_STEP = "next_step"
    MEET = "meet"
    REFLECTION = "reflection"
    RECALL = "recall"
    QUESTION = "question"
    """A discussion question for the team."""
    OTHER = "other"


QUESTION_ROLES = frozenset({Role.REFLECTION, Role.RECALL, Role.QUESTION})
PHRASE_ROLES = frozenset({Role.TITLE})
"""Roles that are a phrase, not a sentence: no end mark needed."""

_BY_NAME: dict[str, Role] = {
    "title": Role.TITLE,
    "section": Role.BODY,
    "situation": Role.BODY,
    "core_message": Role.CORE,
    "core": Role.CORE,
    "why_it_matters": Role.WHY,
    "why": Role.WHY,
    "call_to_action": Role.CALL,
    "action": Role.CALL,
    "objective": Role.OBJECTIVE,
    "key_point": Role.KEY_POINT,
    "key_points": Role.KEY_POINT,
    "practice": Role.PRACTICE,
    "next_step": Role.NEXT_STEP,
    "meet": Role.MEET,
    "reflection": Role.REFLECTION,
    "recall": Role.RECALL,
    "question": Role.QUESTION,
    "questions": Role.QUESTION,
}
_INDEX = re.compile(r"[.\-_]?\d+$")


def role_of(name: str) -> Role:
    """The role of a part named ``name`` ("title", "key_points.2", "questions.3")."""
    base = _INDEX.sub("", name.split(".", 1)[0] if name.count(".") else name)
    return _BY_NAME.get(base, _BY_NAME.get(_INDEX.sub("", name), Role.OTHER))


@dataclass(frozen=True)
class ReadPart:
    """One part as the detectors read it."""

    name: str
    text: str
    origin: str | None = None

    @property
    def role(self) -> Role:
        return role_of(self.name)


@dataclass(frozen=True)
class PartContext:
    """What every part of one output is held to."""

    language: Language
    """The language the output was asked for."""
    account: str
    """The leader's own account."""
    support: str = ""
    """What a part may also draw on: the organisation's priority and values."""
    story: str = ""
    """The story a lesson or a question set was made from (the leader's sentences, arranged)."""
    parts: tuple[ReadPart, ...] = field(default_factory=tuple)
    """Every part of the output, to see repeats."""
    frames: tuple[str, ...] = ()
    """The fixed word runs of code's frames ("Probeer deze week in je eigen werk uit"): the
    coach's framing, not a claim about the leader, so they are left out of the invention
    check (what fills a frame is still held to the account)."""
