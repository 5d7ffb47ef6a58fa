"""The solver: driving the coach over one generation case, job by job.

Per case the coach writes the story from the leader's account; the lesson, the one-on-one
lesson and the questions are made from that story, as a leader would use the product. A job
whose model output stays invalid (``GenerationFailed``) or whose model fails is a failed
case with its reason, not a crash: a run of 32 cases must survive one bad answer. When the
story fails, the jobs built on it fail with that reason too (``blocked``: not held against
their own generation success).

Each output is scored by ``scorer``. What a part may draw on besides the leader's account is
set here: the cited values and, for the jobs built on the story, the story; never the
priority, whose targets are not the leader's results.

A dataset is a list of ``EvalItem``: a generation case (``CaseItem``) here, a corpus story
in ``corpus_stories``. Both reduce to a ``Subject`` (what the outputs are held to) and, for
the jobs built on a story, ``run_story_jobs``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from service.coach import (
    JOBS,
    ChatModel,
    LessonInput,
    OneOnOneInput,
    QuestionsInput,
    ResultMeta,
    Story,
    StoryInput,
    StorySource,
    told_text,
)
from service.errors import GenerationFailed, ModelUnavailable, NotFound
from service.knowledge import DocumentKind, IndexedDocument, KnowledgeBase, every_title
from service.quality import Judge, Rubric, ScoringContext
from service.vocabulary import Language

from .cases import GenerationCase, team_member
from .publishability import judged_parts
from .result import Failure, Job, JobOutcome
from .scorer import score_output

DEFAULT_ROLE = "team member"
"""The role given to a one-on-one lesson when a case names a goal but no role."""


class _JobResult(Protocol):
    """What the lesson, one-on-one and questions results share."""

    text: str
    meta: ResultMeta
    language: Language


@dataclass(frozen=True)
class EvalSetup:
    """What every case is run with."""

    model: ChatModel
    knowledge: KnowledgeBase
    org: str
    rubrics: Mapping[str, Rubric]
    judge: Judge | None = None


@dataclass(frozen=True)
class Subject:
    """What one item's outputs are held to: the leader's account in the item's language and,
    for a one-on-one lesson, the team member's goal and role."""

    id: str
    """Reported as the outcome's case id."""
    language: Language
    account: str
    development_goal: str | None = None
    team_member_role: str | None = None
    priority: str | None = None
    """The priority the account was given for (its id), part of what a part may draw on."""

    @classmethod
    def of_case(cls, case: GenerationCase) -> Subject:
        return cls(
            case.id,
            case.language,
            case.account,
            case.development_goal,
            case.team_member_role,
            case.priority,
        )


class EvalItem(Protocol):
    """One entry of a dataset: what its jobs are, and how to run them."""

    @property
    def id(self) -> str: ...

    def applicable(self, jobs: Sequence[Job]) -> list[Job]:
        """The jobs of ``jobs`` this item runs (one outcome each)."""
        ...

    def run(self, setup: EvalSetup, jobs: Sequence[Job]) -> Iterator[JobOutcome]:
        """The outcome of each of ``applicable(jobs)``, as each finishes."""
        ...


def case_jobs(case: GenerationCase, jobs: Sequence[Job]) -> list[Job]:
    """The jobs that apply to a case: a one-on-one lesson needs a development goal."""
    return [j for j in jobs if j is not Job.ONE_ON_ONE or case.development_goal]


def _failure(job: Job, exc: GenerationFailed | ModelUnavailable) -> tuple[str, Failure]:
    if isinstance(exc, GenerationFailed):
        return str(exc), "generation"
    return f"{job.value}.model: {exc}", "model"


def _document(setup: EvalSetup, identifier: str) -> IndexedDocument | None:
    """A corpus document by id; ``None`` when it is gone (then it cannot support a claim)."""
    try:
        return setup.knowledge.document(setup.org, identifier)
    except NotFound:
        return None


def _source_texts(setup: EvalSetup, ids: Sequence[str]) -> tuple[str, ...]:
    # The title too, in every language it is given in: a part may name a cited value by it
    # ("Everyone teaches, ...", "De fietser gaat voor").
    found = (_document(setup, identifier) for identifier in ids)
    return tuple(f"{every_title(d)}\n{d.text}" for d in found if d is not None)


def _title(setup: EvalSetup, identifier: str) -> str:
    """A document's title: a story's stand-in title quotes its priority's ("A story about “A
    UK dealer network that can trust our dates”"), the company's words, not the leader's
    results (its targets stay out of what a part may draw on)."""
    document = _document(setup, identifier)
    return document.title if document is not None else ""


def _allowed_texts(setup: EvalSetup, ids: Sequence[str]) -> tuple[str, ...]:
    """What a part may draw on besides the account: the corpus documents given, without the
    priority (its targets are the organisation's, not the leader's results)."""
    return _source_texts(setup, [i for i in ids if not i.startswith("priority-")])


def organisation_support(setup: EvalSetup, priority: str | None) -> str:
    """What a part may draw on besides the account: the priority it was written for and every
    value of the organisation (never another leader's story)."""
    values = [d.id for d in setup.knowledge.list_documents(setup.org, DocumentKind.VALUE)]
    return "\n\n".join(_source_texts(setup, [*([priority] if priority else []), *values]))


def _story_source(story: Story, priority: str | None) -> StorySource:
    """The generated story as the input of the jobs built on it (its title line removed)."""
    body = told_text(story.text).removeprefix(f"# {story.title}").strip()
    return StorySource(None, story.title, body, story.language, tuple(story.values), priority)


BUILT_ON_STORY: Mapping[Job, Callable[[StorySource, Subject], object]] = {
    Job.LESSON: lambda story, subject: LessonInput(story, language=subject.language),
    Job.QUESTIONS: lambda story, subject: QuestionsInput(story, language=subject.language),
    Job.ONE_ON_ONE: lambda story, subject: OneOnOneInput(
        story,
        goal=subject.development_goal or "",
        role=subject.team_member_role or DEFAULT_ROLE,
        language=subject.language,
    ),
}
"""The input of each job made from a story, held to ``subject``: the coach's registry
(``service.coach.JOBS``) runs it."""


def _input(subject: Subject, job: Job) -> str:
    if job is Job.ONE_ON_ONE and subject.development_goal:
        role = subject.team_member_role or DEFAULT_ROLE
        return f"{subject.account}\n\nDevelopment goal ({role}): {subject.development_goal}"
    return subject.account


class _SubjectRun:
    """One item's jobs, held to its subject."""

    def __init__(self, setup: EvalSetup, subject: Subject) -> None:
        self.setup = setup
        self.subject = subject
        self.support = organisation_support(setup, subject.priority)

    def _support(self, job: Job) -> str:
        """What a part may draw on besides the account: for a 1:1 lesson also the team
        member's goal and role, which it quotes ("Your goal, in your words: “…”"; 8 parts of the
        generation cases were called invented for it)."""
        if job is not Job.ONE_ON_ONE:
            return self.support
        member = team_member(self.subject.development_goal, self.subject.team_member_role)
        return f"{self.support}\n\n{member}"

    def outcome(
        self,
        job: Job,
        seconds: float,
        *,
        result: object = None,
        text: str | None = None,
        sources: Sequence[str] = (),
        context: ScoringContext | None = None,
        error: tuple[str, Failure] | None = None,
        story: str = "",
    ) -> JobOutcome:
        written = getattr(result, "language", None)
        written_in = written if written not in (None, self.subject.language) else None
        scored = None
        if text is not None:
            scored = score_output(
                result,
                text,
                self.setup.rubrics[job.kind],
                context=context or ScoringContext(),
                account=self.subject.account,
                judge=self.setup.judge,
            )
        return JobOutcome(
            case_id=self.subject.id,
            job=job,
            language=self.subject.language,
            written_in=written_in,
            passed=scored is not None and scored.score.passed,
            seconds=seconds,
            input=_input(self.subject, job),
            sources=list(sources),
            text=text,
            error=error[0] if error else None,
            failure=error[1] if error else None,
            score=scored.score if scored else None,
            parts=scored.parts if scored else None,
            reader_parts=judged_parts(
                scored.reader_parts,
                language=written_in or self.subject.language,
                account=self.subject.account,
                support=self._support(job),
                story=story,
            )
            if scored
            else [],
        )

    def built_on(self, job: Job, source: StorySource, story_text: str) -> JobOutcome:
        """The lesson, one-on-one lesson or questions made from ``source``.

        ``story_text`` is the story as a part may draw on it (with its title).
        """
        setup, subject = self.setup, self.subject
        given = BUILT_ON_STORY[job](source, subject)
        start = time.perf_counter()
        result: _JobResult
        try:
            result = JOBS[job].run(setup.model, setup.knowledge, setup.org, given)
        except (GenerationFailed, ModelUnavailable) as exc:
            return self.outcome(job, time.perf_counter() - start, error=_failure(job, exc))
        seconds = time.perf_counter() - start
        text, retrieved = result.text, result.meta.retrieved
        one_on_one = job is Job.ONE_ON_ONE
        context = ScoringContext(
            language=result.language,
            allowed_sources=frozenset(retrieved),
            source_texts=(story_text, *_source_texts(setup, retrieved)),
            leader_account=subject.account,
            allowed_texts=(story_text, *_allowed_texts(setup, retrieved)),
            development_goal=subject.development_goal if one_on_one else None,
            team_member_role=subject.team_member_role if one_on_one else None,
        )
        return self.outcome(
            job,
            seconds,
            result=result,
            text=text,
            sources=retrieved,
            context=context,
            story=story_text,
        )


def _write_case_story(run: _SubjectRun, case: GenerationCase) -> tuple[Story | None, JobOutcome]:
    """The case's story, written from its account, and its outcome."""
    setup = run.setup
    given = StoryInput(case.priority, case.account, language=case.language)
    start = time.perf_counter()
    try:
        story: Story = JOBS[Job.STORY].run(setup.model, setup.knowledge, setup.org, given)
    except (GenerationFailed, ModelUnavailable) as exc:
        seconds = time.perf_counter() - start
        return None, run.outcome(Job.STORY, seconds, error=_failure(Job.STORY, exc))
    seconds = time.perf_counter() - start
    retrieved = story.meta.retrieved
    context = ScoringContext(
        language=story.language,
        allowed_sources=frozenset([*retrieved, case.priority]),
        source_texts=_source_texts(setup, retrieved),
        leader_account=case.account,
        allowed_texts=(*_allowed_texts(setup, story.citations), _title(setup, case.priority)),
    )
    return story, run.outcome(
        Job.STORY, seconds, result=story, text=story.text, sources=retrieved, context=context
    )


def run_case(setup: EvalSetup, case: GenerationCase, jobs: Sequence[Job]) -> Iterator[JobOutcome]:
    """The outcome of each of ``case_jobs(case, jobs)``, as each finishes.

    The story is written even when only the jobs built on it are asked for; it is then not
    scored or reported.
    """
    wanted = case_jobs(case, jobs)
    if not wanted:
        return
    run = _SubjectRun(setup, Subject.of_case(case))
    story, story_outcome = _write_case_story(run, case)
    if Job.STORY in wanted:
        yield story_outcome
    for job in wanted:
        if job is Job.STORY:
            continue
        if story is None:
            reason = f"no story to build on ({story_outcome.error})"
            yield run.outcome(job, 0.0, error=(reason, "blocked"))
            continue
        yield run.built_on(job, _story_source(story, case.priority), story.text)


def run_story_jobs(
    setup: EvalSetup, subject: Subject, source: StorySource, jobs: Sequence[Job]
) -> Iterator[JobOutcome]:
    """The outcome of each of ``jobs`` (not the story) made from a story that is given, not
    written: each held to ``subject``."""
    run = _SubjectRun(setup, subject)
    story_text = f"{source.title}\n{source.text}"
    for job in jobs:
        yield run.built_on(job, source, story_text)


def blocked_outcome(subject: Subject, job: Job, reason: str) -> JobOutcome:
    """A job that never ran because what it is built on is missing."""
    return JobOutcome(
        case_id=subject.id,
        job=job,
        language=subject.language,
        passed=False,
        seconds=0.0,
        input=_input(subject, job),
        error=reason,
        failure="blocked",
    )


@dataclass(frozen=True)
class CaseItem:
    """A generation case as an item of a run."""

    case: GenerationCase

    @property
    def id(self) -> str:
        return self.case.id

    def applicable(self, jobs: Sequence[Job]) -> list[Job]:
        return case_jobs(self.case, jobs)

    def run(self, setup: EvalSetup, jobs: Sequence[Job]) -> Iterator[JobOutcome]:
        return run_case(setup, self.case, jobs)
