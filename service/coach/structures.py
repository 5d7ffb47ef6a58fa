"""Story structures and the beats they are built from.

A leader's account is sorted into five beats (what was going on, what went wrong, what they
did, what changed, why it matters). Each structure orders and names those beats its own way;
code owns this mapping, so a small model only has to sort sentences, never invent the shape.
"""

from __future__ import annotations

from enum import StrEnum

from service.knowledge import Language


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


# Each section: its heading per language and the beats whose sentences it holds.
SECTIONS: dict[StoryStructure, list[tuple[dict[Language, str], tuple[Beat, ...]]]] = {
    StoryStructure.STORY_SPINE: [
        ({Language.EN: "Once", Language.NL: "Er was eens"}, (Beat.SITUATION,)),
        ({Language.EN: "Until one day", Language.NL: "Tot op een dag"}, (Beat.SETBACK,)),
        ({Language.EN: "Because of that", Language.NL: "Daardoor"}, (Beat.ACTION,)),
        ({Language.EN: "Ever since", Language.NL: "Sindsdien"}, (Beat.CHANGE, Beat.WHY)),
    ],
    StoryStructure.STAR: [
        ({Language.EN: "Situation", Language.NL: "Situatie"}, (Beat.SITUATION,)),
        ({Language.EN: "Task", Language.NL: "Taak"}, (Beat.SETBACK,)),
        ({Language.EN: "Action", Language.NL: "Actie"}, (Beat.ACTION,)),
        ({Language.EN: "Result", Language.NL: "Resultaat"}, (Beat.CHANGE, Beat.WHY)),
    ],
    StoryStructure.SCQA: [
        ({Language.EN: "Situation", Language.NL: "Situatie"}, (Beat.SITUATION,)),
        ({Language.EN: "Complication", Language.NL: "Complicatie"}, (Beat.SETBACK,)),
        ({Language.EN: "Question", Language.NL: "Vraag"}, ()),
        ({Language.EN: "Answer", Language.NL: "Antwoord"}, (Beat.ACTION, Beat.CHANGE, Beat.WHY)),
    ],
    StoryStructure.WHAT_IS_WHAT_COULD_BE: [
        ({Language.EN: "What was", Language.NL: "Hoe het was"}, (Beat.SITUATION, Beat.SETBACK)),
        ({Language.EN: "What we did", Language.NL: "Wat we deden"}, (Beat.ACTION,)),
        ({Language.EN: "What could be", Language.NL: "Hoe het kan zijn"}, (Beat.CHANGE, Beat.WHY)),
    ],
}

DESCRIPTIONS: dict[StoryStructure, dict[Language, str]] = {
    StoryStructure.STORY_SPINE: {
        Language.EN: "the story spine, because your account has a turning point and an after",
        Language.NL: "de story spine, omdat je verhaal een keerpunt en een daarna heeft",
    },
    StoryStructure.STAR: {
        Language.EN: "STAR, because your account is mostly about what you did",
        Language.NL: "STAR, omdat je verhaal vooral gaat over wat je deed",
    },
    StoryStructure.SCQA: {
        Language.EN: "SCQA, because your account turns on a problem that needed an answer",
        Language.NL: "SCQA, omdat je verhaal draait om een probleem dat een antwoord vroeg",
    },
    StoryStructure.WHAT_IS_WHAT_COULD_BE: {
        Language.EN: "what is / what could be, because your account says little of a setback",
        Language.NL: "hoe het is / hoe het kan zijn, omdat je verhaal weinig tegenslag noemt",
    },
}


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
    return choice, DESCRIPTIONS[choice][language]
