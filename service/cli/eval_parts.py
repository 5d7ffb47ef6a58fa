"""``storycoach eval label-sheet`` and ``storycoach eval parts``: human part labels.

``label-sheet`` writes a run's reader-facing parts into a label file for a reviewer to label,
without what the detectors found (labels are given blind); parts labelled before keep their
labels. ``parts`` measures the detectors against the labels: per reason, precision and recall
per split, and the publishable share by the labels beside the detectors' share.

Exit codes: 0 measured, 1 nothing was labelled (a measure of nothing fails), 2 bad input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from service.errors import InvalidInput
from service.evaluation.baseline import read_baseline, write_baseline
from service.evaluation.cases import load_generation_set
from service.evaluation.gate import compare_part_labels
from service.evaluation.part_labels import (
    PartLabelsBaseline,
    label_sheet,
    load_part_labels,
    measure_labels,
    part_labels_baseline,
    save_part_labels,
)
from service.evaluation.result import RunResult
from service.settings import get_settings

from . import eval_run
from .output import HAD_PROBLEMS, errors_as_exit_codes, fail, held_to_baseline, out

PART_LABELS = eval_run.EVALS / "quality" / "labels-v22.yaml"


def sheet(
    result: Annotated[Path, typer.Argument(help="A run's result.json.")],
    cases: Annotated[Path, typer.Option(help="The cases the run was made from (YAML).")],
    into: Annotated[Path, typer.Option(help="The label file to write (merged if it exists).")],
) -> None:
    """Write a run's parts into a label file to label blind."""
    with errors_as_exit_codes():
        try:
            run = RunResult.model_validate(json.loads(result.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise InvalidInput("result", f"cannot read {result}: {exc}") from None
        earlier = load_part_labels(into) if into.is_file() else None
        labels = label_sheet(run, load_generation_set(cases), earlier=earlier)
        if earlier is not None:
            labels.description = earlier.description
            kept = {(o.case, o.job) for o in labels.outputs}
            labels.outputs = [
                *(o for o in earlier.outputs if (o.case, o.job) not in kept),
                *labels.outputs,
            ]
        save_part_labels(into, labels)
    todo = sum(p.publishable is None for o in labels.outputs for p in o.parts)
    out().print(f"{into}: {len(labels.outputs)} outputs, {todo} parts to label", highlight=False)


def _share(rate: object) -> str:
    passed, total = getattr(rate, "passed", 0), getattr(rate, "total", 0)
    return f"{passed / total:.0%} ({passed}/{total})" if total else "-"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def parts(
    labels: Annotated[Path, typer.Option(help="Part labels (YAML).")] = PART_LABELS,
    save_baseline: Annotated[
        bool, typer.Option("--save-baseline", help="Save the agreement as the baseline.")
    ] = False,
) -> None:
    """The detectors against the human part labels: precision and recall per reason, held to
    the saved agreement (a drop of more than 5 points fails)."""
    with errors_as_exit_codes():
        figures = measure_labels(load_part_labels(labels), get_settings().corpus_dir)
    if not figures.labelled:
        fail(f"nothing was measured: no part in {labels} is labelled", code=HAD_PROBLEMS)
    shares = Table("split", "publishable (labels)", "publishable (detectors)", "agreement")
    for split in ("held-out", "tune", "all"):
        shares.add_row(
            split,
            _share(figures.human[split]),
            _share(figures.detectors[split]),
            _share(figures.agreement[split]),
        )
    out().print(shares)
    table = Table("reason", "split", "labelled", "flagged", "precision", "recall")
    for m in figures.measures:
        labelled = m.true_positives + m.false_negatives
        flagged = m.true_positives + m.false_positives
        if labelled or flagged:
            table.add_row(
                m.reason,
                m.split,
                str(labelled),
                str(flagged),
                _ratio(m.precision),
                _ratio(m.recall),
            )
    out().print(table)
    groups = Table("split / job / language", "publishable (labels)")
    for group, rate in figures.by_group.items():
        groups.add_row(group, _share(rate))
    out().print(groups)
    if figures.unlabelled:
        out().print(f"{figures.unlabelled} parts are not labelled yet", highlight=False)
    baseline_path = eval_run.BASELINES / f"{labels.stem}.json"
    if save_baseline:
        write_baseline(baseline_path, part_labels_baseline(figures, labels.name))
        out().print(f"baseline saved: {baseline_path}", highlight=False)
        return
    if not baseline_path.is_file():
        out().print(f"no baseline at {baseline_path}; save one with --save-baseline")
        return
    with errors_as_exit_codes():
        saved = read_baseline(baseline_path, PartLabelsBaseline)
    gate = compare_part_labels(figures, saved)
    held_to_baseline(gate, "figures", baseline_path.name)
