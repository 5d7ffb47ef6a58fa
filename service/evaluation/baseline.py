"""Saved baselines and the CI gate: a run may not fall below its baseline by more than a margin.

Two baselines, one JSON file each under ``evals/baselines/``, named after the case file they
were made from:

- ``generation-v1.json``: per job, per case, whether the output passed its rubric. A run is
  compared on the cases both share, so a two-case CI run is held to the same two cases of the
  baseline, not to a 32-case average.
- ``labelled-v2.json``: per criterion, the deterministic checks' agreement with the hand labels.

A comparison that compares nothing fails: a run that shares no case with its baseline, or
labels that measure none of the baseline's criteria, would otherwise print "gate passed" over
an empty table.

The margins are stated here and in ``evals/README.md``. Decoding is greedy, so with the same
model a case that flips is a real change, not chance; on a two-case run one flip is a drop of
0.5 and fails the gate, which is what a CI smoke test should do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError, computed_field

from service.errors import InvalidInput

from .result import AgreementRow, Job, JobOutcome, RunResult

PASS_RATE_MARGIN = 0.10
"""A job's pass rate may drop by at most this much against the baseline (same cases)."""
AGREEMENT_MARGIN = 0.05
"""A criterion's deterministic agreement with the labels may drop by at most this much."""
_EPSILON = 1e-9  # 0.6 - 0.5 is 0.09999999999999998 in floating point: not a drop past 0.10


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
    """Per job, per case id: whether the output passed its rubric."""
    pass_rates: dict[Job, float] = Field(default_factory=dict)
    """For a reader of the file; the gate recomputes rates over the cases a run shares."""


class AgreementBaseline(BaseModel):
    """The deterministic checks' agreement with the hand labels, per ``kind/criterion``."""

    format: Literal[1] = 1
    kind: Literal["agreement"] = "agreement"
    created: datetime
    labelled_file: str
    agreement: dict[str, float]


class GateCheck(BaseModel):
    """One figure held against its baseline."""

    name: str
    """``pass rate story`` or ``agreement lesson/length``."""
    baseline: float
    current: float
    margin: float
    count: int
    """Cases (or labelled documents) the comparison rests on."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def change(self) -> float:
        return self.current - self.baseline

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        return self.baseline - self.current <= self.margin + _EPSILON


class GateReport(BaseModel):
    checks: list[GateCheck] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    """What could not be compared, and why (no baseline, no shared cases...)."""
    failures: list[str] = Field(default_factory=list)
    """Problems that fail the gate besides a drop (a criterion gone from the labels...)."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        return not self.failures and all(c.passed for c in self.checks)

    def merge(self, other: GateReport) -> GateReport:
        return GateReport(
            checks=[*self.checks, *other.checks],
            notes=[*self.notes, *other.notes],
            failures=[*self.failures, *other.failures],
        )


def generation_baseline(result: RunResult) -> GenerationBaseline:
    """The baseline a run would leave if saved."""
    passed: dict[Job, dict[str, bool]] = {}
    for outcome in result.outcomes:
        passed.setdefault(outcome.job, {})[outcome.case_id] = outcome.passed
    rates = {job: sum(cases.values()) / len(cases) for job, cases in passed.items()}
    return GenerationBaseline(
        created=datetime.now(UTC),
        cases_file=result.cases_file,
        cases_version=result.cases_version,
        model=result.model,
        judge_model=result.judge_model,
        passed=passed,
        pass_rates=rates,
    )


def agreement_baseline(rows: Iterable[AgreementRow], labelled_file: str) -> AgreementBaseline:
    return AgreementBaseline(
        created=datetime.now(UTC),
        labelled_file=labelled_file,
        agreement={row.key: row.agreement for row in rows},
    )


def compare_generation(
    outcomes: Iterable[JobOutcome],
    baseline: GenerationBaseline,
    *,
    model: str | None = None,
    margin: float = PASS_RATE_MARGIN,
) -> GateReport:
    """Each job's pass rate against the baseline's, over the cases both runs have."""
    report = GateReport()
    if model is not None and model != baseline.model:
        report.notes.append(
            f"the baseline was made with {baseline.model}, this run with {model}: "
            "a drop may be the model, not the code"
        )
    current: dict[Job, dict[str, bool]] = {}
    for outcome in outcomes:
        current.setdefault(outcome.job, {})[outcome.case_id] = outcome.passed
    for job, cases in current.items():
        saved = baseline.passed.get(job, {})
        shared = sorted(set(cases) & set(saved))
        if not shared:
            report.notes.append(f"{job.value}: no case in common with the baseline; not compared")
            continue
        report.checks.append(
            GateCheck(
                name=f"pass rate {job.value}",
                baseline=sum(saved[c] for c in shared) / len(shared),
                current=sum(cases[c] for c in shared) / len(shared),
                margin=margin,
                count=len(shared),
            )
        )
    if not report.checks:
        report.failures.append(_nothing_compared(current, baseline))
    return report


def _nothing_compared(current: dict[Job, dict[str, bool]], baseline: GenerationBaseline) -> str:
    """Why a run and its baseline had nothing to compare, in words that say what to change."""
    ran = ", ".join(job.value for job in current) or "no job"
    saved = ", ".join(job.value for job in baseline.passed) or "no job"
    cases = sorted({case for cases in current.values() for case in cases})
    shown = ", ".join(cases[:3]) + (f" (+{len(cases) - 3} more)" if len(cases) > 3 else "")
    return (
        f"nothing was compared: this run ({ran}; cases {shown or 'none'}) shares no case and "
        f"job with the baseline {baseline.cases_file} ({saved}); run the baseline's cases and "
        "jobs, or save a new baseline with --save-baseline"
    )


def compare_agreement(
    rows: Iterable[AgreementRow],
    baseline: AgreementBaseline,
    *,
    margin: float = AGREEMENT_MARGIN,
) -> GateReport:
    """Each criterion's agreement with the labels against the baseline's.

    A criterion that the baseline measured and this run does not fails the gate: losing a
    measurement must be a decision (a new baseline), not an accident.
    """
    report = GateReport()
    by_key = {row.key: row for row in rows}
    for key, saved in sorted(baseline.agreement.items()):
        row = by_key.get(key)
        if row is None:
            report.failures.append(f"agreement {key}: in the baseline but no longer measured")
            continue
        report.checks.append(
            GateCheck(
                name=f"agreement {key}",
                baseline=saved,
                current=row.agreement,
                margin=margin,
                count=row.count,
            )
        )
    for key in sorted(set(by_key) - set(baseline.agreement)):
        report.notes.append(f"agreement {key}: new, not in the baseline")
    if not report.checks and not report.failures:
        report.failures.append(
            f"nothing was compared: the baseline {baseline.labelled_file} lists no criterion; "
            "save it again with `storycoach eval meta --save-baseline`"
        )
    return report


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
