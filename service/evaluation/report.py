"""What an eval run leaves behind: ``result.json`` for machines, ``report.html`` for people.

The report is self-contained (one Jinja2 template, inline CSS, no scripts): it is opened from
a CI artifact or a laptop with no network, so it loads nothing from outside; every value is
escaped, since outputs are model text and may hold markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .breakdown import TARGETS, GroupSummary, RoleShare, Target, breakdown, role_shares
from .gate import GateReport
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
    roles: list[RoleShare]
    """The publishable share per job, language and kind of part."""


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
        roles=role_shares(result.outcomes),
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


def result_json(result: RunResult, gate: GateReport | None) -> str:
    """The run, its summary figures and the gate, for machines (CI, a later comparison)."""
    payload = result.model_dump(mode="json")
    payload["summary"] = {
        "jobs": [s.model_dump(mode="json") for s in job_summaries(result.outcomes)],
        "criteria": [s.model_dump(mode="json") for s in criterion_summaries(result.outcomes)],
        "by_job_and_language": [g.model_dump(mode="json") for g in breakdown(result.outcomes)],
        "parts_by_role": [s.model_dump(mode="json") for s in role_shares(result.outcomes)],
        "targets": [t.model_dump(mode="json") for t in TARGETS],
    }
    payload["gate"] = gate.model_dump(mode="json") if gate is not None else None
    return json.dumps(payload, ensure_ascii=False, indent=2)


def write_run(folder: Path, result: RunResult, gate: GateReport | None) -> None:
    """``result.json`` and ``report.html`` in ``folder`` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.json").write_text(result_json(result, gate), encoding="utf-8")
    (folder / "report.html").write_text(render_report(result, gate), encoding="utf-8")
