"""CI gate, generation half: a small ``eval run`` with the real embedded model and embedder,
held to the saved baseline (``evals/baselines/generation-v1.json``).

Two English cases, story and questions: about 3-4 minutes of model time on 2 cores (a story
took 49-55 s, four questions about as long, in the coach's own end-to-end tests). Decoding is
greedy, so with the same model and code the run repeats and any case that flips is a change.
The baseline is made once, with exactly this run, by a person who has looked at the report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.quality.baseline import PASS_RATE_MARGIN
from tests.e2e.conftest import REAL_MODEL

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "evals" / "baselines" / "generation-v1.json"
RUN = ["eval", "run", "--limit", "2", "--jobs", "story,questions", "--no-judge"]
HOW_TO_CREATE = (
    f"no generation baseline at {BASELINE}. Create it from this very run and review it: "
    f"`storycoach eval run {' '.join(RUN[2:])} --save-baseline` (then open the report.html it "
    "prints and commit evals/baselines/generation-v1.json)"
)


def test_small_generation_run_meets_the_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not BASELINE.is_file():
        pytest.fail(HOW_TO_CREATE)
    monkeypatch.setenv("STORYCOACH_EMBEDDING_MODEL", REAL_MODEL)
    monkeypatch.delenv("STORYCOACH_MODEL", raising=False)  # the embedded default
    out = tmp_path / "run"
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [*RUN, "--out", str(out)])
    assert result.exit_code in (0, 1), result.output  # 2 or 3: bad input or no model
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert (out / "report.html").is_file()
    assert len(data["outcomes"]) == 4  # 2 cases x (story, questions)
    gate = data["gate"]
    assert gate is not None, "the baseline was not read"
    names = {c["name"] for c in gate["checks"]}
    assert {"pass rate story", "pass rate questions"} <= names, gate["notes"]
    drops = [
        f"{c['name']}: {c['baseline']:.2f} -> {c['current']:.2f} (allowed drop {PASS_RATE_MARGIN})"
        for c in gate["checks"]
        if not c["passed"]
    ]
    assert gate["passed"], f"gate failed: {drops + gate['failures']}; report: {out / 'report.html'}"
    assert result.exit_code == 0
