"""The story's own parts, chosen from the leader's words: a small model selects, code composes.

Asked to write a title, a core message or a call to action, the embedded 1.5B model wrote
things the leader never said ("Start using the scheduling app immediately to reduce sick
leave" for a leader whose lesson was to test tools with the people who use them). Picking is
far easier for it than paraphrasing, so here it only *chooses*: decoding is constrained to an
enum of the leader's own sentences (or short phrases of them, for the title), as the
critique's quote already is. Code decides which sentences are candidates (the beats that carry
a lesson or a habit), trims a leading connective, and owns every frame around them. Where a
part has a single candidate, code takes it and the model is not asked at all.

"Why it matters" joins the story to one retrieved value: the model chooses the value by its
title, and code writes the sentence around the value's own text and cites it.

When nothing suitable is there to choose from, a part falls back to plain text that code
owns, marked as such in ``Story.parts`` and explained in ``Story.notes``.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass

from service.knowledge import SearchHit, title_in
from service.knowledge.citations import cite
from service.quality.publishable import states_lesson
from service.vocabulary import Language
from service.words import load_words

from ..model import ChatModel
from ..structures import Beat
from .choosing import CHOICE_CANDIDATES, choice_prompt, choice_shape, choice_tokens
from .parts import Origin, fallback_note
from .publishable import fits_role
from .steps import Delta, StepLog, attempt_stream_step, offerable

MAX_CORE_WORDS = 30
TITLE_WORDS = (3, 12)
LONG_TITLE_WORDS = 16
"""The longest sentence of the leader's a title takes when none is 12 words or shorter: the
stand-in frame that names the priority instead ("A story about “…”") was sent back as generic
every time (labels-v17, tune: 3 of 3 stories, with their lessons and question sets), and an
account told in long sentences had none shorter ("When the trainer finally went up in May, it
took him one morning")."""
MAX_OPTIONS = 10

_CONNECTIVE = re.compile(
    r"^(?:so|and|but|then|anyway|well|en|maar|want|nou|enfin)\b[,:]?\s+", re.IGNORECASE
)
"""Connectives a sentence can lose without breaking. Not Dutch "dus" or "toen": the verb comes
right after them ("Toen zag ik"), so without them the sentence reads as a question or breaks
("Ik een middag zelf meekeek", cut from "Toen ik een middag zelf meekeek, zag ik ...")."""
_END_MARKS = " .!?\"'“”\u2018\u2019"
HABIT = re.compile(
    r"\b(?:now|every|always|never again|from now on|each|nu|elke|iedere|altijd|voortaan|"
    r"nooit meer)\b",
    re.IGNORECASE,
)
"""Words of a habit: a sentence with one is offered first as the call to action."""


@dataclass(frozen=True)
class Chosen:
    """A part's text and who wrote it."""

    text: str
    origin: Origin


def story_note(language: Language, part: str, source: str) -> str:
    """Why the story's ``part`` fell back on ``source`` (their names are ``story`` words)."""
    said = load_words("story", language)
    return fallback_note(language, said[f"part_names.{part}"], said[f"sources.{source}"])


def own_sentence(sentence: str) -> str:
    """A leader's sentence as a part: without a leading connective ("So", "En"), starting
    with a capital, with typographic quotes (``steps.offerable``). Nothing else changes: it
    stays their words."""
    text = _CONNECTIVE.sub("", offerable(" ".join(sentence.split()))).strip()
    return text[:1].upper() + text[1:] if text else text


def title_sentences(
    said: list[str], account: str, language: Language, high: int = TITLE_WORDS[1]
) -> list[str]:
    """The leader's whole sentences of at most ``high`` words that can stand as a title,
    without end marks.

    Never a clause cut out of a sentence: cut titles read as broken ("Ik een middag zelf
    meekeek"). A sentence is offered only when the detectors find it publishable as a title."""
    low = TITLE_WORDS[0]
    found: list[str] = []
    for sentence in said:
        title = own_sentence(sentence).strip(_END_MARKS)
        fits = low <= len(title.split()) <= high and title not in found
        if fits and fits_role("title", title, account, language):
            found.append(title)
    return found


def core_options(beats: dict[Beat, list[str]], account: str, language: Language) -> list[str]:
    """The leader's sentences that say what they learned ("Ik heb geleerd …", "The lesson: …";
    ``states_lesson``), those of the why first. An outcome ("In maart nog één op de twintig")
    or an event is not the lesson, however well it reads (on the labelled parts 16 of 18 core
    messages chosen from what changed were sent back): then there is none, and the coach asks."""
    order = (Beat.WHY, Beat.CHANGE, Beat.ACTION, Beat.SETBACK, Beat.SITUATION)
    said = [own_sentence(s) for beat in order for s in beats[beat]]
    lessons = [
        s
        for s in dict.fromkeys(said)
        if 0 < len(s.split()) <= MAX_CORE_WORDS and states_lesson(s, language)
    ]
    return [o for o in lessons if fits_role("core_message", o, account, language)][:MAX_OPTIONS]


def action_options(
    beats: dict[Beat, list[str]], core: str, account: str, language: Language
) -> list[str]:
    """The leader's sentences that ask the team to do something (habit words first), not the
    core message. A sentence that tells what happened is not a call to action, however well
    it reads: then there is none, and the coach asks for one."""
    said = [own_sentence(s) for said in beats.values() for s in said]
    found = [s for s in dict.fromkeys(said) if 0 < len(s.split()) <= MAX_CORE_WORDS]
    asks = [s for s in found if s != core and fits_role("call_to_action", s, account, language)]
    return sorted(asks, key=lambda s: not HABIT.search(s))[:MAX_OPTIONS]


def choose(
    model: ChatModel,
    log: StepLog,
    name: str,
    options: list[str],
    *,
    what: str,
    story: str,
    language: Language,
) -> Generator[Delta, None, str | None]:
    """One of ``options``, chosen by the model (decoding constrained to them), or by code when
    there is only one; ``None`` when there is none to choose."""
    if len(options) <= 1:
        if options:
            yield Delta(f"story.{name}", options[0])
        return options[0] if options else None
    answer = yield from attempt_stream_step(
        model,
        f"story.{name}",
        choice_prompt(
            options,
            what=load_words("story", language)[f"choices.{what}"],
            story=story,
            language=language,
        ),
        choice_shape(options),
        lambda _: None,
        log,
        field="choice",
        max_tokens=choice_tokens(options),
        candidates=CHOICE_CANDIDATES,
    )
    return None if answer is None else str(answer.model_dump()["choice"])


def choose_core(
    model: ChatModel,
    log: StepLog,
    beats: dict[Beat, list[str]],
    story: str,
    account: str,
    language: Language,
    *,
    avoid: frozenset[str] | set[str] = frozenset(),
) -> Generator[Delta, None, Chosen]:
    """The sentence that says the leader's lesson, chosen by the model; one in ``avoid`` (a
    section by itself) only when nothing else fits; the first when the model's choice fails.
    When the account says no lesson, the part is *missing*: its text is the question the coach
    asks the leader (ask, don't fake)."""
    found = core_options(beats, account, language)
    options = [o for o in found if o not in avoid] or found
    chosen = yield from choose(
        model, log, "core_message", options, what="core_message", story=story, language=language
    )
    if chosen is not None:
        return Chosen(chosen, Origin.LEADER)
    if options:  # the model's choice failed: the first lesson, marked as code's choice
        log.fell_back("core_message", story_note(language, "core_message", "sentence"))
        yield Delta("story.core_message", options[0])
        return Chosen(options[0], Origin.FALLBACK)
    question = missing_question("core_message", language)
    yield Delta("story.core_message", question)
    return Chosen(question, Origin.MISSING)


def choose_action(
    model: ChatModel,
    log: StepLog,
    beats: dict[Beat, list[str]],
    core: str,
    story: str,
    account: str,
    language: Language,
) -> Generator[Delta, None, Chosen]:
    """The leader's sentence that asks the team to do something; when the account has none,
    the part is *missing*: its text is the question the coach asks the leader (ask, don't
    fake), never a sentence of another role or a stand-in in the leader's name."""
    options = action_options(beats, core, account, language)
    chosen = yield from choose(
        model,
        log,
        "call_to_action",
        options,
        what="call_to_action",
        story=story,
        language=language,
    )
    if chosen is not None:
        return Chosen(chosen, Origin.LEADER)
    question = missing_question("call_to_action", language)
    yield Delta("story.call_to_action", question)
    return Chosen(question, Origin.MISSING)


def missing_question(part: str, language: Language) -> str:
    """What the coach asks the leader for a part their account has nothing for."""
    return load_words("story", language)[f"missing.{part}"]


def choose_title(
    model: ChatModel,
    log: StepLog,
    beats: dict[Beat, list[str]],
    priority_title: str,
    story: str,
    account: str,
    language: Language,
) -> Generator[Delta, None, Chosen]:
    """A whole short sentence of the leader's, the story's turn first."""
    turning = (Beat.SETBACK, Beat.WHY, Beat.ACTION, Beat.CHANGE, Beat.SITUATION)
    said = [s for beat in turning for s in beats[beat]]
    options = title_sentences(said, account, language)[:MAX_OPTIONS]
    options = options or title_sentences(said, account, language, LONG_TITLE_WORDS)[:MAX_OPTIONS]
    chosen = yield from choose(
        model, log, "title", options, what="title", story=story, language=language
    )
    if chosen is not None:
        return Chosen(chosen, Origin.LEADER)
    # No sentence of theirs is short and whole enough: a frame names the priority the story
    # was told for, in quotes (the company's words, not a claim about the leader).
    title = load_words("story", language)["title_frame"].format(priority=priority_title)
    log.fell_back("title", story_note(language, "title", "frame"))
    yield Delta("story.title", title)
    return Chosen(title, Origin.FALLBACK)


def story_why(
    beats: dict[Beat, list[str]],
    core: str,
    values: list[SearchHit],
    account: str,
    language: Language,
) -> tuple[SearchHit | None, str, Origin]:
    """Why it matters: the value the story shows, as a link (``preferred_value``), cited.

    The leader's sentence of what changed is no longer quoted before it: the story's sections
    tell every sentence of the account already, so it said one thing twice (labels-v3: 14 of
    14 tune parts sent back as a duplicate). The value's own first sentence is not quoted
    either: it says the same under every story. When the account says nothing of what came of
    it or why it matters, the part is missing and the coach asks for it (its text is the
    question)."""
    value = preferred_value(values, language)
    told = [own_sentence(s) for beat in (Beat.CHANGE, Beat.WHY, Beat.ACTION) for s in beats[beat]]
    if value is not None and any(s != core for s in told):
        why = load_words("story", language)["why_frame"].format(value=value_named(value, language))
        return value, why, Origin.COACH
    return value, missing_question("why_it_matters", language), Origin.MISSING


def preferred_value(values: list[SearchHit], language: Language) -> SearchHit | None:
    """The first-ranked value when a text in ``language`` can name it (its title is in that
    language or the value gives one: ``titled``), else the second when only it can, else the
    first. A value title in the other language inside a sentence made an English story fail
    its language check (measured on two battery cases); passing over the best-fitting value
    for one in the story's language put "Veilig en goed" under a story about packaging waste
    (labels-v17, tune)."""
    top = values[:2]
    return next((v for v in top if title_in(v, language)), top[0] if top else None)


def value_named(value: SearchHit, language: Language) -> str:
    """The value as a sentence in ``language`` names it, cited: "our value “[title](…)”" when
    it has a title in that language, else "[one of our values](…)". A title in the other
    language was sent back as the wrong language ("Dit verhaal laat zien wat onze waarde
    “The rider comes first” …": labels-v6), and "een van onze waarden" as generic
    (labels-v17)."""
    said = load_words("fallbacks", language).section("frames")
    title = title_in(value, language)
    if title is not None:
        return said["value_titled"].format(link=cite(title, value.id))
    return cite(said["value_untitled"], value.id)
