"""The critique's model steps: a rewrite for each failing check, and one strength.

Both quote the story. The quote is limited in decoding to the story's own sentences, and code
checks again that it is really in the story word for word (as the judge's evidence check does);
a rewrite must also add no name or number the leader did not give.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, create_model

from service.knowledge.languages import words
from service.prompting import render_prompt
from service.quality.checks.sources import citations
from service.quality.signals import first_person, sentences
from service.vocabulary import Language
from service.words import load_words

from ..model import ChatModel
from ..priority import LANGUAGE_NAMES
from ..story_source import StorySource
from .fallbacks import concrete_details, frame, note
from .field_steps import check_field, concrete_kinds, tidy
from .steps import Delta, StepLog, attempt_stream_step, offerable, stream_step

QUOTE_WORDS = (3, 60)
REWRITE_WORDS = (3, 90)
STRENGTH_WORDS = (5, 40)


class RewriteDraft(BaseModel):
    quote: str = Field(max_length=1000)
    rewrite: str = Field(max_length=1200)


class StrengthDraft(BaseModel):
    quote: str = Field(max_length=1000)
    strength: str = Field(max_length=600)


Quoted = TypeVar("Quoted", RewriteDraft, StrengthDraft)


@dataclass(frozen=True)
class CritiqueJob:
    """What every step of one critique shares."""

    model: ChatModel
    log: StepLog
    story: StorySource
    text: str
    """The story as the leader wrote it: quotes must be found in it."""
    material: str
    allowed: frozenset[str]
    """Corpus ids a rewrite may cite."""
    language: Language
    """The critique's language; rewrites stay in the story's own language."""
    quotable: list[str]
    """The sentences a quote may be."""


def quotable(text: str) -> list[str]:
    """The story's sentences a quote may be, in order and without repeats."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    found = [s.strip(" -*#>") for p in paragraphs for s in sentences(p)]
    fitting = [s for s in found if QUOTE_WORDS[0] <= len(words(s)) <= QUOTE_WORDS[1]]
    # A quote must stay word for word, so a sentence a grammar cannot hold is not offered.
    return [s for s in dict.fromkeys(fitting) if offerable(s) == s]


def quoting(shape: type[Quoted], choices: list[str]) -> type[Quoted]:
    """``shape`` with its quote limited to ``choices``: decoding can only copy a real sentence.

    Asked to copy a passage word for word, the small model paraphrased it; an enum in the JSON
    schema leaves the choice of passage to the model and its exactness to code.
    """
    if not choices:
        return shape
    quote: Any = (Literal[tuple(choices)], ...)
    limited: type[Quoted] = create_model(f"Quoted{shape.__name__}", __base__=shape, quote=quote)
    return limited


def _normal(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split())


def _quote_problem(quote: str, story: str) -> str | None:
    """Like the judge's evidence check: a quote must be in the story, word for word."""
    count = len(words(quote))
    if count < QUOTE_WORDS[0] or count > QUOTE_WORDS[1]:
        return f"the quote has {count} words; copy {QUOTE_WORDS[0]} to {QUOTE_WORDS[1]}"
    if _normal(quote.strip(" .…")) not in _normal(story):
        return "the quote is not in the story word for word; copy one passage exactly"
    return None


def evidence_quote(evidence: str, job: CritiqueJob) -> str:
    """The story sentence the check's evidence points at, or none."""
    wanted = _normal(evidence.strip(" .…\"'“”"))
    if not wanted:
        return ""
    return next((s for s in job.quotable if wanted in _normal(s)), "")


def _clean_quote(quote: str) -> str:
    return tidy(quote).strip("…").strip()


EXTRA_CHECKS: dict[str, tuple[Callable[[str], bool], str]] = {
    "first_person": (
        lambda rewrite: bool(first_person(rewrite)),
        "the rewrite must be in the leader's own voice, with I or we",
    ),
    "concreteness": (
        lambda rewrite: bool(concrete_kinds(rewrite)) or "[" in rewrite,
        "the rewrite must add a concrete detail from the story, or ask for a missing one in "
        "square brackets, like [which day?]",
    ),
}
"""What a rewrite must show for the criterion it answers, beyond the checks every field has."""


def suggest_rewrite(
    job: CritiqueJob, criterion: str, checker: str, description: str, found: str
) -> Generator[Delta, None, RewriteDraft]:
    """A passage where ``criterion`` fails, and its rewrite in the story's own language.

    Raises:
        GenerationFailed: no candidate passed its checks (the caller asks the leader instead).
    """
    story_language = job.story.language
    rules = load_words("critique", story_language).section("rules")
    prompt = render_prompt(
        "critique-rewrite",
        language=story_language.value,
        story=job.text,
        criterion=rules.get(checker, description),
        finding=found,
        language_name=LANGUAGE_NAMES[story_language],
        max_words=REWRITE_WORDS[1],
    )

    def check(draft: RewriteDraft) -> str | None:
        quote, rewrite = _clean_quote(draft.quote), tidy(draft.rewrite)
        if problem := _quote_problem(quote, job.text):
            return problem
        if _normal(rewrite) == _normal(quote):
            return "the rewrite is the same as the quote; improve it"
        extra = EXTRA_CHECKS.get(checker)
        if extra is not None and not extra[0](rewrite):
            return extra[1]
        if any(c not in job.allowed for c in citations(rewrite)):
            return "the rewrite cites an id that is not among the company's documents"
        return check_field(rewrite, story_language, job.material, REWRITE_WORDS)

    name = f"critique.{criterion}"
    shape = quoting(RewriteDraft, job.quotable)
    draft = yield from stream_step(
        job.model, name, prompt, shape, check, job.log, field="rewrite", max_tokens=300
    )
    return RewriteDraft(quote=_clean_quote(draft.quote), rewrite=tidy(draft.rewrite))


def name_strength(job: CritiqueJob) -> Generator[Delta, None, str]:
    """One passage that works, quoted, and why it works, in the critique's language."""
    prompt = render_prompt(
        "critique-strength",
        language=job.language.value,
        story=job.text,
        language_name=LANGUAGE_NAMES[job.language],
        max_words=STRENGTH_WORDS[1],
    )

    def check(draft: StrengthDraft) -> str | None:
        if problem := _quote_problem(_clean_quote(draft.quote), job.text):
            return problem
        return check_field(tidy(draft.strength), job.language, job.material, STRENGTH_WORDS)

    shape = quoting(StrengthDraft, job.quotable)
    draft = yield from attempt_stream_step(
        job.model,
        "critique.strengths",
        prompt,
        shape,
        check,
        job.log,
        field="strength",
        max_tokens=200,
    )
    if draft is not None:
        return f"“{_clean_quote(draft.quote)}” {tidy(draft.strength)}"
    # No candidate passed: code names the story's most concrete sentence as what works.
    note(job.log, "strength", job.language, "story", "critique.strengths")
    quoted = next(iter(concrete_details(job.text)), job.quotable[0] if job.quotable else "")
    text = f"“{quoted}” {frame('strength', job.language)}"
    yield Delta("critique.strengths", text, restart=True)
    return text
