"""What one generation eval run produced: per case and job, the output and its score.

Written to ``result.json`` as is, so a run can be reread, compared with a baseline and
reported without running the model again.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from service.coach import JobName
from service.quality import DocumentScore
from service.quality.publishable import role_of
from service.vocabulary import Language, LessonKind


class Job(StrEnum):
    """A coaching job the eval drives and a rubric scores: the coach's jobs that make material
    for a team, named as the coach names them (``service.coach.JobName``: its command)."""

    STORY = JobName.STORY.value
    LESSON = JobName.LESSON.value
    ONE_ON_ONE = JobName.ONE_ON_ONE.value
    QUESTIONS = JobName.QUESTIONS.value

    @property
    def kind(self) -> str:
        """The rubric kind that scores this job's output."""
        return LessonKind.ONE_ON_ONE.value if self is Job.ONE_ON_ONE else self.value


Failure = Literal["generation", "model", "blocked"]
"""Why a job has no output: it raised ``GenerationFailed`` (``generation``), its model failed
(``model``), or the story it is built on failed (``blocked``: the job never ran)."""


class PartsCheck(BaseModel):
    """What an output was made of, and which of the coach's parts the account does not
    support. Read from the result's ``parts`` and ``fallbacks`` when it has them, else from
    its Markdown title and sections (``service.evaluation.parts``)."""

    total: int = 0
    """Parts counted: the result's parts, or its title and sections."""
    fallbacks: list[str] = Field(default_factory=list)
    """Names of the parts code wrote after the model failed."""
    chosen: list[str] = Field(default_factory=list)
    """Names of the parts that are the leader's (or the story's) sentences the model chose,
    inside a frame code owns: not written by the model, not a fallback either."""
    checked: int = 0
    """Parts held to the leader's account (the coach's and the fallbacks' own words)."""
    unfaithful: dict[str, list[str]] = Field(default_factory=dict)
    """Per part name, what it says that the account does not support."""
    missing: list[str] = Field(default_factory=list)
    """Parts the account had nothing for, asked of the leader instead (ask, don't fake)."""

    @property
    def fallback_share(self) -> float:
        return min(len(self.fallbacks), self.total) / self.total if self.total else 0.0


class ReaderPart(BaseModel):
    """One reader-facing part of an output, as a reviewer reads it: the unit a human label
    and the publishability detectors judge."""

    name: str
    text: str
    origin: str | None = None
    """Who wrote it (``leader``, ``translated``, ``coach``, ``fallback``), when the result says."""
    found: dict[str, str] = Field(default_factory=dict)
    """Per reason the publishability detectors found (``fragment``, ``wrong_role``...), why;
    empty when they found none."""

    @property
    def role(self) -> str:
        return role_of(self.name).value

    @property
    def publishable(self) -> bool:
        return not self.found


class JobOutcome(BaseModel):
    """One job on one case: what went in, what came out, and how it scored."""

    case_id: str
    job: Job
    language: Language
    """The language the case asked for."""
    written_in: Language | None = None
    """The language the output is in when it is not the asked one: the coach kept the
    account's or the story's language, with a note, because it could not translate with
    every fact kept. The checks and detectors read the output in this language; the report
    counts these outputs apart."""
    passed: bool
    """The rubric passed; a job that could not generate has not passed."""
    seconds: float
    input: str
    """The leader's account (and, for a one-on-one lesson, the goal): what the output must
    stay faithful to."""
    sources: list[str] = Field(default_factory=list)
    """Corpus ids the job was given."""
    text: str | None = None
    """The generated Markdown; ``None`` when generation failed."""
    error: str | None = None
    """Why generation failed (the step and the reason), or ``None``."""
    failure: Failure | None = None
    """What kind of failure ``error`` is; results saved before it was kept have only
    ``error`` (read as a generation failure, see ``failure_kind``)."""
    score: DocumentScore | None = None
    parts: PartsCheck | None = None
    """Parts, fallbacks and faithfulness of the output; ``None`` without output."""
    reader_parts: list[ReaderPart] = Field(default_factory=list)
    """Every reader-facing part's text, kept so that what was scored can be reread and
    labelled."""

    @property
    def unjudged(self) -> bool:
        """Nothing failed, but a must-pass criterion nobody judged keeps it from a pass."""
        return self.score is not None and self.score.verdict == "unjudged"

    @property
    def not_failed(self) -> bool:
        """Passed, or unjudged: what the gate holds to its baseline, since a run without a
        judge can pass no document whose rubric has a judged must-pass criterion."""
        return self.passed or self.unjudged

    @property
    def failure_kind(self) -> Failure | None:
        if self.failure is not None:
            return self.failure
        return "generation" if self.error is not None else None

    @property
    def key(self) -> str:
        return f"{self.case_id}/{self.job.value}"


class AgreementRow(BaseModel):
    """One criterion of the meta-evaluation: deterministic checks against hand labels."""

    key: str
    """``kind/criterion``."""
    agreement: float
    count: int
    misses: list[str] = Field(default_factory=list)


class RunResult(BaseModel):
    """A whole run: its settings, every outcome, and the meta-evaluation beside it."""

    format: Literal[1] = 1
    started: datetime
    seconds: float
    cases_file: str
    cases_version: int
    model: str
    judge_model: str | None
    epochs: int
    jobs: list[Job]
    case_ids: list[str]
    outcomes: list[JobOutcome]
    labelled_file: str | None = None
    agreement: list[AgreementRow] = Field(default_factory=list)
    """Deterministic agreement per criterion on the labelled documents."""
    judge_calls: int = 0
    judge_cache_hits: int = 0
