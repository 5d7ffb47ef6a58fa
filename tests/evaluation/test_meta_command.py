"""``storycoach eval meta``: agreement with the hand labels, held to its baseline; comparing
nothing is a failure, not a pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.cli import eval_run as eval_run_module

runner = CliRunner(env={"COLUMNS": "200"})
ONLY_JUDGED = """version: 1
documents:
  - id: one
    kind: lesson
    expected: {explains-why: true}
    text: "## Objective\\nAfter this lesson you can explain it."
"""


@pytest.fixture
def baselines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "baselines"
    folder.mkdir()
    monkeypatch.setattr(eval_run_module, "BASELINES", folder)
    return folder


def test_the_repositorys_labels_meet_their_baseline() -> None:
    result = runner.invoke(app, ["eval", "meta"])
    assert result.exit_code == 0, result.output
    assert "criteria compared with labelled-v2.json: none dropped" in result.stdout


def test_labels_that_name_no_deterministic_criterion_compare_nothing(
    tmp_path: Path, baselines: Path
) -> None:
    labelled = tmp_path / "judged-v1.yaml"
    labelled.write_text(ONLY_JUDGED, encoding="utf-8")
    result = runner.invoke(app, ["eval", "meta", "--labelled", str(labelled)])
    assert result.exit_code == 1
    assert "nothing was compared" in result.stderr


def test_a_baseline_without_criteria_compares_nothing(tmp_path: Path, baselines: Path) -> None:
    labelled = tmp_path / "some-v1.yaml"
    source = Path(eval_run_module.EVALS / "cases" / "labelled-v2.yaml")
    labelled.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (baselines / "some-v1.json").write_text(
        json.dumps(
            {"created": "2026-11-28T00:00:00Z", "labelled_file": "some-v1.yaml", "agreement": {}}
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", "meta", "--labelled", str(labelled)])
    assert result.exit_code == 1
    assert "nothing was compared" in result.stdout
