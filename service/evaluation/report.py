"""The self-contained HTML report of an eval run: one Jinja2 template, inline CSS, no scripts.

It is opened from a CI artifact or a laptop with no network, so it loads nothing from outside;
every value is escaped, since outputs are model text and may hold markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from .baseline import GateReport
from .breakdown import TARGETS, GroupSummary, Target, breakdown
from .result import JobOutcome, RunResult
from .summary import (
    CriterionSummary,
    JobSummary,
    JudgeReliability,
    criterion_summaries,
    deterministic_failures,
    job_summaries,
    judge_reliability,
    worst_outcomes,
)

WORST_CASES = 5
"""Failed outputs drilled down in the report, lowest score first."""


@dataclass(frozen=True)
class ReportView:
    """Everything the template shows, computed once from the result."""

    result: RunResult
    gate: GateReport | None
    jobs: list[JobSummary]
    criteria: list[CriterionSummary]
    failures: list[CriterionSummary]
    judge: list[JudgeReliability]
    worst: list[JobOutcome]
    groups: list[GroupSummary]
    """Per job and language, against the targets."""
    targets: tuple[Target, ...]
    unfaithful: list[JobOutcome]
    """Outputs with a part the leader's account does not support."""


def report_view(result: RunResult, gate: GateReport | None, worst: int = WORST_CASES) -> ReportView:
    criteria = criterion_summaries(result.outcomes)
    return ReportView(
        result=result,
        gate=gate,
        jobs=job_summaries(result.outcomes),
        criteria=criteria,
        failures=deterministic_failures(criteria),
        judge=judge_reliability(result.outcomes),
        worst=worst_outcomes(result.outcomes, worst),
        groups=breakdown(result.outcomes),
        targets=TARGETS,
        unfaithful=[o for o in result.outcomes if o.parts is not None and o.parts.unfaithful],
    )


def _environment() -> Environment:
    # autoescape=True everywhere: the template's extension is .j2, which select_autoescape
    # would not recognise, and a report of model output must never render its markup.
    return Environment(
        loader=PackageLoader("service.evaluation", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(result: RunResult, gate: GateReport | None, worst: int = WORST_CASES) -> str:
    """The report as one HTML page."""
    template = _environment().get_template("report.html.j2")
    return template.render(view=report_view(result, gate, worst))
