"""The detectors against the committed human part labels, in every unit-test run: the labels
must exist, both splits must be labelled, and the detectors' agreement with them may not drop
past its margin (``evals/baselines/labels-v1.json``)."""

from __future__ import annotations

from typer.testing import CliRunner

from service.cli import app
from service.cli.eval_parts import PART_LABELS
from service.evaluation.part_labels import load_part_labels, measure_labels
from tests.conftest import CORPUS


def test_the_labels_cover_both_splits_and_every_job() -> None:
    labels = load_part_labels(PART_LABELS)
    figures = measure_labels(labels, CORPUS)
    assert figures.unlabelled == 0
    assert figures.human["held-out"].total and figures.human["tune"].total
    cases = {o.case for o in labels.outputs}
    assert len(cases) >= 24
    assert {o.job.value for o in labels.outputs} == {"story", "lesson", "one-on-one", "questions"}
    assert {o.language.value for o in labels.outputs} == {"nl", "en"}


def test_the_detectors_hold_their_agreement_with_the_labels() -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["eval", "parts"])
    assert result.exit_code == 0, result.output
    assert "none dropped" in result.output
