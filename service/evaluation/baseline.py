"""Saved baselines: what a run, or the labelled documents, scored when a person last accepted it.

Two baselines, one JSON file each under ``evals/baselines/``, named after the case file they
were made from:

- ``generation-v1.json``: per job, per case, whether the output passed its rubric.
- ``labelled-v2.json``: per criterion, the deterministic checks' agreement with the hand labels.

``gate`` holds a run to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError

from service.errors import InvalidInput

from .result import AgreementRow, Job, JobOutcome, RunResult


class GenerationBaseline(BaseModel):
    """Which outputs passed in the run that was saved as the baseline."""

    format: Literal[1] = 1
    kind: Literal["generation"] = "generation"
    created: datetime
    cases_file: str
    cases_version: int
    model: str
    judge_model: str | None = None
    passed: dict[Job, dict[str, bool]]
    """Per job, per case id: whether the output did not fail its rubric (passed, or
    unjudged: a must-pass criterion nobody judged; ``JobOutcome.not_failed``)."""
    pass_rates: dict[Job, float] = Field(default_factory=dict)
    """For a reader of the file; the gate recomputes rates over the cases a run shares."""
    publishable: dict[Job, dict[str, tuple[int, int]]] = Field(default_factory=dict)
    """Per job, per case id: (parts the detectors found publishable, parts)."""


class AgreementBaseline(BaseModel):
    """The deterministic checks' agreement with the hand labels, per ``kind/criterion``."""

    format: Literal[1] = 1
    kind: Literal["agreement"] = "agreement"
    created: datetime
    labelled_file: str
    agreement: dict[str, float]


def generation_baseline(result: RunResult) -> GenerationBaseline:
    """The baseline a run would leave if saved."""
    passed: dict[Job, dict[str, bool]] = {}
    publishable: dict[Job, dict[str, tuple[int, int]]] = {}
    for outcome in result.outcomes:
        passed.setdefault(outcome.job, {})[outcome.case_id] = outcome.not_failed
        publishable.setdefault(outcome.job, {})[outcome.case_id] = publishable_counts(outcome)
    rates = {job: sum(cases.values()) / len(cases) for job, cases in passed.items()}
    return GenerationBaseline(
        created=datetime.now(UTC),
        cases_file=result.cases_file,
        cases_version=result.cases_version,
        model=result.model,
        judge_model=result.judge_model,
        passed=passed,
        pass_rates=rates,
        publishable=publishable,
    )


def publishable_counts(outcome: JobOutcome) -> tuple[int, int]:
    """(parts the detectors found publishable, parts) of one outcome."""
    return sum(p.publishable for p in outcome.reader_parts), len(outcome.reader_parts)


def agreement_baseline(rows: Iterable[AgreementRow], labelled_file: str) -> AgreementBaseline:
    return AgreementBaseline(
        created=datetime.now(UTC),
        labelled_file=labelled_file,
        agreement={row.key: row.agreement for row in rows},
    )


B = TypeVar("B", bound=BaseModel)


def read_baseline(path: Path, model: type[B]) -> B:
    """A saved baseline; a missing or broken file is bad input naming the file."""
    try:
        return model.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput("baseline", f"no such file: {path}") from None
    except ValidationError as exc:
        raise InvalidInput("baseline", f"{path} is not a {model.__name__}: {exc}") from None


def write_baseline(path: Path, baseline: BaseModel) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(baseline.model_dump_json(indent=2) + "\n", encoding="utf-8")
