"""Invention: a part that says what the leader did not.

Every part not written by the leader is held to the leader's account and to the organisation's
priority and values (never to another leader's story): its content words, names and numbers
(``unsupported_claims``, with no exemption for sentences about "this story"), its numbers with
their units of time, months and weekdays, also across languages (``facts``), and negations
(a sentence of the account turned around).
"""

from __future__ import annotations

from service.quality.checks.faithfulness import unsupported_claims
from service.quality.checks.sources import unsupported_names, unsupported_numbers

from .facts import changed_facts, flipped_negations
from .parts import PartContext, ReadPart, Role
from .shape import plain

CLAIM_ROLES = frozenset(
    {Role.TITLE, Role.BODY, Role.CORE, Role.WHY, Role.KEY_POINT, Role.MEET, Role.OTHER}
)
"""Parts that state what happened or what it means: every content word is held to the
account. Questions and instructions ("Try this week …") are held to names, numbers and facts:
their other words ask, they do not claim."""
OWN_ORIGINS = frozenset({"leader"})
"""Parts that are the leader's own sentences as written: theirs, so not inventions."""


def without_frames(text: str, frames: tuple[str, ...]) -> str:
    for run in frames:
        text = text.replace(run, " ")
    return text


def invented(part: ReadPart, context: PartContext) -> str | None:
    """What ``part`` says that the account, priority and values do not, or ``None``."""
    if part.origin in OWN_ORIGINS or (part.role is Role.BODY and part.origin is None):
        return None
    text = without_frames(plain(part.text), context.frames)  # a link reads as its title
    if part.role in CLAIM_ROLES:
        found = unsupported_claims(
            text, context.account, allowed=context.support, moments=False, story_talk=False
        )
    else:  # a question or an instruction: its names and numbers, not its every word
        known = f"{context.account}\n{context.support}"
        found = [f"the number {n}" for n in unsupported_numbers(text, known)]
        found += [f"the name '{n}'" for n in unsupported_names(text, known)]
    found += [f"the fact '{f}'" for f in changed_facts(text, context.account, context.support)]
    found += [
        f"'{s}' turns the account around"
        for s in flipped_negations(text, context.account, context.language)
    ]
    return "; ".join(found) or None
