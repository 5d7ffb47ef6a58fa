"""``storycoach eval calibration``: the rubric engine against the reviewers' decisions.

Every approve, reject or request-changes in the review queue is a human label on a lesson
(``service.review.labels``). This command rescores those lessons with today's rubrics (and
the judge, when one is configured) and reports how often the engine agrees with L&D, with
Cohen's kappa, so a team knows how far to trust the scores shown in the queue.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from service.coach.opening import open_judge, release_models
from service.evaluation.calibration import Agreement, CalibrationReport, calibrate
from service.quality import load_rubrics
from service.review.labels import human_labels
from service.settings import get_settings
from service.store import migrated_session

from .output import errors_as_exit_codes, out


def calibration(
    org: Annotated[
        str | None, typer.Option("--org", help="Organisation id (default: STORYCOACH_DEFAULT_ORG).")
    ] = None,
    judge_model: Annotated[
        str | None, typer.Option("--judge-model", help="Judge model (default: the setting).")
    ] = None,
    no_judge: Annotated[bool, typer.Option("--no-judge", help="Checks only, no judge.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """How well the rubric engine agrees with reviewers' approve/reject decisions."""
    settings = get_settings()
    org = org or settings.default_org
    with errors_as_exit_codes():
        with migrated_session(settings) as session:
            labels = human_labels(session, org)
        judge = None if no_judge else open_judge(settings, model=judge_model)
        try:
            report = calibrate(labels, load_rubrics(settings.rubrics_dir), judge=judge)
        finally:
            release_models()
    if as_json:
        typer.echo(json.dumps(as_dict(report, len(labels)), indent=2))
        return
    if not labels:
        out().print(f"No review decisions in '{org}' yet: approve or reject lessons first.")
        return
    table = Table("", "documents", "agreement", "kappa", "unscored", "disagreements")
    for agreement in [report.overall, *report.criteria.values()]:
        table.add_row(*_row(agreement))
    out().print(table)
    for reason, count in report.skipped.items():
        out().print(f"skipped {count}: {reason}", highlight=False)
    if report.score_drift is not None:
        out().print(f"mean score change since submission: {report.score_drift:.3f}")


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _row(agreement: Agreement) -> list[str]:
    return [
        agreement.key,
        str(agreement.count),
        _figure(agreement.agreement),
        _figure(agreement.kappa),
        str(agreement.unscored),
        ", ".join(agreement.misses[:5]),
    ]


def _agreement(agreement: Agreement) -> dict[str, object]:
    return {
        "documents": agreement.count,
        "agreement": agreement.agreement,
        "kappa": agreement.kappa,
        "unscored": agreement.unscored,
        "disagreements": agreement.misses,
    }


def as_dict(report: CalibrationReport, labels: int) -> dict[str, object]:
    return {
        "labels": labels,
        "overall": _agreement(report.overall),
        "criteria": {k: _agreement(a) for k, a in report.criteria.items()},
        "skipped": report.skipped,
        "incomplete": report.incomplete,
        "score_drift": report.score_drift,
    }
