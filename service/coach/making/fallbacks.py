"""What code writes when every candidate of the model failed: plain, honest, and editable.

A small model writes a bad part sometimes; a leader whose input was valid must still get a
result to save and edit (docs/design.md, principle 7). Each fallback here is built only from what
the job was given — the story's own sentences, the objective already written, the team
member's goal, a cited corpus document — inside a frame this module owns, in the result's
language. It invents nothing. A job lists the parts it fell back on (``fallbacks``) and
explains them in plain words (``notes``); the page marks them.

The frames keep to the checks the model's parts are held to (an observable verb in the
objective, an open question ending in "?", a moment in the next step), so a result with
fallbacks still passes its rubric on structure; it is only plainer.
"""

from __future__ import annotations

from functools import cache

from service.knowledge import DocumentKind, SearchHit
from service.knowledge.languages import words
from service.quality.signals import sentences
from service.vocabulary import Language
from service.words import load_words

from ..structures import Beat
from .beats import assign_beats
from .field_steps import concrete_kinds
from .parts import fallback_note, missing_marks
from .steps import StepLog
from .story_parts import own_sentence, preferred_value, value_named


def frame(part: str, language: Language) -> str:
    """The frame code writes ``part`` in, around the given material (``fallbacks`` words)."""
    return load_words("fallbacks", language)[f"frames.{part}"]


def code_frames(language: Language) -> list[str]:
    """Every frame code writes a part in (``{placeholders}`` unfilled): the fallbacks' frames,
    the chosen parts' frames and the story's. Their words are the coach's, not claims about what the
    leader did, so the eval holds only what fills them to the account. A value's place is
    filled in both ways a value is named ("our value “{link}”", "one of our values"): its two
    words alone are too short to be read as a frame's, and left in, the untitled value's link
    read as the word "corpus", which no account has (labels-v10 run: 3 stories)."""
    named = (frame("value_titled", language), frame("value_untitled", language))
    return list(
        dict.fromkeys(
            text.replace("{value}", value)
            for words in ("fallbacks", "lesson", "story")
            for key, text in load_words(words, language).texts().items()
            if key.startswith("frames.") or key.endswith("_frame")
            for value in named
        )
    )


def note(log: StepLog, part: str, language: Language, source: str, name: str = "") -> None:
    """Record that ``part`` fell back, with its explanation in ``language``."""
    said = load_words("fallbacks", language)
    explained = fallback_note(language, said[f"part_names.{part}"], said[f"sources.{source}"])
    log.fell_back(name or part, explained)


def story_sentences(text: str) -> list[str]:
    """The story's sentences, once each: what the leader told, not what the coach added.

    Headings go, and the labelled parts ("**Why it matters:** …") but the core message and
    the call to action: the leader's own sentences, which the story no longer tells twice
    (``story._told_once``). A paragraph that opens in bold ("**Poging één.** In het
    weekoverleg …") is the story's."""
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", ">")):
            continue
        label, _, rest = line.removeprefix("**").partition(":**")
        if line.startswith("**") and rest:
            if label not in _leaders_labels() or any(m in rest for m in missing_marks()):
                continue
            line = rest
        lines.append(line.replace("**", ""))
    return list(dict.fromkeys(" ".join(s.split()) for s in sentences("\n".join(lines))))


@cache
def _leaders_labels() -> frozenset[str]:
    return frozenset(
        load_words("story", lang)[f"labels.{part}"]
        for lang in Language
        for part in ("core", "action")
    )


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


_INNER_QUOTES = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019"})


def inner_quotes(sentence: str) -> str:
    """``sentence`` to quote inside a frame's quotes: its own (typographic, as ``offerable``
    makes them) made single, so the frame's stay the outer ones; the same double marks
    nested were sent back as ungrammatical (labels-v3)."""
    return sentence.translate(_INNER_QUOTES)


QUOTED_WORDS = (4, 22)
"""How long a sentence of the story a frame quotes whole may be."""


def story_clause(text: str, index: int) -> str:
    """A whole short sentence of the story for a frame to quote (a different one per
    ``index``), without its end mark. Never a clause cut out of a sentence: a cut clause in
    quotes reads as broken."""
    said = [own_sentence(s) for s in story_sentences(text)]
    low, high = QUOTED_WORDS
    short = [s for s in said if low <= len(words(s)) <= high] or said or [text]
    return short[index % len(short)].rstrip(".!?")


def practice_fallback(objective: str, stem: str, language: Language, title: str = "") -> str:
    """A practice code writes when the model's failed: around the objective's rest, or, when
    the objective quotes the story, ``story_practice``. The old frame around a quoting
    objective's rest doubled it ("Practise …: explain what this means for your own work:
    “…”")."""
    if "\u201c" in objective:
        return story_practice(language, title)
    return frame("practice", language).format(rest=objective_rest(objective, stem))


def story_practice(language: Language, title: str) -> str:
    """A practice when the story tells no deed of the storyteller or their team to try: one
    moment this week to act on the story's lesson, named by its title. Reviewers still send
    it back as generic (labels-v5); without the title it could stand under any story."""
    if not title:
        return frame("practice_own", language)
    return frame("practice_story", language).format(title=title)


def objective_rest(objective: str, stem: str) -> str:
    """The objective without its stem and final stop: "explain ... differently"."""
    rest = objective[len(stem) :] if objective.startswith(stem) else objective
    return rest.strip(" .")


def why_text(
    first: list[str],
    more: list[str],
    values: list[SearchHit],
    language: Language,
    limits: tuple[int, int],
) -> str:
    """Why it matters from ``first`` (story sentences of what came of it) and the value it
    shows, cited; sentences of ``more`` are quoted while it is shorter than ``limits`` allows.
    With no sentence to quote it is the value alone: quoting the story's setting or setback
    instead was sent back as "not why it matters" (labels-v3)."""
    value = preferred_value([v for v in values if v.kind is DocumentKind.VALUE], language)
    named = value_named(value, language) if value else ""
    if not first:
        return frame("why_value_alone", language).format(value=named) if value else ""
    tail = frame("why_value", language).format(value=named) if value else ""
    quoted = list(first)
    rest = [s for s in more if s not in quoted]

    def composed() -> str:
        detail = " ".join(quoted).rstrip(".")
        return f"{frame('why', language).format(detail=detail)}. {tail}".strip()

    while len(words(composed())) < limits[0] and rest:
        quoted.append(rest.pop(0))
    return composed()
