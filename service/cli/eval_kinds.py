"""``storycoach eval kinds``: each reader of what a sentence tells against reviewers' labels.

Exit codes: 0 measured, 1 nothing was labelled (a measure of nothing fails), 2 bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from service.errors import InvalidInput
from service.evaluation.sentence_kinds import score_readers
from service.quality.publishable.sentence_kinds import labelled_sentences

from . import eval_run
from .output import HAD_PROBLEMS, errors_as_exit_codes, fail, out

KIND_LABELS = eval_run.EVALS / "quality" / "sentence-kinds-held-out-v1.yaml"


def kinds(
    labels: Annotated[Path, typer.Option(help="Labelled sentences (YAML).")] = KIND_LABELS,
) -> None:
    """Each reader (word lists, learned, learned when sure) against labelled sentences."""
    with errors_as_exit_codes():
        try:
            labelled = labelled_sentences(labels.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InvalidInput("labels", f"cannot read {labels}: {exc}") from None
    if not labelled:
        fail(f"nothing was measured: {labels} holds no labelled sentence", code=HAD_PROBLEMS)
    with errors_as_exit_codes():
        try:
            scores = score_readers(labelled)
        except ValueError as exc:
            raise InvalidInput("labels", str(exc)) from None
    table = Table(
        "reader",
        "read right",
        "named: right",
        "offered as what worked (deed, habit): right",
        "stands alone: right",
    )
    for score in scores:
        table.add_row(
            score.reader,
            f"{score.share:.0%} ({score.right}/{score.total})",
            f"{score.named_share:.0%} ({score.right}/{score.named})",
            f"{score.right_done}/{score.offered_done}",
            f"{score.alone_right}/{score.alone_total}",
        )
    out().print(table)
    for score in scores:
        common = ", ".join(f"{t} read as {r} ({n})" for t, r, n in score.confusions[:5])
        out().print(f"{score.reader}, most often misread: {common or 'none'}", highlight=False)
