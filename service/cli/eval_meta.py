"""``storycoach eval meta``: the rubric engine's deterministic checks against hand labels.

Exit codes: 0 no criterion dropped past its margin (or there is no baseline yet), 1 one did,
or nothing was compared, 2 bad input (a missing or broken file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from service.evaluation.baseline import (
    AgreementBaseline,
    agreement_baseline,
    read_baseline,
    write_baseline,
)
from service.evaluation.cases import load_labelled_set
from service.evaluation.gate import compare_agreement
from service.evaluation.meta import agreement_rows, meta_evaluate
from service.quality import load_rubrics
from service.settings import get_settings

from . import eval_run
from .output import HAD_PROBLEMS, errors_as_exit_codes, fail, held_to_baseline, out


def meta(
    labelled: Annotated[Path, typer.Option(help="Labelled documents (YAML).")] = eval_run.EVALS
    / "cases"
    / "labelled-v2.yaml",
    save_baseline: Annotated[
        bool, typer.Option("--save-baseline", help="Save the agreement as the baseline.")
    ] = False,
) -> None:
    """The rubric engine's deterministic checks against hand labels, held to their baseline."""
    baseline_path = eval_run.BASELINES / f"{labelled.stem}.json"
    with errors_as_exit_codes():
        rubrics = load_rubrics(get_settings().rubrics_dir)
        rows = agreement_rows(meta_evaluate(load_labelled_set(labelled), rubrics))
        saved = read_baseline(baseline_path, AgreementBaseline) if baseline_path.is_file() else None
    table = Table("criterion", "agreement", "documents", "baseline", "disagreements")
    previous = saved.agreement if saved is not None else {}
    for row in rows:
        before = f"{previous[row.key]:.2f}" if row.key in previous else "-"
        table.add_row(
            row.key, f"{row.agreement:.2f}", str(row.count), before, ", ".join(row.misses)
        )
    out().print(table)
    if not rows:
        # An empty table is not agreement: no label names a deterministic criterion.
        fail(
            f"nothing was compared: no label in {labelled} names a deterministic criterion",
            code=HAD_PROBLEMS,
        )
    if save_baseline:
        write_baseline(baseline_path, agreement_baseline(rows, labelled.name))
        out().print(f"baseline saved: {baseline_path}", highlight=False)
        return
    if saved is None:
        out().print(f"no baseline at {baseline_path}; save one with --save-baseline")
        return
    gate = compare_agreement(rows, saved)
    held_to_baseline(gate, "criteria", baseline_path.name)
