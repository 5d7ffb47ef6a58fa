"""Feedback on a story the leader wrote: criterion by criterion, with concrete rewrites.

The story rubric's deterministic checks (evals/rubrics/story.yaml) run first, through the same
``score_document`` that L&D and the eval suite use; the judge's criteria are left to a
reviewer. For each check that fails, one model step picks the passage where the problem shows
most and suggests a rewrite; code verifies that the quoted passage is really in the story (as
the judge's evidence check does) and that the rewrite adds no name or number the leader did not
give: a missing detail becomes a question in square brackets. One more step names a strength.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field

from service.errors import GenerationFailed, NotFound
from service.knowledge import KnowledgeBase
from service.quality import Rubric, ScoringContext, load_rubric, score_document
from service.quality.checks.sources import citations
from service.settings import get_settings
from service.vocabulary import Language
from service.words import load_words

from .making.critique_steps import (
    CritiqueJob,
    RewriteDraft,
    evidence_quote,
    name_strength,
    quotable,
    suggest_rewrite,
)
from .making.field_steps import resolve_language, source_hit
from .making.sources import ResultMeta, Sources, gather_sources
from .making.steps import Delta, StepLog, finish
from .model import ChatModel
from .story_source import StorySource, load_story

STEP = "critique"
"""The step name of the parts code writes (headings, advice, quotes) in the stream."""


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


def advice(checker: str, language: Language, description: str) -> Advice:
    """The feedback for a check, in ``language``.

    Code writes the feedback, so it is in the asked language whatever the checks report. A
    check without words of its own (the ``critique`` words' ``advice``) gets its description.
    """
    table = load_words("critique", language).section("advice")
    if checker not in table:
        return Advice(checker, description, description)
    said = table.section(checker)
    return Advice(label=said["label"], passed=said["passed"], failed=said["failed"])


def ask_instead(checker: str, language: Language) -> str:
    """Questions to the leader that stand in for a rewrite that stayed invalid after its retry.

    The coach asks for the missing material instead (elicit, never invent); the criterion is
    listed in ``Critique.asked_instead``. In the story's language, like a rewrite.
    """
    asks = load_words("critique", language).section("asks")
    return asks[checker] if checker in asks else asks["generic"]


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
    criteria, such as faithfulness and the beats, are left to a reviewer): a story whose
    only open criteria are unjudged must-pass ones (``DocumentScore.verdict`` "unjudged")
    passes here; the rubric's own verdict does not count it as passed."""
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
    job = CritiqueJob(
        model, StepLog(), story, text, text, frozenset(sources.ids), chosen, quotable(story.text)
    )
    labels = load_words("critique", chosen).section("headings")
    pieces: list[str] = []

    passing = [c for c in scored if c.passed]
    summary = labels["summary"].format(passed=len(passing), total=len(scored))
    pieces.append(f"# {labels['title'].format(title=story.title)}\n\n{summary}\n\n")
    yield Delta(STEP, pieces[-1])

    strengths = [advice(c.checker, chosen, descriptions[c.id]).passed for c in passing]
    listed = "".join(f"- {s}\n" for s in strengths)
    yield Delta(STEP, f"## {labels['strengths']}\n\n{listed}- ")
    strengths.append((yield from name_strength(job)))
    yield Delta("critique.strengths", strengths[-1], restart=True)  # now with its quote
    pieces.append(f"## {labels['strengths']}\n\n{listed}- {strengths[-1]}\n\n")
    yield Delta(STEP, "\n\n")

    feedback: list[CriterionFeedback] = []
    for result in scored:
        said = advice(result.checker, chosen, descriptions[result.id])
        if result.passed:
            feedback.append(
                CriterionFeedback(
                    id=result.id, passed=True, feedback=said.passed, finding=result.reason
                )
            )
            continue
        found = f"{result.reason} ({result.evidence})" if result.evidence else result.reason
        yield Delta(STEP, f"## {said.label}\n\n{said.failed}\n\n")
        try:
            draft = yield from suggest_rewrite(
                job, result.id, result.checker, descriptions[result.id], found
            )
            asked = False
        except GenerationFailed:
            draft = RewriteDraft(
                quote=evidence_quote(result.evidence, job),
                rewrite=ask_instead(result.checker, job.story.language),
            )
            asked = True
        feedback.append(
            CriterionFeedback(
                id=result.id,
                passed=False,
                feedback=said.failed,
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
            f"## {said.label}\n\n{said.failed}\n\n{quoted}**{label}:** {draft.rewrite}\n\n"
        )

    return Critique(
        title=story.title,
        passed=score.verdict != "failed",
        criteria=feedback,
        strengths=strengths,
        asked_instead=[f.id for f in feedback if f.asked],
        text="".join(pieces),
        citations=kept,
        language=chosen,
        meta=ResultMeta.of(model.name, job.log, sources, removed),
    )


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
