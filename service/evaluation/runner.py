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
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from service.coach.lesson import make_lesson
from service.coach.model import ChatModel
from service.coach.one_on_one import make_one_on_one
from service.coach.questions import make_questions
from service.coach.sources import ResultMeta
from service.coach.story import Story, write_story
from service.coach.story_source import StorySource
from service.errors import GenerationFailed, ModelUnavailable, NotFound
from service.knowledge import KnowledgeBase
from service.quality import Judge, Rubric, ScoringContext

from .cases import GenerationCase
from .result import Failure, Job, JobOutcome
from .scorer import score_output

DEFAULT_ROLE = "team member"
"""The role given to a one-on-one lesson when a case names a goal but no role."""


class _JobResult(Protocol):
    """What the lesson, one-on-one and questions results share."""

    text: str
    meta: ResultMeta


@dataclass(frozen=True)
class EvalSetup:
    """What every case is run with."""

    model: ChatModel
    knowledge: KnowledgeBase
    org: str
    rubrics: Mapping[str, Rubric]
    judge: Judge | None = None


def case_jobs(case: GenerationCase, jobs: Sequence[Job]) -> list[Job]:
    """The jobs that apply to a case: a one-on-one lesson needs a development goal."""
    return [j for j in jobs if j is not Job.ONE_ON_ONE or case.development_goal]


def _failure(job: Job, exc: GenerationFailed | ModelUnavailable) -> tuple[str, Failure]:
    if isinstance(exc, GenerationFailed):
        return str(exc), "generation"
    return f"{job.value}.model: {exc}", "model"


def _source_texts(setup: EvalSetup, ids: Sequence[str]) -> tuple[str, ...]:
    texts = []
    for identifier in ids:
        try:
            document = setup.knowledge.document(setup.org, identifier)
        except NotFound:
            continue  # a retrieved id that is gone cannot support a claim
        # The title too: a part may name a cited value by it ("Everyone teaches, ...").
        texts.append(f"{document.title}\n{document.text}")
    return tuple(texts)


def _allowed_texts(setup: EvalSetup, ids: Sequence[str]) -> tuple[str, ...]:
    """What a part may draw on besides the account: the corpus documents given, without the
    priority (its targets are the organisation's, not the leader's results)."""
    return _source_texts(setup, [i for i in ids if not i.startswith("priority-")])


def _story_source(story: Story) -> StorySource:
    """The generated story as the input of the jobs built on it (its title line removed)."""
    body = story.text.removeprefix(f"# {story.title}").strip()
    return StorySource(None, story.title, body, story.language, tuple(story.values))


def _input(case: GenerationCase, job: Job) -> str:
    if job is Job.ONE_ON_ONE and case.development_goal:
        role = case.team_member_role or DEFAULT_ROLE
        return f"{case.account}\n\nDevelopment goal ({role}): {case.development_goal}"
    return case.account


class _CaseRun:
    """One case's jobs, sharing the story they are built on."""

    def __init__(self, setup: EvalSetup, case: GenerationCase) -> None:
        self.setup = setup
        self.case = case

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
    ) -> JobOutcome:
        scored = None
        if text is not None:
            scored = score_output(
                result,
                text,
                self.setup.rubrics[job.kind],
                context=context or ScoringContext(),
                account=self.case.account,
                judge=self.setup.judge,
            )
        return JobOutcome(
            case_id=self.case.id,
            job=job,
            language=self.case.language,
            passed=scored is not None and scored.score.passed,
            seconds=seconds,
            input=_input(self.case, job),
            sources=list(sources),
            text=text,
            error=error[0] if error else None,
            failure=error[1] if error else None,
            score=scored.score if scored else None,
            parts=scored.parts if scored else None,
        )

    def story(self) -> tuple[Story | None, JobOutcome]:
        setup, case = self.setup, self.case
        start = time.perf_counter()
        try:
            story = write_story(
                setup.model,
                setup.knowledge,
                setup.org,
                case.priority,
                case.account,
                language=case.language,
            )
        except (GenerationFailed, ModelUnavailable) as exc:
            seconds = time.perf_counter() - start
            return None, self.outcome(Job.STORY, seconds, error=_failure(Job.STORY, exc))
        seconds = time.perf_counter() - start
        retrieved = story.meta.retrieved
        context = ScoringContext(
            language=case.language,
            allowed_sources=frozenset([*retrieved, case.priority]),
            source_texts=_source_texts(setup, retrieved),
            leader_account=case.account,
            allowed_texts=_allowed_texts(setup, story.citations),
        )
        return story, self.outcome(
            Job.STORY, seconds, result=story, text=story.text, sources=retrieved, context=context
        )

    def built_on(self, job: Job, story: Story) -> JobOutcome:
        """The lesson, one-on-one lesson or questions made from the case's story."""
        setup, case = self.setup, self.case
        source = _story_source(story)
        args = (setup.model, setup.knowledge, setup.org, source)
        start = time.perf_counter()
        result: _JobResult
        try:
            if job is Job.LESSON:
                result = make_lesson(*args, language=case.language)
            elif job is Job.QUESTIONS:
                result = make_questions(*args, language=case.language)
            else:
                result = make_one_on_one(
                    *args,
                    goal=case.development_goal or "",
                    role=case.team_member_role or DEFAULT_ROLE,
                    language=case.language,
                )
        except (GenerationFailed, ModelUnavailable) as exc:
            return self.outcome(job, time.perf_counter() - start, error=_failure(job, exc))
        seconds = time.perf_counter() - start
        text, retrieved = result.text, result.meta.retrieved
        context = ScoringContext(
            language=case.language,
            allowed_sources=frozenset(retrieved),
            source_texts=(story.text, *_source_texts(setup, retrieved)),
            leader_account=case.account,
            allowed_texts=(story.text, *_allowed_texts(setup, retrieved)),
            development_goal=case.development_goal if job is Job.ONE_ON_ONE else None,
            team_member_role=case.team_member_role if job is Job.ONE_ON_ONE else None,
        )
        return self.outcome(
            job, seconds, result=result, text=text, sources=retrieved, context=context
        )


def run_case(setup: EvalSetup, case: GenerationCase, jobs: Sequence[Job]) -> Iterator[JobOutcome]:
    """The outcome of each of ``case_jobs(case, jobs)``, as each finishes.

    The story is written even when only the jobs built on it are asked for; it is then not
    scored or reported.
    """
    wanted = case_jobs(case, jobs)
    if not wanted:
        return
    run = _CaseRun(setup, case)
    story, story_outcome = run.story()
    if Job.STORY in wanted:
        yield story_outcome
    for job in wanted:
        if job is Job.STORY:
            continue
        if story is None:
            reason = f"no story to build on ({story_outcome.error})"
            yield run.outcome(job, 0.0, error=(reason, "blocked"))
            continue
        yield run.built_on(job, story)
