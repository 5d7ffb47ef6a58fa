"""A lesson's parts chosen from the story's own sentences, for a model that selects.

The embedded model, asked to write a lesson's "why it matters", its practice and its
reflection question, failed its checks on most stories (why 29 of 32 generation cases,
practice 28, reflection 21, measured 2026-11-29): it wrote facts the story does not hold or
skipped the story's concrete detail. Choosing is what it does well (``choosing``), so for a
model not listed in ``Settings.free_writing_models`` each of these parts is a sentence of the
story the model chose for the part's purpose, inside a frame code owns:

- why it matters: the sentence that shows what happened to someone and what it cost or
  changed (concrete sentences are offered first), then the value it shows, cited;
- key points: per focus (what went wrong, what worked, the habit) the story's sentence that
  says it, as the leader wrote it;
- practice: the sentence that says what is done differently now, as a task for this week;
- reflection: the moment of the story to hold one's own work against.

- the objective: the sentence in which the storyteller says what they learned or do now,
  to explain in terms of one's own work ("After this lesson you can explain what this means
  for your own work: “…”"). Written freely, the Dutch objective failed its checks on 13 of 16
  corpus stories, and the ones that passed copied the prompt ("een verhaal om te zetten in een
  korte les maken", measured 2026-11-30);
- a one-on-one's next step: the sentence of something done in the story that the team member
  can also do, with a moment to agree by Friday (free-written Dutch next steps restated the
  prompt's rules: "zeg je het teamlid aan met 'je'").

The recall question is still written (it passed its checks on most stories). Each choice is
recorded in ``StepLog.chosen``; when no candidate comes back, the part falls back as before
(``fallbacks``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.knowledge import DocumentKind
from service.knowledge.languages import words

from ..model import ChatModel
from ..structures import Beat
from .beats import assign_beats
from .choosing import choose_one
from .fallbacks import (
    POINT_BEATS,
    frame,
    note,
    practice_fallback,
    story_clause,
    story_point,
    story_sentences,
    why_text,
)
from .field_steps import concrete_kinds
from .lesson_steps import LessonBrief, objective_fallback
from .publishable import fits_role
from .steps import StepLog
from .story_parts import HABIT, own_sentence

MAX_OPTIONS = 6
MOMENT_WORDS = 20
LONGEST_POINT = 45
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d\u201e]")
_SPEECH = re.compile(r"^[\"\u201c\u201e]|:\s*[\"\u201c\u201e]")
"""Someone's words quoted in a sentence: after a colon ("He said: “…”"), or opening it."""


def _fitting(said: list[str], low: int, high: int) -> list[str]:
    own = (own_sentence(s) for s in said)
    return [s for s in dict.fromkeys(own) if low <= len(words(s)) <= high]


def _unquoting(said: list[str]) -> list[str]:
    """Sentences a frame can quote: none that quotes what someone said (“He said: “…””
    nests quotes, and someone's words are not what the storyteller did)."""
    return [s for s in said if not _SPEECH.search(s)]


def _by_beats(text: str, *wanted: Beat) -> list[str]:
    beats = assign_beats(story_sentences(text))
    return [s for beat in wanted for s in beats[beat]]


def why_options(text: str, limits: tuple[int, int], taken: Sequence[str] = ()) -> list[str]:
    """The story's sentences that can carry "why it matters", the most concrete first (the
    story's turn before its setting, as ``fallbacks.concrete_details`` ranks them), none
    that another part quotes already."""
    turning = set(_by_beats(text, Beat.SETBACK, Beat.ACTION, Beat.CHANGE))
    said = story_sentences(text)
    fitting = [s for s in _unquoting(_fitting(said, 5, limits[1])) if s not in taken]
    rank = {own_sentence(s): len(concrete_kinds(s)) + (s in turning) for s in said}
    concrete = [s for s in fitting if concrete_kinds(s)]
    ranked = sorted(concrete or fitting, key=lambda s: -rank.get(s, 0))
    return ranked[:MAX_OPTIONS]


def point_options(text: str, focus: int, taken: list[str], limits: tuple[int, int]) -> list[str]:
    """Sentences for the key point of ``focus`` (0 setback, 1 action, 2 habit), not taken."""
    wanted = POINT_BEATS[focus % 3]
    # A short story may have no fitting sentence left once "why it matters" and the other
    # points took theirs (19 of 96 key points fell back so, 2026-11-30): then any sentence
    # of a readable length will do before code falls back.
    fitting = _first_fresh(text, taken, *limits, wanted)
    return (fitting or _first_fresh(text, taken, 4, LONGEST_POINT))[:MAX_OPTIONS]


def _first_fresh(
    text: str, taken: list[str], low: int, high: int, *beats: tuple[Beat, ...]
) -> list[str]:
    """Fitting sentences of the first of ``beats`` that has any not ``taken`` yet (a sentence
    another part already quotes is not offered again), else of the whole story."""
    for wanted in [*beats, tuple(Beat)]:
        fresh = [s for s in _fitting(_by_beats(text, *wanted), low, high) if s not in taken]
        if fresh:
            return fresh
    return []


def quoted_in(text: str, *parts: str) -> list[str]:
    """The story's sentences (as parts quote them) that any of ``parts`` already quotes."""
    said = [own_sentence(s) for s in story_sentences(text)]
    return [s for s in dict.fromkeys(said) if any(s.rstrip(".!") in part for part in parts)]


def framed_options(
    text: str, frame: str, high: int, *beats: tuple[Beat, ...], taken: Sequence[str] = ()
) -> list[str]:
    """Statements (no questions) of the first of ``beats`` with fresh ones, short enough that
    ``frame`` around them stays within ``high`` words, without their end mark."""
    room = high - len(words(frame.format(sentence="")))
    said = _unquoting(_first_fresh(text, list(taken), 5, room, *beats))
    return [s.rstrip(".!") for s in said if not s.endswith("?")][:MAX_OPTIONS]


def objective_options(text: str, frame: str, high: int) -> list[str]:
    """What the storyteller says they learned, else what changed, else what they did."""
    return framed_options(text, frame, high, (Beat.WHY, Beat.CHANGE), (Beat.ACTION,))


def next_step_options(text: str, frame: str, high: int, taken: list[str]) -> list[str]:
    """Something done in the story that worked, not quoted by another part yet."""
    return framed_options(text, frame, high, (Beat.ACTION,), (Beat.CHANGE,), taken=taken)


def practice_options(text: str, taken: list[str]) -> list[str]:
    """Sentences saying what changed or was done that worked, habit words first."""
    said = _unquoting(_first_fresh(text, taken, 5, 35, (Beat.CHANGE,), (Beat.ACTION, Beat.WHY)))
    return sorted(said, key=lambda s: not HABIT.search(s))[:MAX_OPTIONS]


def moment_options(text: str, taken: list[str]) -> list[str]:
    """Short sentences of the story's hard moment, or of what was done about it."""
    said = _first_fresh(text, taken, 4, MOMENT_WORDS, (Beat.SETBACK,), (Beat.ACTION,))
    return [s.rstrip(".") for s in _unquoting(said)][:MAX_OPTIONS]


def _choose(
    model: ChatModel,
    brief: LessonBrief,
    log: StepLog,
    part: str,
    options: list[str],
    *,
    what: str = "",
) -> str | None:
    chosen = choose_one(
        model,
        log,
        options,
        what=what or brief.words[f"choices.{part}"],
        story=f"{brief.story.title}\n\n{brief.story.text}",
        language=brief.language,
    )
    if chosen is not None:
        log.chose(f"{brief.job}.{part}")
    return chosen


def choose_objective(model: ChatModel, brief: LessonBrief, log: StepLog) -> str:
    """The objective: explain what the story's chosen lesson means for one's own work."""
    frame_text = brief.words["objective_frame"]
    high = brief.limits.objective[1]
    options = objective_options(brief.story.text, frame_text, high)
    chosen = _choose(model, brief, log, "objective", options)
    if chosen is None:
        return objective_fallback(brief, log)
    return f"{brief.stem} {frame_text.format(sentence=chosen)}."


def choose_next_step(
    model: ChatModel, brief: LessonBrief, log: StepLog, taken: list[str], high: int
) -> str | None:
    """A one-on-one's next step around a chosen sentence of the story, or ``None``."""
    frame_text = brief.words["next_step_frame"]
    options = next_step_options(brief.story.text, frame_text, high, taken)
    chosen = _choose(model, brief, log, "next_step", options)
    return None if chosen is None else frame_text.format(sentence=chosen)


def choose_why(
    model: ChatModel, brief: LessonBrief, log: StepLog, taken: Sequence[str] = ()
) -> str:
    """Why it matters: the chosen sentence (not one in ``taken``), more of the story's
    concrete sentences while it is shorter than the limits ask, and the value it shows, cited."""
    values = list(brief.sources.of_kind(DocumentKind.VALUE))
    options = why_options(brief.story.text, brief.limits.why, taken)
    chosen = _choose(model, brief, log, "why", options)
    if chosen is None:
        note(log, "why", brief.language, "value", f"{brief.job}.why")
    first = [chosen] if chosen else brief.details
    return why_text(first, brief.story.text, values, brief.language, brief.limits.why)


def choose_key_points(
    model: ChatModel, brief: LessonBrief, log: StepLog, *written: str
) -> list[str]:
    """Three key points in the story's own words, one per focus, none repeated and none that
    a ``written`` part ("why it matters", the objective) already quotes."""
    points: list[str] = []
    said: list[str] = []  # the story's sentences the points quote (a point may be framed)
    quoted = quoted_in(brief.story.text, *written)
    for number, focus in enumerate(brief.key_point_focus()):
        taken = [*said, *quoted]
        options = point_options(brief.story.text, number, taken, brief.limits.key_point)
        what = brief.words["choices.key_point"].format(focus=focus)
        fits = [o for o in options if fits_role("key_point", o, brief.story.text, brief.language)]
        # What worked and the habit: never a sentence the detectors read as a mistake; what
        # went wrong: a sentence that tells a mistake first (one with no quotes of its own,
        # which the frame's quotes would nest), then what fits.
        mistakes = [o for o in options if o not in fits and not _QUOTE_MARK.search(o)]
        options = (fits or options) if number else list(dict.fromkeys([*mistakes, *fits, *options]))
        chosen = _choose(model, brief, log, f"key_point.{number + 1}", options, what=what)
        if chosen is None:
            note(log, "key_point", brief.language, "story", f"{brief.job}.key_point.{number + 1}")
            chosen = story_point(brief.story.text, number, said, brief.limits.key_point)
        said.append(chosen)
        points.append(as_key_point(chosen, number, brief))
    return points


def as_key_point(sentence: str, focus: int, brief: LessonBrief) -> str:
    """A key point as the reader takes it away: the story's sentence, or, when it tells a
    mistake, that sentence shown as what went wrong: a mistake is a lesson's material, never
    its takeaway (and a sentence that tells none is never labelled as one)."""
    if fits_role("key_point", sentence, brief.story.text, brief.language):
        return sentence  # no mistake in it: shown as what went wrong, it would mislabel it
    return brief.words["went_wrong_frame"].format(sentence=sentence.rstrip(".") + ".")


def choose_practice(
    model: ChatModel, brief: LessonBrief, log: StepLog, objective: str, taken: list[str]
) -> str:
    """A task for this week: try what worked in the story (its chosen sentence)."""
    frame_text = brief.words["practice_frame"]
    options = [
        o
        for o in practice_options(brief.story.text, taken)
        if fits_role(
            "practice", frame_text.format(sentence=o.rstrip(".")), brief.story.text, brief.language
        )
    ]  # what worked, never the story's problem quoted as the thing to try
    chosen = _choose(model, brief, log, "practice", options)
    if chosen is None:
        note(log, "practice", brief.language, "frame", f"{brief.job}.practice")
        return practice_fallback(objective, brief.stem, brief.language)
    return frame_text.format(sentence=chosen.rstrip("."))


def choose_reflection(model: ChatModel, brief: LessonBrief, log: StepLog, taken: list[str]) -> str:
    """A reflection question around the story's chosen moment."""
    options = moment_options(brief.story.text, taken)
    chosen = _choose(model, brief, log, "reflection", options)
    if chosen is None:
        note(log, "reflection", brief.language, "frame", f"{brief.job}.reflection")
        chosen = story_clause(brief.story.text, 0)
    return frame("reflection", brief.language).format(clause=chosen)
