"""Feedback on a story the leader wrote: criterion by criterion, with concrete rewrites.

The story rubric's deterministic checks (evals/rubrics/story.yaml) run first, through the same
``score_document`` that L&D and the eval suite use; the judge's criteria are left to a
reviewer. For each check that fails, one model step picks the passage where the problem shows
most and suggests a rewrite; code verifies that the quoted passage is really in the story (as
the judge's evidence check does) and that the rewrite adds no name or number the leader did not
give: a missing detail becomes a question in square brackets. One more step names a strength.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, create_model

from service.errors import GenerationFailed, NotFound
from service.knowledge import KnowledgeBase, Language
from service.knowledge.languages import words
from service.prompting import render_prompt
from service.quality import Rubric, ScoringContext, load_rubric, score_document
from service.quality.checks.sources import citations
from service.quality.signals import first_person, sentences
from service.settings import get_settings

from .fallbacks import FRAMES, concrete_details, note
from .field_steps import (
    check_field,
    concrete_kinds,
    resolve_language,
    source_hit,
    tidy,
)
from .model import ChatModel
from .priority import LANGUAGE_NAMES
from .sources import ResultMeta, Sources, gather_sources
from .steps import Delta, StepLog, attempt_stream_step, finish, offerable, stream_step
from .story_source import StorySource, load_story

STEP = "critique"
"""The step name of the parts code writes (headings, advice, quotes) in the stream."""
QUOTE_WORDS = (3, 60)
REWRITE_WORDS = (3, 90)
STRENGTH_WORDS = (5, 40)


def story_rubric() -> Rubric:
    """The story rubric from the rubrics setting: the one L&D and the evals score with."""
    return _load_rubric(get_settings().rubrics_dir / "story.yaml")


@cache
def _load_rubric(path: Path) -> Rubric:
    return load_rubric(path)


@dataclass(frozen=True)
class Advice:
    """What to call a check, and what to tell the leader when it passes or fails."""

    label: str
    passed: str
    failed: str


ADVICE: dict[str, dict[Language, Advice]] = {
    "first_person": {
        Language.EN: Advice(
            "Your own voice",
            "Told in your own voice, with “I” and “we”.",
            "Tell it as your own story, with “I” and “we”: your team wants to hear what you did.",
        ),
        Language.NL: Advice(
            "Je eigen stem",
            "Verteld in je eigen stem, met “ik” en “we”.",
            "Vertel het als je eigen verhaal, met “ik” en “we”: je team wil horen wat jij deed.",
        ),
    },
    "story_shape": {
        Language.EN: Advice(
            "Told as a story",
            "Told in paragraphs, like a story.",
            "Tell it in three paragraphs or more, not as a list, so each moment has room.",
        ),
        Language.NL: Advice(
            "Verteld als verhaal",
            "Verteld in alinea's, als een verhaal.",
            "Vertel het in drie alinea's of meer, geen lijstje, zodat elk moment ruimte krijgt.",
        ),
    },
    "word_count": {
        Language.EN: Advice(
            "Length",
            "A length you can tell in three minutes.",
            "Aim for 150 to 600 words: room for the turning point, yet three minutes to tell.",
        ),
        Language.NL: Advice(
            "Lengte",
            "Een lengte die je in drie minuten vertelt.",
            "Mik op 150 tot 600 woorden: ruimte voor het keerpunt, toch in drie minuten verteld.",
        ),
    },
    "concreteness": {
        Language.EN: Advice(
            "Concrete detail",
            "Concrete: numbers, names, places and moments.",
            "Make it concrete with details you really know: a number, a name, a place, a moment. "
            "Where one is missing, the rewrite asks you for it in square brackets.",
        ),
        Language.NL: Advice(
            "Concrete details",
            "Concreet: getallen, namen, plaatsen en momenten.",
            "Maak het concreet met details die je echt weet: een getal, een naam, een plek, een "
            "moment. Waar er een ontbreekt, vraagt het voorstel ernaar tussen vierkante haken.",
        ),
    },
    "language_matches": {
        Language.EN: Advice(
            "One language",
            "One language throughout.",
            "Keep the whole story in one language; a part in another loses listeners.",
        ),
        Language.NL: Advice(
            "Eén taal",
            "Overal dezelfde taal.",
            "Houd het hele verhaal in één taal; een deel in een andere taal verliest luisteraars.",
        ),
    },
    "no_filler": {
        Language.EN: Advice(
            "Plain words",
            "Plain words, no corporate phrases.",
            "Replace the stock corporate phrases with what you actually saw and did.",
        ),
        Language.NL: Advice(
            "Gewone woorden",
            "Gewone woorden, geen managementtaal.",
            "Vervang de managementtaal door wat je echt zag en deed.",
        ),
    },
    "valid_citations": {
        Language.EN: Advice(
            "Sources",
            "Cites only the company's own documents.",
            "A cited id is not one of the company's documents; remove it or cite the right one.",
        ),
        Language.NL: Advice(
            "Bronnen",
            "Verwijst alleen naar eigen documenten van het bedrijf.",
            "Een verwijzing is geen document van het bedrijf; haal die weg of verwijs juist.",
        ),
    },
}
"""Code writes the feedback, so it is in the asked language whatever the checks report."""

ASK: dict[str, dict[Language, str]] = {
    "first_person": {
        Language.EN: "[What did you do yourself at this point? Tell it with “I”.]",
        Language.NL: "[Wat deed jij zelf op dit moment? Vertel het met “ik”.]",
    },
    "concreteness": {
        Language.EN: "[What exactly happened, and when? Who was there? What did you see or hear?]",
        Language.NL: "[Wat gebeurde er precies, en wanneer? Wie was erbij? Wat zag of hoorde je?]",
    },
    "no_filler": {
        Language.EN: "[What did you actually see and do here? Say it as you would to your team.]",
        Language.NL: "[Wat zag en deed je hier echt? Zeg het zoals je het je team zou vertellen.]",
    },
}
GENERIC_ASK = {
    Language.EN: "[What really happened here, in your own words?]",
    Language.NL: "[Wat gebeurde hier echt, in je eigen woorden?]",
}
"""When the model's rewrite stays invalid after its retry, the coach asks the leader for the
missing material instead (elicit, never invent): the questions stand in for the rewrite and
the criterion is listed in ``Critique.asked_instead``."""

TEXTS = {
    Language.EN: {
        "title": "Feedback on “{title}”",
        "summary": "{passed} of {total} checks pass. For each one that does not, a passage "
        "from your story and a suggested rewrite.",
        "strengths": "Strengths",
        "rewrite": "Suggested rewrite",
        "ask": "Tell us more",
    },
    Language.NL: {
        "title": "Feedback op “{title}”",
        "summary": "{passed} van de {total} controles slagen. Bij elke controle die niet "
        "slaagt: een passage uit je verhaal en een voorstel om die te herschrijven.",
        "strengths": "Sterke punten",
        "rewrite": "Voorstel",
        "ask": "Vertel meer",
    },
}


class RewriteDraft(BaseModel):
    quote: str = Field(max_length=1000)
    rewrite: str = Field(max_length=1200)


class StrengthDraft(BaseModel):
    quote: str = Field(max_length=1000)
    strength: str = Field(max_length=600)


Quoted = TypeVar("Quoted", RewriteDraft, StrengthDraft)


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


class CriterionFeedback(BaseModel):
    id: str
    """The story rubric's criterion id."""
    passed: bool
    feedback: str
    """What to do (or what works), in the critique's language."""
    finding: str
    """What the check reported (the rubric engine's words, in English), for a reviewer."""
    quote: str = ""
    """The passage the rewrite replaces, verified to be in the story word for word."""
    rewrite: str = ""
    """In the story's language, with the leader's facts only; gaps are [questions]."""
    asked: bool = False
    """``rewrite`` is the coach's questions, not the model's rewrite (which failed its checks)."""


class Critique(BaseModel):
    """Feedback on a leader's story; ``text`` is all of it as Markdown."""

    title: str
    passed: bool
    """Whether the story passes the deterministic part of the story rubric (the judge's
    criteria, such as faithfulness and the beats, are left to a reviewer)."""
    criteria: list[CriterionFeedback]
    """The deterministic criteria that could be scored, in the rubric's order."""
    strengths: list[str]
    asked_instead: list[str] = Field(default_factory=list)
    """Criteria whose model rewrite failed its checks twice; the leader gets questions there."""
    text: str
    citations: list[str]
    """Corpus ids the story cites that exist; the others are counted in the metadata."""
    language: Language
    meta: ResultMeta


def critique_story(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    story_text: str,
    *,
    language: Language | str | None = None,
) -> Critique:
    """Feedback on ``story_text`` (Markdown, an optional ``# title`` first).

    Raises:
        InvalidInput: an empty or too long story (field ``story``), an unsupported language.
        ModelUnavailable: the model itself failed. A strength no candidate could write is
            the story's most concrete sentence (listed in the log's fallbacks); a rewrite that
            stays invalid is replaced by questions to the leader (``asked_instead``).
    """
    return finish(_critique(model, knowledge, org, story_text, language))


def stream_critique(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    story_text: str,
    *,
    language: Language | str | None = None,
) -> Iterator[Delta | Critique]:
    """The critique as it is produced, then the finished ``Critique``.

    Code-written parts (the heading, the summary, each check's advice and quote) come as
    whole ``Delta``s of step ``critique``, the first before any model call; the model's
    strength and rewrites stream token by token under their step's name, with ``restart``
    when a retry replaces what was shown. The ``Critique``'s ``text`` is the final Markdown.
    Errors are raised as in ``critique_story``, after what was already sent.
    """
    result = yield from _critique(model, knowledge, org, story_text, language)
    yield result


def _critique(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    story_text: str,
    requested: Language | str | None,
) -> Generator[Delta, None, Critique]:
    story = load_story(knowledge, org, story_text=story_text)
    chosen = resolve_language(requested, story.language)
    text = story_text.strip()
    sources = _sources(knowledge, org, story, text)
    kept, removed = sources.keep_cited(citations(text))
    context = ScoringContext(language=story.language, allowed_sources=frozenset(sources.ids))
    rubric = story_rubric()
    score = score_document(text, rubric, context=context)
    descriptions = {c.id: c.description for c in rubric.criteria}
    scored = [c for c in score.criteria if c.checker != "judge" and c.passed is not None]
    # A rewrite is of the leader's story: its names and numbers may come from there only.
    job = _Job(
        model, StepLog(), story, text, text, frozenset(sources.ids), chosen, quotable(story.text)
    )
    labels = TEXTS[chosen]
    pieces: list[str] = []

    passing = [c for c in scored if c.passed]
    summary = labels["summary"].format(passed=len(passing), total=len(scored))
    pieces.append(f"# {labels['title'].format(title=story.title)}\n\n{summary}\n\n")
    yield Delta(STEP, pieces[-1])

    strengths = [_advice(c.checker, chosen, descriptions[c.id]).passed for c in passing]
    listed = "".join(f"- {s}\n" for s in strengths)
    yield Delta(STEP, f"## {labels['strengths']}\n\n{listed}- ")
    strengths.append((yield from _strength(job)))
    yield Delta("critique.strengths", strengths[-1], restart=True)  # now with its quote
    pieces.append(f"## {labels['strengths']}\n\n{listed}- {strengths[-1]}\n\n")
    yield Delta(STEP, "\n\n")

    feedback: list[CriterionFeedback] = []
    for result in scored:
        advice = _advice(result.checker, chosen, descriptions[result.id])
        if result.passed:
            feedback.append(
                CriterionFeedback(
                    id=result.id, passed=True, feedback=advice.passed, finding=result.reason
                )
            )
            continue
        found = f"{result.reason} ({result.evidence})" if result.evidence else result.reason
        yield Delta(STEP, f"## {advice.label}\n\n{advice.failed}\n\n")
        try:
            draft = yield from _rewrite(
                job, result.id, result.checker, descriptions[result.id], found
            )
            asked = False
        except GenerationFailed:
            draft = RewriteDraft(
                quote=_evidence_quote(result.evidence, job),
                rewrite=ASK.get(result.checker, GENERIC_ASK)[job.story.language],
            )
            asked = True
        feedback.append(
            CriterionFeedback(
                id=result.id,
                passed=False,
                feedback=advice.failed,
                finding=result.reason,
                quote=draft.quote,
                rewrite=draft.rewrite,
                asked=asked,
            )
        )
        quoted = f"> {draft.quote}\n\n" if draft.quote else ""
        label = labels["ask" if asked else "rewrite"]
        # The finished part replaces the streamed rewrite: its quote is known (and checked)
        # only once the model's answer is complete.
        yield Delta(f"critique.{result.id}", f"{quoted}**{label}:** {draft.rewrite}", True)
        yield Delta(STEP, "\n\n")
        pieces.append(
            f"## {advice.label}\n\n{advice.failed}\n\n{quoted}**{label}:** {draft.rewrite}\n\n"
        )

    return Critique(
        title=story.title,
        passed=score.passed,
        criteria=feedback,
        strengths=strengths,
        asked_instead=[f.id for f in feedback if f.asked],
        text="".join(pieces),
        citations=kept,
        language=chosen,
        meta=ResultMeta.of(model.name, job.log, sources, removed),
    )


@dataclass(frozen=True)
class _Job:
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


def _sources(knowledge: KnowledgeBase, org: str, story: StorySource, text: str) -> Sources:
    """Values and stories that fit the story, plus every document it cites that exists: an
    id the leader cites is a real source when the organisation has it, invented when not."""
    found = list(gather_sources(knowledge, org, f"{story.title}\n{story.text}"[:1500]).hits)
    known = {h.id for h in found}
    for identifier in citations(text):
        if identifier in known:
            continue
        try:
            document = knowledge.document(org, identifier)
        except NotFound:
            continue
        found.append(
            source_hit(
                document.id,
                document.kind,
                document.title,
                document.language,
                document.values,
                document.text,
            )
        )
        known.add(identifier)
    return Sources(tuple(found))


def _advice(checker: str, language: Language, description: str) -> Advice:
    """The feedback for a check; a check this module does not know gets its description."""
    return ADVICE.get(checker, {}).get(language) or Advice(checker, description, description)


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


def _evidence_quote(evidence: str, job: _Job) -> str:
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


def _rewrite(
    job: _Job, criterion: str, checker: str, description: str, found: str
) -> Generator[Delta, None, RewriteDraft]:
    story_language = job.story.language
    prompt = render_prompt(
        "critique-rewrite",
        language=story_language.value,
        story=job.text,
        criterion=description,
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


def _strength(job: _Job) -> Generator[Delta, None, str]:
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
    text = f"“{quoted}” {FRAMES['strength'][job.language]}"
    yield Delta("critique.strengths", text, restart=True)
    return text
