"""Story structures and the beats they are built from.

A leader's account is sorted into five beats (what was going on, what went wrong, what they
did, what changed, why it matters). Each structure orders and names those beats its own way;
code owns this mapping, so a small model only has to sort sentences, never invent the shape.
"""

from __future__ import annotations

from enum import StrEnum

from service.vocabulary import Language
from service.words import load_words


class Beat(StrEnum):
    SITUATION = "situation"
    SETBACK = "setback"
    ACTION = "action"
    CHANGE = "change"
    WHY = "why"


class StoryStructure(StrEnum):
    STORY_SPINE = "story-spine"
    STAR = "star"
    SCQA = "scqa"
    WHAT_IS_WHAT_COULD_BE = "what-is-what-could-be"


SECTIONS: dict[StoryStructure, tuple[tuple[str, tuple[Beat, ...]], ...]] = {
    StoryStructure.STORY_SPINE: (
        ("once", (Beat.SITUATION,)),
        ("until_one_day", (Beat.SETBACK,)),
        ("because_of_that", (Beat.ACTION,)),
        ("ever_since", (Beat.CHANGE, Beat.WHY)),
    ),
    StoryStructure.STAR: (
        ("situation", (Beat.SITUATION,)),
        ("task", (Beat.SETBACK,)),
        ("action", (Beat.ACTION,)),
        ("result", (Beat.CHANGE, Beat.WHY)),
    ),
    StoryStructure.SCQA: (
        ("situation", (Beat.SITUATION,)),
        ("complication", (Beat.SETBACK,)),
        ("question", ()),
        ("answer", (Beat.ACTION, Beat.CHANGE, Beat.WHY)),
    ),
    StoryStructure.WHAT_IS_WHAT_COULD_BE: (
        ("what_was", (Beat.SITUATION, Beat.SETBACK)),
        ("what_we_did", (Beat.ACTION,)),
        ("what_could_be", (Beat.CHANGE, Beat.WHY)),
    ),
}
"""Each structure's sections in order: the key of the section's heading in the ``structures``
words, and the beats whose sentences it holds."""


def heading(structure: StoryStructure, section: str, language: Language) -> str:
    """A section's heading in ``language`` (``section`` is a key from ``SECTIONS``)."""
    return load_words("structures", language)[f"{structure.value}.headings.{section}"]


def pick_structure(beats: dict[Beat, list[str]], language: Language) -> tuple[StoryStructure, str]:
    """The coach's choice when the leader names none, with the reason in the leader's language."""
    has = {beat: bool(sentences) for beat, sentences in beats.items()}
    if not has.get(Beat.SETBACK):
        choice = StoryStructure.WHAT_IS_WHAT_COULD_BE
    elif has.get(Beat.CHANGE):
        choice = StoryStructure.STORY_SPINE
    elif len(beats.get(Beat.ACTION, [])) >= 2:
        choice = StoryStructure.STAR
    else:
        choice = StoryStructure.SCQA
    return choice, load_words("structures", language)[f"{choice.value}.reason"]
