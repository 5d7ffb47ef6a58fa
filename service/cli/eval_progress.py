"""What ``eval run`` shows in the terminal: a progress bar while it runs, tables when done.

The progress bar goes to stderr, so ``result.json`` and the tables on stdout stay clean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from service.coach.model import ChatModel
from service.evaluation.breakdown import (
    FALLBACK_SHARE,
    GENERATION_EACH,
    GENERATION_OVERALL,
    PUBLISHABLE,
    RUBRIC_PASS,
    UNFAITHFUL,
    GroupSummary,
    breakdown,
)
from service.evaluation.gate import GateReport
from service.evaluation.result import Job, JobOutcome, RunResult
from service.evaluation.runner import EvalItem, EvalSetup
from service.evaluation.summary import job_summaries
from service.knowledge import KnowledgeBase
from service.quality import Judge, Rubric

from .output import err, out


def run_with_progress(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    rubrics: Mapping[str, Rubric],
    judge: Judge | None,
    items: Sequence[EvalItem],
    jobs: Sequence[Job],
) -> list[JobOutcome]:
    """Every item's outcomes, with a bar that advances per job and names the one running."""
    setup = EvalSetup(model, knowledge, org, rubrics, judge)
    total = sum(len(item.applicable(jobs)) for item in items)
    outcomes: list[JobOutcome] = []
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err(), transient=False) as progress:
        task = progress.add_task("generating", total=total)
        for item in items:
            progress.update(task, description=item.id)
            for outcome in item.run(setup, jobs):
                outcomes.append(outcome)
                progress.advance(task)
    return outcomes


def _marked(text: str, met: bool) -> str:
    return text if met else f"[red]{text}[/]"


def breakdown_table(groups: Sequence[GroupSummary]) -> Table:
    """Per job and language, each figure beside its target; a missed target is red. The
    publishable share of parts comes first: it is the figure that counts."""
    generation = f"{GENERATION_OVERALL.label} all, {GENERATION_EACH.label} each"
    table = Table(
        "job",
        "language",
        "cases",
        f"publishable parts\n{PUBLISHABLE.label}",
        f"generated\n{generation}",
        f"rubric pass\n{RUBRIC_PASS.label}",
        f"fallback parts\n{FALLBACK_SHARE.label}",
        "asked, not\nwritten",
        "not\ntranslated",
        f"unfaithful parts\n{UNFAITHFUL.label}",
        "p50 s",
        title="Per job and language, against the targets",
    )
    for group in groups:
        missed = " ".join(group.missed)
        rate = group.generated
        blocked = f" (+{group.blocked} blocked)" if group.blocked else ""
        unjudged = f" ({group.unjudged} unjudged)" if group.unjudged else ""
        shown = group.publishable
        table.add_row(
            group.job.value if group.job is not None else "[bold]all[/]",
            group.language.value if group.language is not None else "[bold]both[/]",
            str(group.cases),
            _marked(f"{shown.rate:.0%} {shown.passed}/{shown.total}", "publishable" not in missed),
            _marked(
                f"{rate.rate:.0%} {rate.passed}/{rate.total}{blocked}", "generation" not in missed
            ),
            _marked(
                f"{group.passed.rate:.0%} {group.passed.passed}/{group.passed.total}{unjudged}",
                "rubric pass" not in missed,
            ),
            _marked(
                f"{group.fallback_share:.0%} {group.fallback_parts}/{group.parts}",
                "fallback share" not in missed,
            ),
            str(group.missing_parts),
            str(group.untranslated),
            _marked(
                f"{group.unfaithful_parts} of {group.checked_parts}",
                "unfaithful parts" not in missed,
            ),
            f"{group.p50_seconds:.1f}",
        )
    return table


def print_summary(
    result: RunResult, gate: GateReport | None, folder: Path, saved: Path | None
) -> None:
    console = out()
    table = Table(
        "job", "pass rate", "± stderr", "passed", "no output", "mean s", title="Pass rate per job"
    )
    for job in job_summaries(result.outcomes):
        table.add_row(
            job.job.value,
            f"{job.rate.rate:.2f}",
            f"{job.rate.stderr:.2f}",
            f"{job.rate.passed}/{job.rate.total}",
            str(job.generation_failures),
            f"{job.mean_seconds:.1f}",
        )
    console.print(table)
    console.print(breakdown_table(breakdown(result.outcomes)))
    if gate is None:
        console.print("[dim]no baseline: nothing compared[/] (save one with --save-baseline)")
    else:
        checks = Table("figure", "baseline", "now", "allowed drop", "result", title="Gate")
        for check in gate.checks:
            if check.passed and check.name.startswith("agreement"):
                continue  # dozens of unchanged criteria: the report lists them all
            mark = "[green]ok[/]" if check.passed else "[red]DROP[/]"
            checks.add_row(
                check.name,
                f"{check.baseline:.2f}",
                f"{check.current:.2f}",
                f"{check.margin:.2f}",
                mark,
            )
        console.print(checks)
        hidden = [c for c in gate.checks if c.passed and c.name.startswith("agreement")]
        if hidden:
            console.print(f"{len(hidden)} agreement figures compared with the labels: none dropped")
        for line in gate.failures:
            console.print(f"[red]{line}[/]", highlight=False)
        for line in gate.notes:
            console.print(f"[dim]{line}[/]", highlight=False)
        verdict = "[green]gate passed[/]" if gate.passed else "[bold red]gate FAILED[/]"
        console.print(verdict)
    console.print(f"report: {folder / 'report.html'}", highlight=False)
    if saved is not None:
        console.print(f"baseline saved: {saved}", highlight=False)
