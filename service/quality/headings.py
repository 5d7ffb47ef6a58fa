"""What people call the parts of a lesson, in Dutch and English, mapped to one key per part.

L&D paste lessons written in their own shape: "## Leerdoel", "**Objective:**", "Key points". The
checks ask for a part by key (``objective``, ``key_points``...), never by the words used.
"""

from __future__ import annotations

import re

SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "objective": (
        "objective",
        "objectives",
        "learning objective",
        "learning objectives",
        "learning goal",
        "learning goals",
        "lesson goal",
        "lesson objective",
        "goal of this lesson",
        "aim",
        "what you will learn",
        "goal",
        "leerdoel",
        "leerdoelen",
        "lesdoel",
        "lesdoelen",
        "doel van deze les",
        "doel",
        "wat je leert",
    ),
    "why": (
        "why it matters",
        "why this matters",
        "why",
        "the why",
        "why we do this",
        "background",
        "context",
        "waarom het ertoe doet",
        "waarom dit belangrijk is",
        "waarom dit ertoe doet",
        "waarom",
        "achtergrond",
    ),
    "key_points": (
        "key points",
        "key messages",
        "main points",
        "takeaways",
        "key takeaways",
        "core points",
        "remember",
        "what to remember",
        "kernpunten",
        "hoofdpunten",
        "belangrijkste punten",
        "kernboodschappen",
        "onthoud",
        "om te onthouden",
    ),
    "practice": (
        "practice",
        "exercise",
        "try it",
        "try this",
        "assignment",
        "apply it",
        "in practice",
        "do this",
        "oefening",
        "oefenen",
        "opdracht",
        "aan de slag",
        "toepassen",
        "in de praktijk",
        "probeer het",
    ),
    "reflection": (
        "reflection",
        "reflect",
        "reflection question",
        "think about",
        "reflectie",
        "reflectievraag",
        "reflectievragen",
        "om over na te denken",
    ),
    "recall": (
        "recall",
        "recall question",
        "check yourself",
        "retrieval practice",
        "review question",
        "look back",
        "quiz",
        "terugblik",
        "terugblikvraag",
        "herhaalvraag",
        "herhaling",
        "test jezelf",
        "terugkijken",
    ),
    "questions": (
        "discussion questions",
        "questions",
        "questions for the team",
        "team questions",
        "questions to discuss",
        "gespreksvragen",
        "vragen",
        "discussievragen",
        "vragen voor het team",
        "bespreekvragen",
        "vragen om te bespreken",
    ),
    "story": ("story", "the story", "my story", "verhaal", "het verhaal", "mijn verhaal"),
    "next_step": (
        "next step",
        "next steps",
        "first step",
        "your next step",
        "agreement",
        "agreements",
        "volgende stap",
        "volgende stappen",
        "eerste stap",
        "afspraak",
        "afspraken",
    ),
    "development_goal": (
        "development goal",
        "your development goal",
        "growth goal",
        "ontwikkeldoel",
        "jouw ontwikkeldoel",
        "ontwikkelwens",
    ),
    "core_message": (
        "core message",
        "the point",
        "moral",
        "what i learned",
        "lesson learned",
        "kernboodschap",
        "de kern",
        "wat ik leerde",
        "wat ik heb geleerd",
        "de les",
    ),
}

_LOOKUP: dict[str, str] = {name: key for key, names in SECTION_NAMES.items() for name in names}
_BY_LENGTH = sorted(_LOOKUP, key=len, reverse=True)
_NOISE = re.compile(r"[*_`#:.\-\u2013\u2014!?()\[\]0-9]+")


def normalise_heading(heading: str) -> str:
    """Lower case, markup and numbering removed: "## 1. Leerdoel:" becomes "leerdoel"."""
    return " ".join(_NOISE.sub(" ", heading).lower().split())


def section_key(heading: str) -> str | None:
    """The part a heading names, or ``None`` when it is not one we know.

    An exact name wins; otherwise the longest known name the heading starts with, so
    "Key points for team leads" is still ``key_points``.
    """
    name = normalise_heading(heading)
    if name in _LOOKUP:
        return _LOOKUP[name]
    for known in _BY_LENGTH:
        if name.startswith(known + " "):
            return _LOOKUP[known]
    return None


def is_known_label(label: str) -> bool:
    """Whether a plain "Label: text" line opens a part (only known labels do, to avoid noise)."""
    return normalise_heading(label) in _LOOKUP
