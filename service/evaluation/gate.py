"""The CI gate: a run may not fall below its baseline by more than a margin.

A generation run is compared on the cases it shares with its baseline, so a two-case CI run
is held to the same two cases of the baseline, not to a 32-case average; the labelled
documents' agreement is compared criterion by criterion.

A comparison that compares nothing fails: a run that shares no case with its baseline, or
labels that measure none of the baseline's criteria, would otherwise print "gate passed" over
an empty table.

The margins are stated here and in ``evals/README.md``. Decoding is greedy, so with the same
model a case that flips is a real change, not chance; on a two-case run one flip is a drop of
0.5 and fails the gate, which is what a CI smoke test should do.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field, computed_field

from .baseline import AgreementBaseline, GenerationBaseline, publishable_counts, read_baseline
from .part_labels import LabelledFigures, PartLabelsBaseline
from .result import AgreementRow, Job, JobOutcome, RunResult

PASS_RATE_MARGIN = 0.10
"""A job's pass rate may drop by at most this much against the baseline (same cases)."""
PUBLISHABLE_MARGIN = 0.05
"""A job's publishable share of parts may drop by at most this much (same cases)."""
AGREEMENT_MARGIN = 0.05
"""A criterion's deterministic agreement with the labels may drop by at most this much."""
_EPSILON = 1e-9  # 0.6 - 0.5 is 0.09999999999999998 in floating point: not a drop past 0.10


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


def compare_generation(
    outcomes: Iterable[JobOutcome],
    baseline: GenerationBaseline,
    *,
    model: str | None = None,
    margin: float = PASS_RATE_MARGIN,
) -> GateReport:
    """Each job's pass rate against the baseline's, over the cases both runs have. Without a
    judge no story or lesson can pass (their rubrics have judged must-pass criteria), so the
    rate held is of outputs that did not fail: passed, or unjudged."""
    report = GateReport()
    if model is not None and model != baseline.model:
        report.notes.append(
            f"the baseline was made with {baseline.model}, this run with {model}: "
            "a drop may be the model, not the code"
        )
    current: dict[Job, dict[str, bool]] = {}
    parts: dict[Job, dict[str, tuple[int, int]]] = {}
    for outcome in outcomes:
        current.setdefault(outcome.job, {})[outcome.case_id] = outcome.not_failed
        parts.setdefault(outcome.job, {})[outcome.case_id] = publishable_counts(outcome)
    report.checks += _publishable_checks(parts, baseline)
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
    if not any(c.name.startswith("pass rate") for c in report.checks):
        report.failures.append(_nothing_compared(current, baseline))
    return report


def _publishable_checks(
    parts: dict[Job, dict[str, tuple[int, int]]], baseline: GenerationBaseline
) -> list[GateCheck]:
    """Each job's publishable share of parts against the baseline's, over shared cases; a
    baseline saved before it was measured has none (the pass rate is still compared)."""
    checks = []
    for job, cases in parts.items():
        saved = baseline.publishable.get(job, {})
        shared = sorted(set(cases) & set(saved))
        then = sum(saved[c][1] for c in shared)
        now = sum(cases[c][1] for c in shared)
        if not shared or not then or not now:
            continue
        checks.append(
            GateCheck(
                name=f"publishable {job.value}",
                baseline=sum(saved[c][0] for c in shared) / then,
                current=sum(cases[c][0] for c in shared) / now,
                margin=PUBLISHABLE_MARGIN,
                count=len(shared),
            )
        )
    return checks


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


def gate_run(
    result: RunResult, baseline: Path | None, labelled_baseline: Path | None
) -> GateReport | None:
    """The run against whichever baselines exist; ``None`` when there is none at all.

    Args:
        result: the run, with its outcomes and the labelled documents' agreement.
        baseline: the generation baseline file, or ``None`` when there is none.
        labelled_baseline: the agreement baseline file, or ``None`` when there is none.
    """
    reports: list[GateReport] = []
    if baseline is not None:
        saved = read_baseline(baseline, GenerationBaseline)
        reports.append(compare_generation(result.outcomes, saved, model=result.model))
    if labelled_baseline is not None and result.agreement:
        agreement = read_baseline(labelled_baseline, AgreementBaseline)
        reports.append(compare_agreement(result.agreement, agreement))
    if not reports:
        return None
    merged = GateReport()
    for report in reports:
        merged = merged.merge(report)
    return merged


def compare_part_labels(
    figures: LabelledFigures, baseline: PartLabelsBaseline, *, margin: float = AGREEMENT_MARGIN
) -> GateReport:
    """The detectors' agreement with the human part labels, per split, against the saved
    one; a split the baseline measured and the labels no longer have fails."""
    report = GateReport()
    for split, saved in sorted(baseline.agreement.items()):
        now = figures.agreement.get(split)
        if now is None or not now.total:
            report.failures.append(f"part labels: the {split} split is no longer labelled")
            continue
        report.checks.append(
            GateCheck(
                name=f"detector agreement {split}",
                baseline=saved,
                current=now.rate,
                margin=margin,
                count=now.total,
            )
        )
    if not report.checks and not report.failures:
        report.failures.append("part labels: the baseline has no split to compare")
    return report
