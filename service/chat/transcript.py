"""What a chat so far says: the priority, the leader's own account, and their feedback.

A chat is read the same way whether it was stored (a conversation) or sent whole by a client
(the OpenAI-compatible API): the first user message is the priority; user messages before the
coach's first draft are the leader's account; user messages after it are feedback. Only the
leader's words are ever material for a story. The coach's own replies are never material.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.coach.structures import StoryStructure
from service.store import MessageRole

DRAFT_MARK = "# "
"""A draft reply is the story's Markdown, which always starts with its ``# title``; the
coach's other replies (questions, requests for more) never do."""
NOTES_MARK = "\n\n---\n\n"
"""Separates a draft from the coach's notes after it (what it still wants to know)."""

_REQUEST = re.compile(
    r"^(?:please\s+|can you\s+|could you\s+|graag\s+|kun je\s+|kan je\s+)?"
    r"(?:make|use|write|rewrite|shorten|remove|drop|leave out|change|try|"
    r"maak|gebruik|schrijf|herschrijf|verkort|verwijder|laat .* weg|verander|probeer)\b",
    re.IGNORECASE,
)
_ADD = re.compile(r"^(?:please\s+)?(?:add|also say|voeg toe|vermeld)(?: that| dat)?[:,]?\s+", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Said:
    """One message of a chat, as plain data."""

    role: MessageRole
    content: str


@dataclass(frozen=True)
class Transcript:
    """A chat read for its material."""

    priority: str
    account: tuple[str, ...]
    """The leader's answers before the coach's first draft."""
    feedback: tuple[str, ...]
    """The leader's messages after the first draft."""
    drafted: bool
    """Whether the coach has written a draft yet."""

    def material(self) -> str:
        """The leader's own words for the story: the account, then facts from the feedback.

        Requests to the coach ("make it shorter", "use STAR") steer the draft; they are not
        the leader's experience, so they never become sentences of the story.
        """
        facts = [sentence for note in self.feedback for sentence in feedback_facts(note)]
        return "\n".join([*self.account, *facts]).strip()

    def structure(self) -> StoryStructure | None:
        """The structure the leader last asked for in their feedback, if any."""
        for note in reversed(self.feedback):
            lowered = note.lower()
            for structure in StoryStructure:
                if structure.value in lowered or structure.value.replace("-", " ") in lowered:
                    return structure
        return None


def is_draft(content: str) -> bool:
    return content.startswith(DRAFT_MARK)


def draft_text(content: str) -> str:
    """The story in a draft reply, without the coach's notes after it."""
    return content.split(NOTES_MARK, 1)[0].strip()


def draft_notes(content: str) -> str:
    """The coach's notes after the story in a draft reply (what it still wants to know)."""
    parts = content.split(NOTES_MARK, 1)
    return parts[1].strip() if len(parts) == 2 else ""


def feedback_facts(note: str) -> list[str]:
    """The sentences of a feedback note that tell something; requests to the coach are left
    out, and "add that ..." keeps what is to be added."""
    facts = []
    for sentence in _SENTENCE.split(note.strip()):
        sentence = sentence.strip()
        added = _ADD.sub("", sentence)
        if added != sentence:
            facts.append(added[:1].upper() + added[1:])
        elif sentence and not _REQUEST.match(sentence):
            facts.append(sentence)
    return facts


def read_transcript(messages: Sequence[Said]) -> Transcript:
    """Split a chat into priority, account and feedback (see the module docstring).

    The first message must be the leader's (the priority); a chat that starts with the coach
    has nothing to work from.
    """
    if not messages or messages[0].role is not MessageRole.USER:
        raise ValueError("a chat starts with the leader's priority")
    account: list[str] = []
    feedback: list[str] = []
    drafted = False
    for message in messages[1:]:
        if message.role is MessageRole.ASSISTANT:
            drafted = drafted or is_draft(message.content)
        elif drafted:
            feedback.append(message.content.strip())
        else:
            account.append(message.content.strip())
    return Transcript(messages[0].content.strip(), tuple(account), tuple(feedback), drafted)
