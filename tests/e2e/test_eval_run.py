"""CI gate, generation half: a small ``eval run`` with the real embedded model and embedder,
held to the saved baseline (``evals/baselines/generation-v1.json``).

Four cases, two of them Dutch (two the project's CI did not run before, where the lesson job
produced nothing), with the story, the lesson and the questions built on it: about 6-8
minutes of model time on 2 cores. Candidates are drawn greedily or with fixed seeds, so with
the same model and code the run repeats and any case that flips is a change. The baseline is
this very run (the command in ``HOW_TO_CREATE``), its report read by a person before it is
committed; this run must share every job with it, or the gate fails for comparing nothing.
The gate holds each job's pass rate (outputs no check failed) and its share of publishable
parts (by the detectors) to the baseline's, case by case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.evaluation.gate import PASS_RATE_MARGIN
from tests.e2e.conftest import REAL_MODEL

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "evals" / "baselines" / "generation-v1.json"
CASES = (
    "gen-complaints-en-taxi-call",
    "gen-complaints-en-auto-reply",
    "gen-complaints-nl-werkplaats-vragen",
    "gen-first-fix-nl-display",
)
JOBS = ("story", "lesson", "questions")
RUN = [
    "eval",
    "run",
    *(arg for case in CASES for arg in ("--case", case)),
    "--jobs",
    ",".join(JOBS),
    "--no-judge",
]
HOW_TO_CREATE = (
    f"no generation baseline at {BASELINE}. Create it from this very run and review it: "
    f"`storycoach {' '.join(RUN)} --save-baseline` (then read the report.html it prints "
    "and commit evals/baselines/generation-v1.json)"
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
    assert len(data["outcomes"]) == len(CASES) * len(JOBS)
    assert sum(o["language"] == "nl" for o in data["outcomes"] if o["job"] == "story") >= 2
    gate = data["gate"]
    assert gate is not None, "the baseline was not read"
    names = {c["name"] for c in gate["checks"]}
    assert {f"pass rate {job}" for job in JOBS} <= names, gate["notes"]
    # The figure that counts: every reader-facing part read by the detectors, held to the
    # baseline's publishable share (a drop of more than 5 points fails).
    assert {f"publishable {job}" for job in JOBS} <= names, gate["notes"]
    assert all(o["reader_parts"] for o in data["outcomes"])
    drops = [
        f"{c['name']}: {c['baseline']:.2f} -> {c['current']:.2f} (allowed drop {PASS_RATE_MARGIN})"
        for c in gate["checks"]
        if not c["passed"]
    ]
    assert gate["passed"], f"gate failed: {drops + gate['failures']}; report: {out / 'report.html'}"
    assert result.exit_code == 0
