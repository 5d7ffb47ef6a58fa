"""What one generation eval run produced: per case and job, the output and its score.

Written to ``result.json`` as is, so a run can be reread, compared with a baseline and
reported without running the model again.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from service.knowledge.documents import Language

from .scoring import DocumentScore


class Job(StrEnum):
    """A coaching job the eval drives; the value is how the CLI names it."""

    STORY = "story"
    LESSON = "lesson"
    ONE_ON_ONE = "one-on-one"
    QUESTIONS = "questions"

    @property
    def kind(self) -> str:
        """The rubric kind that scores this job's output."""
        return self.value.replace("-", "_")


class JobOutcome(BaseModel):
    """One job on one case: what went in, what came out, and how it scored."""

    case_id: str
    job: Job
    language: Language
    """The language the case asked for."""
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
    score: DocumentScore | None = None

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
