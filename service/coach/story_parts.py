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

from service.knowledge import SearchHit
from service.quality.signals import sentences
from service.vocabulary import Language
from service.words import load_words

from .choosing import CHOICE_CANDIDATES, choice_prompt, choice_shape, choice_tokens
from .model import ChatModel
from .parts import Origin, fallback_note
from .steps import Delta, StepLog, attempt_stream_step, offerable
from .structures import Beat

MAX_CORE_WORDS = 30
TITLE_WORDS = (3, 9)
MAX_OPTIONS = 10

_CONNECTIVE = re.compile(
    r"^(?:so|and|but|then|anyway|well|dus|en|maar|toen|nou|enfin)\b[,:]?\s+", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(
    r"[,;:\u2013\u2014()]|\s(?:and|but|because|so|when|while|after|before|en|maar|omdat|want|toen|"
    r"terwijl|nadat|voordat)\s",
    re.IGNORECASE,
)
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


def title_phrases(said: list[str]) -> list[str]:
    """Short phrases of the leader's sentences that can stand as a title, without end marks."""
    low, high = TITLE_WORDS
    found: list[str] = []
    for sentence in said:
        for clause in _CLAUSE_BREAK.split(sentence):
            phrase = own_sentence(clause.strip(" .!?\"'“”\u2018\u2019"))
            if low <= len(phrase.split()) <= high and phrase.lower() not in map(str.lower, found):
                found.append(phrase)
    return found


def core_options(beats: dict[Beat, list[str]]) -> list[str]:
    """The sentences that may carry the leader's lesson: the why, then what changed."""
    return _options(beats, (Beat.WHY, Beat.CHANGE), (Beat.ACTION, Beat.SETBACK, Beat.SITUATION))


def action_options(beats: dict[Beat, list[str]], core: str) -> list[str]:
    """Sentences that say what the leader does now (habit words first), not the core message."""
    found = _options(beats, (Beat.CHANGE, Beat.WHY, Beat.ACTION), ())
    others = [s for s in found if s != core] or [
        s for s in _options(beats, (Beat.SETBACK,), ()) if s != core
    ]
    return sorted(others, key=lambda s: not HABIT.search(s))


def _options(
    beats: dict[Beat, list[str]], first: tuple[Beat, ...], then: tuple[Beat, ...]
) -> list[str]:
    def fitting(members: tuple[Beat, ...]) -> list[str]:
        said = [own_sentence(s) for beat in members for s in beats[beat]]
        return [s for s in dict.fromkeys(said) if 0 < len(s.split()) <= MAX_CORE_WORDS]

    return (fitting(first) or fitting(then))[:MAX_OPTIONS]


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
    model: ChatModel, log: StepLog, beats: dict[Beat, list[str]], story: str, language: Language
) -> Generator[Delta, None, Chosen]:
    options = core_options(beats)
    chosen = yield from choose(
        model, log, "core_message", options, what="core_message", story=story, language=language
    )
    if chosen is not None:
        return Chosen(chosen, Origin.LEADER)
    last = own_sentence([s for said in beats.values() for s in said][-1])
    log.fell_back("core_message", story_note(language, "core_message", "sentence"))
    yield Delta("story.core_message", last)
    return Chosen(last, Origin.FALLBACK)


def choose_action(
    model: ChatModel,
    log: StepLog,
    beats: dict[Beat, list[str]],
    core: str,
    story: str,
    language: Language,
) -> Generator[Delta, None, Chosen]:
    options = action_options(beats, core)
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
    text = load_words("story", language)["action_fallback"]
    log.fell_back("call_to_action", story_note(language, "call_to_action", "frame"))
    yield Delta("story.call_to_action", text)
    return Chosen(text, Origin.FALLBACK)


def choose_title(
    model: ChatModel,
    log: StepLog,
    beats: dict[Beat, list[str]],
    priority_title: str,
    story: str,
    language: Language,
) -> Generator[Delta, None, Chosen]:
    """A phrase of the leader's, from the beats that carry the story's turn."""
    said = [s for beat in (Beat.SETBACK, Beat.WHY, Beat.ACTION, Beat.CHANGE) for s in beats[beat]]
    options = title_phrases(said)[:MAX_OPTIONS]
    chosen = yield from choose(
        model, log, "title", options, what="title", story=story, language=language
    )
    if chosen is not None:
        return Chosen(chosen, Origin.LEADER)
    # Your own words still, from any sentence: the priority's title is the company's words,
    # and a story titled with it says what its leader did not (the faithfulness check agrees).
    every = [s for said in beats.values() for s in said]
    phrases = title_phrases(every) or [" ".join(every[0].split()[: TITLE_WORDS[1]])]
    title = phrases[0].rstrip(".") if every else priority_title.split("\n", 1)[0]
    log.fell_back("title", story_note(language, "title", "phrase"))
    yield Delta("story.title", title)
    return Chosen(title, Origin.FALLBACK)


def value_why(values: list[SearchHit], language: Language) -> tuple[SearchHit, str]:
    """The value retrieval ranked first for this story (``preferred_value``), and "why it
    matters" in code's frame around the value's own first sentence (the company's words,
    cited). The value's sentence follows only when the value is written in the story's
    language (the company's words, cited); a value in the other language is named, not quoted.

    Code chooses here, not the model: asked to pick among the retrieved values, the 1.5B
    model chose "Everyone teaches, everyone learns" for complaint stories whose first-ranked
    value was "The rider comes first" (measured on the generation cases, 2026-11-29)."""
    value = preferred_value(values, language) or values[0]
    why = load_words("story", language)["why_frame"].format(title=value.title, id=value.id)
    if value.language is language and (quoted := _plain_sentence(value.text)):
        why += " " + quoted
    return value, why


def preferred_value(values: list[SearchHit], language: Language) -> SearchHit | None:
    """The first-ranked value, or the second when only it is in ``language``: a value in the
    story's own language can be quoted, and a value title in the other language inside a
    sentence made an English story fail its language check (measured on two battery cases).
    Further down the ranking the fit to the story matters more than the language."""
    top = values[:2]
    return next((v for v in top if v.language is language), top[0] if top else None)


def _plain_sentence(passage: str) -> str | None:
    """The passage's first sentence of prose (not its title, a heading or a list item)."""
    body = passage.split("\n\n", 1)[-1]
    for sentence in sentences(body):
        if not sentence.startswith(("*", "-", "#")) and len(sentence.split()) >= 6:
            return sentence if len(sentence.split()) <= MAX_CORE_WORDS else None
    return None
