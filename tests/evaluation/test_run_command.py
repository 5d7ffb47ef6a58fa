"""``storycoach eval run`` with a fake model: generation, scoring, files, the gate, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.errors import ModelUnavailable
from service.quality.scoring import UNJUDGED
from service.testing import FakeModel
from tests.choices import choose
from tests.helpers.eval_command import model_writes_questions, read_result, use_model

runner = CliRunner(env={"COLUMNS": "200"})
SMALL = ["eval", "run", "--limit", "1", "--jobs", "story,questions", "--no-judge"]


TAILS = {
    "why": "did the customer care more about an answer than about the repair?",
    "when": "last keep a customer waiting too long for an answer?",
    "how": "will you make sure each complaint gets a first reply this week?",
    "what": "made the team lead call the customer back every day?",
}
LAST = "What made the team lead call the customer back every day?"


def _question(model: FakeModel) -> str:
    """A question that starts with whatever opening the question step constrains it to.

    The coach chooses each question's first words (and may change them); the test answers
    the way a constrained model must, so it tests the eval, not the coach's wording.
    """
    schema = model.calls[-1].schema
    pattern = str(schema["properties"]["question"].get("pattern", ""))  # type: ignore[index]
    opening = pattern.removeprefix("^").split("[ ,]", 1)[0] if pattern else ""
    if not opening:
        return json.dumps({"question": LAST})
    return json.dumps({"question": f"{opening} {TAILS[opening.split()[0].lower()]}"})


def answering(
    *, questions: str = "write", story_fails: bool = False, name: str = "fake-model"
) -> FakeModel:
    """A model that answers by what it is asked: it chooses the first option where the story
    asks it to choose among the leader's own words, and where the questions ask for one it
    writes a question (``questions="write"``), garbage that code must replace (``"garbage"``)
    or fails (``"down"``). Answering by the prompt, not by a script of calls, keeps these
    tests about the eval when the coach changes its steps."""
    model = FakeModel(name=name)

    def reply(messages: list[dict[str, str]]) -> str:
        if story_fails:
            raise ModelUnavailable(name, "the fake model is down")
        if re.search(r"<<<(?:OPTIONS|KEUZES)", messages[-1]["content"]):
            return choose()(messages)
        schema = model.calls[-1].schema or {}
        if "question" in schema.get("properties", {}):  # type: ignore[operator]
            if questions == "down":
                raise ModelUnavailable(name, "the fake model is down")
            return "{}" if questions == "garbage" else _question(model)
        raise AssertionError(f"unexpected step: {messages[-1]['content'][:200]}")

    model.replies = [reply] * 60
    return model


def test_a_small_run_writes_the_result_and_a_self_contained_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, answering())
    out = tmp_path / "run"
    result = runner.invoke(app, [*SMALL, "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = read_result(out)
    assert data["case_ids"] == ["gen-complaints-en-taxi-call"]
    assert [(o["job"], o["error"]) for o in data["outcomes"]] == [
        ("story", None),
        ("questions", None),
    ]
    story = data["outcomes"][0]
    assert "nobody on my team felt it was theirs" in story["text"]
    assert story["score"]["kind"] == "story" and story["sources"]
    assert {j["job"] for j in data["summary"]["jobs"]} == {"story", "questions"}
    assert data["agreement"] and data["gate"] is None
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "gen-complaints-en-taxi-call" in html and "Pass rate per job" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html
    assert "no baseline" in result.stdout


def test_a_job_that_cannot_generate_is_a_failed_case_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    model_writes_questions(monkeypatch)
    use_model(monkeypatch, answering(questions="down"))
    out = tmp_path / "run"
    result = runner.invoke(app, [*SMALL, "--out", str(out)])
    assert result.exit_code == 0, result.output
    questions = read_result(out)["outcomes"][1]
    assert questions["passed"] is False and questions["text"] is None
    assert questions["error"].startswith("questions.model: ")
    assert questions["failure"] == "model" and questions["parts"] is None
    summary = {j["job"]: j for j in read_result(out)["summary"]["jobs"]}
    assert summary["questions"]["generation_failures"] == 1
    assert summary["questions"]["rate"]["rate"] == 0.0
    groups = {g["name"]: g for g in read_result(out)["summary"]["by_job_and_language"]}
    assert groups["questions / en"]["generated"]["rate"] == 0.0
    assert "generation 0%, target ≥ 90%" in groups["questions / en"]["missed"]
    overall = groups["all jobs / both"]["generated"]
    assert (overall["passed"], overall["total"]) == (1, 2)


def test_a_failed_story_fails_the_jobs_built_on_it_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, answering(story_fails=True))
    out = tmp_path / "run"
    result = runner.invoke(app, [*SMALL, "--jobs", "questions", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (only,) = read_result(out)["outcomes"]
    assert only["job"] == "questions" and only["error"].startswith("no story to build on")
    assert only["failure"] == "blocked"
    (questions, *_) = read_result(out)["summary"]["by_job_and_language"]
    # The questions never ran: not a failure of their own generation, but no pass either.
    assert questions["blocked"] == 1 and questions["generated"]["total"] == 0
    assert questions["passed"]["rate"] == 0.0


def test_parts_written_by_code_are_counted_as_fallbacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    model_writes_questions(monkeypatch)
    use_model(monkeypatch, answering(questions="garbage"))
    out = tmp_path / "run"
    result = runner.invoke(app, [*SMALL, "--out", str(out)])
    assert result.exit_code == 0, result.output
    story, questions = read_result(out)["outcomes"]
    assert questions["failure"] is None and questions["parts"]["fallbacks"]
    assert story["parts"]["total"] >= 4 and story["parts"]["checked"] >= 0
    groups = {g["name"]: g for g in read_result(out)["summary"]["by_job_and_language"]}
    share = groups["questions / en"]["fallback_share"]
    assert share > 0.10 and any("fallback share" in m for m in groups["questions / en"]["missed"])
    assert "Per job and language" in result.stdout and "fallback parts" in result.stdout
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Per job and language, against the targets" in html


def test_a_saved_baseline_gates_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    model_writes_questions(monkeypatch)
    use_model(monkeypatch, answering())
    first = runner.invoke(app, [*SMALL, "--out", str(tmp_path / "a"), "--save-baseline"])
    assert first.exit_code == 0, first.output
    saved = json.loads((baselines / "generation-v1.json").read_text(encoding="utf-8"))
    assert saved["kind"] == "generation" and saved["model"] == "fake-model"
    assert saved["passed"]["questions"] == {"gen-complaints-en-taxi-call": True}

    use_model(monkeypatch, answering(questions="down"))
    second = runner.invoke(app, [*SMALL, "--out", str(tmp_path / "b")])
    assert second.exit_code == 1, second.output
    gate = read_result(tmp_path / "b")["gate"]
    assert gate["passed"] is False
    failed = [c["name"] for c in gate["checks"] if not c["passed"]]
    assert failed == ["pass rate questions"]
    assert "gate FAILED" in second.stdout


def test_a_run_that_shares_no_case_with_the_baseline_fails_the_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    """It once printed "gate passed" over an empty gate table."""
    use_model(monkeypatch, answering())
    first = runner.invoke(app, [*SMALL, "--jobs", "story", "--out", str(tmp_path / "a")])
    assert first.exit_code == 0, first.output
    saved = baselines / "generation-v1.json"
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(
        json.dumps(
            {
                "created": "2026-11-28T00:00:00Z",
                "cases_file": "generation-v1.yaml",
                "cases_version": 1,
                "model": "fake-model",
                "passed": {"story": {"gen-some-other-case": True}},
            }
        ),
        encoding="utf-8",
    )
    use_model(monkeypatch, answering())
    second = runner.invoke(app, [*SMALL, "--jobs", "story", "--out", str(tmp_path / "b")])
    assert second.exit_code == 1, second.output
    gate = read_result(tmp_path / "b")["gate"]
    assert gate["passed"] is False and gate["checks"] == []
    assert gate["failures"][0].startswith("nothing was compared")
    assert "nothing was compared" in second.stdout and "gate FAILED" in second.stdout


def test_the_story_rubric_scores_the_story_it_fails_nothing_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, answering())
    out = tmp_path / "run"
    # A case whose account has names, places, numbers and moments: its story is concrete.
    args = ["eval", "run", "--case", "gen-complaints-en-auto-reply", "--jobs", "story"]
    result = runner.invoke(app, [*args, "--no-judge", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (story,) = read_result(out)["outcomes"]
    failed = [c["id"] for c in story["score"]["criteria"] if c["passed"] is False]
    assert failed == []  # scored with its account and sources, nothing fails
    # ... but without a judge its judged must-pass criteria are unjudged: not a pass
    assert story["passed"] is False
    assert story["score"]["reason"].startswith(UNJUDGED)
    assert "faithful-judged" in story["score"]["reason"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "poem"], "jobs: unknown job 'poem'"),
        (["--cases", "missing.yaml"], "no such file"),
        (["--baseline", "missing.json"], "baseline: no such file"),
    ],
)
def test_bad_input_exits_2(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, FakeModel())
    result = runner.invoke(app, [*SMALL, *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_limit_must_be_positive() -> None:
    assert runner.invoke(app, [*SMALL, "--limit", "0"]).exit_code == 2
