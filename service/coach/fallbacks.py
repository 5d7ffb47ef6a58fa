"""What code writes when every candidate of the model failed: plain, honest, and editable.

A small model writes a bad part sometimes; a leader whose input was valid must still get a
result to save and edit (DESIGN.md, principle 7). Each fallback here is built only from what
the job was given — the story's own sentences, the objective already written, the team
member's goal, a cited corpus document — inside a frame this module owns, in the result's
language. It invents nothing. A job lists the parts it fell back on (``fallbacks``) and
explains them in plain words (``notes``); the page marks them.

The frames keep to the checks the model's parts are held to (an observable verb in the
objective, an open question ending in "?", a moment in the next step), so a result with
fallbacks still passes its rubric on structure; it is only plainer.
"""

from __future__ import annotations

from service.knowledge import DocumentKind, SearchHit
from service.knowledge.languages import words
from service.quality.signals import sentences
from service.vocabulary import Language

from .beats import assign_beats
from .field_steps import concrete_kinds
from .parts import fallback_note
from .steps import StepLog
from .story_parts import own_sentence, preferred_value, title_phrases
from .structures import Beat

FRAMES: dict[str, dict[Language, str]] = {
    "objective": {
        Language.EN: "explain to a colleague what happened in “{title}” and what you will do "
        "differently in your own work",
        Language.NL: "een collega uitleggen wat er gebeurde in “{title}” en wat jij in je eigen "
        "werk anders gaat doen",
    },
    "why": {
        Language.EN: "In the story: “{detail}”",
        Language.NL: "In het verhaal: “{detail}”",
    },
    "why_value": {
        Language.EN: "It shows what our value “{title}” means in practice [{id}].",
        Language.NL: "Het laat zien wat onze waarde “{title}” in de praktijk betekent [{id}].",
    },
    "practice": {
        Language.EN: "Practise this week, in your own work: {rest}. Afterwards, write down in "
        "two sentences what you did and what happened.",
        Language.NL: "Oefen deze week in je eigen werk: {rest}. Schrijf daarna in twee zinnen op "
        "wat je deed en wat er gebeurde.",
    },
    "reflection": {
        Language.EN: "Which moment in your own work was like this one from the story: “{clause}”?",
        Language.NL: "Welk moment in je eigen werk leek op dit moment uit het verhaal: “{clause}”?",
    },
    "recall": {
        Language.EN: "What did you do this week to {rest}, and what happened?",
        Language.NL: "Wat heb je deze week gedaan met dit leerdoel: {rest}? Wat gebeurde er?",
    },
    "meet": {
        Language.EN: "What you want to learn is what our priority “{title}” [{id}] asks of us now; "
        "this story shows what that looks like in practice.",
        Language.NL: "Wat jij wilt leren, is wat onze prioriteit “{title}” [{id}] nu van ons "
        "vraagt; dit verhaal laat zien hoe dat er in de praktijk uitziet.",
    },
    "meet_plain": {
        Language.EN: "What you want to learn is what this story shows in practice; we will look "
        "at it together in your own role.",
        Language.NL: "Wat jij wilt leren, laat dit verhaal in de praktijk zien; we bekijken het "
        "samen in jouw eigen rol.",
    },
    "strength": {
        Language.EN: "This sentence works: it is concrete, so the listener can see it happen.",
        Language.NL: "Deze zin werkt: hij is concreet, zodat je het voor je ziet gebeuren.",
    },
    "next_step": {
        Language.EN: "This week: {rest}. Tell me on Friday how it went.",
        Language.NL: "Deze week: {rest}. Vertel me vrijdag hoe het ging.",
    },
}
"""Frames around the given material, per part and language."""

QUESTION_FRAMES: dict[str, dict[Language, str]] = {
    "Why": {Language.EN: "Why do you think it went this way in the story: “{clause}”?"},
    "Waarom": {Language.NL: "Waarom liep het in het verhaal zo: “{clause}”?"},
    "What did you do the last time": {
        Language.EN: "What did you do the last time something like this happened to you: "
        "“{clause}”?"
    },
    "Wat deed jij de laatste keer dat": {
        Language.NL: "Wat deed jij de laatste keer dat je zoiets meemaakte: “{clause}”?"
    },
    "How": {Language.EN: "How will you use this in your own work: “{clause}”?"},
    "Hoe": {Language.NL: "Hoe ga jij dit in je eigen werk gebruiken: “{clause}”?"},
    "What": {Language.EN: "What made the difference here: “{clause}”?"},
    "Wat": {Language.NL: "Wat maakte hier het verschil: “{clause}”?"},
    "Which moment": {Language.EN: "Which moment in your own work was like this one: “{clause}”?"},
    "Welk moment": {Language.NL: "Welk moment in je eigen werk leek op dit moment: “{clause}”?"},
    "What will you": {
        Language.EN: "What will you do differently after this moment in the story: “{clause}”?"
    },
    "Wat ga jij": {
        Language.NL: "Wat ga jij anders doen na dit moment uit het verhaal: “{clause}”?"
    },
}
"""A question built from one phrase of the story, by the opening code chose for it."""

PART_NAMES: dict[str, dict[Language, str]] = {
    "objective": {Language.EN: "objective", Language.NL: "het leerdoel"},
    "why": {Language.EN: "why it matters", Language.NL: "waarom het ertoe doet"},
    "key_point": {Language.EN: "key point", Language.NL: "een kernpunt"},
    "practice": {Language.EN: "practice", Language.NL: "de oefening"},
    "reflection": {Language.EN: "reflection question", Language.NL: "de reflectievraag"},
    "recall": {Language.EN: "recall question", Language.NL: "de terugblikvraag"},
    "meet": {
        Language.EN: "where the goal and the priority meet",
        Language.NL: "waar doel en prioriteit elkaar raken",
    },
    "next_step": {Language.EN: "next step", Language.NL: "de volgende stap"},
    "question": {Language.EN: "discussion question", Language.NL: "een gespreksvraag"},
    "strength": {Language.EN: "strength", Language.NL: "wat goed werkt"},
}
SOURCES: dict[str, dict[Language, str]] = {
    "story": {
        Language.EN: "a sentence from the story itself",
        Language.NL: "een zin uit het verhaal zelf",
    },
    "frame": {
        Language.EN: "a plain version built from the story and the objective",
        Language.NL: "een eenvoudige versie op basis van het verhaal en het leerdoel",
    },
    "value": {
        Language.EN: "the story's own words and the company value it shows",
        Language.NL: "de woorden uit het verhaal en de bedrijfswaarde die het laat zien",
    },
}
QUESTIONS_SHORT = {
    Language.EN: "The coach found {found} good questions, not {asked}; these are the ones that "
    "passed its checks.",
    Language.NL: "De coach vond {found} goede vragen, geen {asked}; dit zijn de vragen die door "
    "de controle kwamen.",
}


def note(log: StepLog, part: str, language: Language, source: str, name: str = "") -> None:
    """Record that ``part`` fell back, with its explanation in ``language``."""
    log.fell_back(
        name or part, fallback_note(language, PART_NAMES[part][language], SOURCES[source][language])
    )


def story_sentences(text: str) -> list[str]:
    """The story's sentences without its headings and its labelled parts ("**Core
    message:** ..."): what the leader told, not what the coach added."""
    lines = [
        line for line in text.splitlines() if line.strip() and not line.startswith(("#", "**", ">"))
    ]
    return [" ".join(s.split()) for s in sentences("\n".join(lines))]


def concrete_details(text: str, max_words: int = 35) -> list[str]:
    """One or two of the story's sentences that together carry at least two kinds of concrete
    detail (a number, a name, a place, a moment), richest first: what a lesson's "why it
    matters" is asked to use, so the lesson is concrete by design."""
    said = story_sentences(text)
    beats = assign_beats(said)
    turning = {s for beat in (Beat.SETBACK, Beat.ACTION, Beat.CHANGE) for s in beats[beat]}
    fitting = [s for s in said if 5 <= len(s.split()) <= max_words]
    # The richest sentence of the story's turn (setback, action, change) before its setting.
    ranked = sorted(fitting, key=lambda s: -(len(concrete_kinds(s)) + (s in turning)))
    if not ranked or not concrete_kinds(ranked[0]):
        return []
    first = ranked[0]
    if len(concrete_kinds(first)) >= 2:
        return [first]
    second = next(
        (s for s in ranked[1:] if set(concrete_kinds(s)) - set(concrete_kinds(first))), None
    )
    return [first, second] if second else [first]


def story_point(text: str, focus: int, taken: list[str], limits: tuple[int, int]) -> str:
    """A key point in the story's own words: a setback, an action or a lesson sentence
    (by ``focus``: 0, 1, 2) that fits ``limits`` and is not ``taken`` already."""
    beats = assign_beats(story_sentences(text))
    wanted = [(Beat.SETBACK,), (Beat.ACTION, Beat.CHANGE), (Beat.WHY, Beat.CHANGE)][focus % 3]
    every = [s for beat in Beat for s in beats[beat]]
    preferred = [s for beat in wanted for s in beats[beat]]
    low, high = limits
    for sentence in map(own_sentence, [*preferred, *every]):
        if low <= len(words(sentence)) <= high and sentence not in taken:
            return sentence
    return next((s for s in every if s not in taken), every[0] if every else text[:200])


def story_clause(text: str, index: int) -> str:
    """A short phrase of the story for a question to quote (a different one per ``index``)."""
    phrases = title_phrases(story_sentences(text)) or story_sentences(text) or [text]
    return phrases[index % len(phrases)].rstrip(".")


def objective_rest(objective: str, stem: str) -> str:
    """The objective without its stem and final stop: "explain ... differently"."""
    rest = objective[len(stem) :] if objective.startswith(stem) else objective
    return rest.strip(" .")


def why_text(
    first: list[str],
    story_text: str,
    values: list[SearchHit],
    language: Language,
    limits: tuple[int, int],
) -> str:
    """Why it matters from ``first`` (story sentences: the chosen one, or code's concrete
    details) and the value it shows, cited; more of the story's sentences are quoted while it
    is shorter than ``limits`` allows."""
    value = preferred_value([v for v in values if v.kind is DocumentKind.VALUE], language)
    tail = FRAMES["why_value"][language].format(title=value.title, id=value.id) if value else ""
    quoted = list(first or story_sentences(story_text)[:1])
    more = [s for s in story_sentences(story_text) if s not in quoted]

    def composed() -> str:
        detail = " ".join(quoted).rstrip(".")
        return f"{FRAMES['why'][language].format(detail=detail)}. {tail}".strip()

    while len(words(composed())) < limits[0] and more:
        quoted.append(more.pop(0))
    return composed()


def question_fallback(opening: str, clause: str, language: Language) -> str:
    frames = QUESTION_FRAMES.get(opening, {})
    frame = frames.get(language) or next(iter(frames.values()), "{clause}?")
    return frame.format(clause=" ".join(clause.split()[:12]))
