"""Figures of a run: pass rates with their standard error, failure counts, judge reliability.

A pass rate over a handful of cases is noisy; the standard error says how noisy, so a
reader does not take a 0.5 → 0.4 move on ten cases for a regression.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, Field, computed_field

from service.quality.rubrics import JUDGE

from .result import Job, JobOutcome


class Rate(BaseModel):
    """A share of passes, with the binomial standard error ``sqrt(p(1-p)/n)``."""

    passed: int
    total: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def stderr(self) -> float:
        if not self.total:
            return 0.0
        return math.sqrt(self.rate * (1 - self.rate) / self.total)


class JobSummary(BaseModel):
    job: Job
    rate: Rate
    generation_failures: int
    """Cases where the job raised instead of producing output (counted as failed)."""
    failed_steps: dict[str, int] = Field(default_factory=dict)
    """Generation failures by the step that failed (``questions.2.reflection``...)."""
    mean_seconds: float


class CriterionSummary(BaseModel):
    """One criterion over the outputs that were generated; unscored ones are counted apart."""

    job: Job
    criterion: str
    checker: str
    rate: Rate
    unscored: int
    must_pass: bool = False
    """A failure of this criterion fails the output, whatever its score."""

    @property
    def failed(self) -> int:
        return self.rate.total - self.rate.passed

    @property
    def is_judged(self) -> bool:
        return self.checker == JUDGE


class JudgeReliability(BaseModel):
    """How usable the judge's calls on one criterion were."""

    job: Job
    criterion: str
    scored: int
    """Outputs with at least one verdict that counted."""
    unscored: int
    rejected: dict[str, int] = Field(default_factory=dict)
    """Epochs that did not count, by reason."""
    mean_flip_rate: float | None = None
    mean_stderr: float | None = None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def job_summaries(outcomes: Iterable[JobOutcome]) -> list[JobSummary]:
    by_job: dict[Job, list[JobOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_job[outcome.job].append(outcome)
    summaries = []
    for job in Job:
        rows = by_job.get(job)
        if not rows:
            continue
        failed = [r for r in rows if r.error is not None]
        steps = Counter(_step(r.error) for r in failed if r.error)
        summaries.append(
            JobSummary(
                job=job,
                rate=Rate(passed=sum(r.passed for r in rows), total=len(rows)),
                generation_failures=len(failed),
                failed_steps=dict(steps.most_common()),
                mean_seconds=sum(r.seconds for r in rows) / len(rows),
            )
        )
    return summaries


def _step(error: str) -> str:
    """The step an error names (``story.title: ...`` gives ``story.title``)."""
    head = error.split(":", 1)[0].strip()
    return head if head and " " not in head else "other"


@dataclass
class _Tally:
    checker: str
    must_pass: bool
    verdicts: list[bool] = field(default_factory=list)
    unscored: int = 0


def criterion_summaries(outcomes: Iterable[JobOutcome]) -> list[CriterionSummary]:
    table: dict[tuple[Job, str], _Tally] = {}
    for outcome in outcomes:
        if outcome.score is None:
            continue
        for criterion in outcome.score.criteria:
            key = (outcome.job, criterion.id)
            tally = table.setdefault(key, _Tally(criterion.checker, criterion.must_pass))
            if criterion.passed is None:
                tally.unscored += 1
            else:
                tally.verdicts.append(criterion.passed)
    return [
        CriterionSummary(
            job=job,
            criterion=criterion,
            checker=tally.checker,
            rate=Rate(passed=sum(tally.verdicts), total=len(tally.verdicts)),
            unscored=tally.unscored,
            must_pass=tally.must_pass,
        )
        for (job, criterion), tally in table.items()
    ]


def deterministic_failures(criteria: Iterable[CriterionSummary]) -> list[CriterionSummary]:
    """Deterministic criteria that failed at least once, most failures first."""
    failing = [c for c in criteria if not c.is_judged and c.failed]
    return sorted(failing, key=lambda c: (-c.failed, c.job.value, c.criterion))


def judge_reliability(outcomes: Iterable[JobOutcome]) -> list[JudgeReliability]:
    """Per judged criterion: verdicts that counted, rejections by reason, flip rate, stderr."""
    table: dict[tuple[Job, str], JudgeReliability] = {}
    flips: dict[tuple[Job, str], list[float]] = defaultdict(list)
    errors: dict[tuple[Job, str], list[float]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.score is None:
            continue
        for criterion in outcome.score.criteria:
            judged = criterion.judge
            if judged is None:
                continue
            key = (outcome.job, criterion.id)
            row = table.setdefault(
                key, JudgeReliability(job=outcome.job, criterion=criterion.id, scored=0, unscored=0)
            )
            if judged.scores:
                row.scored += 1
            else:
                row.unscored += 1
            for reason, count in judged.rejected.items():
                row.rejected[reason] = row.rejected.get(reason, 0) + count
            if judged.flip_rate is not None:
                flips[key].append(judged.flip_rate)
            if judged.stderr is not None:
                errors[key].append(judged.stderr)
    for key, row in table.items():
        row.mean_flip_rate = _mean(flips[key])
        row.mean_stderr = _mean(errors[key])
    return list(table.values())


def worst_outcomes(outcomes: Iterable[JobOutcome], count: int) -> list[JobOutcome]:
    """The failed outcomes worth reading first: no output, then the lowest scores."""
    failed = [o for o in outcomes if not o.passed]
    return sorted(failed, key=lambda o: (o.score.score if o.score else -1.0, o.key))[:count]
