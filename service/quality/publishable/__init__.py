"""Would a careful reviewer publish this part as it stands? One detector per reason.

"Valid" is not "good": a rubric can pass a lesson whose practice quotes the story's problem.
These detectors read each reader-facing part (a title, a call to action, one key point, one
question) for the reasons an L&D reviewer sends a part back (``Reason``). A part with no
reason is *publishable*. The detectors are signals, measured against human part labels by
``storycoach eval meta`` (``service.evaluation.part_labels``); the coach uses the same ones
to rank its candidates, so what it offers is what they let through.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.knowledge.languages import detect_language

from .grammar import ungrammatical
from .invented import invented
from .parts import PartContext, ReadPart, Role, role_of
from .reasons import Reason
from .repeats import duplicate, generic
from .roles import states_lesson, wrong_role
from .shape import fragment, plain, raw_ids

Detector = Callable[[ReadPart, PartContext], str | None]


def _raw_id(part: ReadPart, context: PartContext) -> str | None:
    found = raw_ids(part.text)
    return ", ".join(found) if found else None


def _wrong_language(part: ReadPart, context: PartContext) -> str | None:
    found = detect_language(plain(part.text))
    if found is None or found is context.language:
        return None
    return f"written in {found.value}, asked for {context.language.value}"


DETECTORS: dict[Reason, Detector] = {
    Reason.FRAGMENT: fragment,
    Reason.WRONG_ROLE: wrong_role,
    Reason.UNGRAMMATICAL: ungrammatical,
    Reason.GENERIC: generic,
    Reason.DUPLICATE: duplicate,
    Reason.RAW_ID: _raw_id,
    Reason.WRONG_LANGUAGE: _wrong_language,
    Reason.INVENTED: invented,
}


@dataclass(frozen=True)
class PartVerdict:
    """What the detectors found in one part: per reason, why."""

    part: ReadPart
    found: dict[Reason, str]

    @property
    def publishable(self) -> bool:
        return not self.found


def judge_part(part: ReadPart, context: PartContext) -> PartVerdict:
    found = {}
    for reason, detect in DETECTORS.items():
        why = detect(part, context)
        if why:
            found[reason] = why
    return PartVerdict(part, found)


def judge_parts(parts: Sequence[ReadPart], context: PartContext) -> list[PartVerdict]:
    """Every part of one output, each seen beside the others (for repeats)."""
    context = PartContext(
        language=context.language,
        account=context.account,
        support=context.support,
        story=context.story,
        parts=tuple(parts),
        frames=context.frames,
    )
    return [judge_part(part, context) for part in parts]


__all__ = [
    "DETECTORS",
    "PartContext",
    "PartVerdict",
    "ReadPart",
    "Reason",
    "Role",
    "judge_part",
    "judge_parts",
    "role_of",
    "states_lesson",
]
