"""``storycoach eval run`` with a fake model: generation, scoring, files, the gate, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.cli import eval_run as eval_run_module
from service.settings import Settings
from tests.fakes import FakeModel

runner = CliRunner(env={"COLUMNS": "200"})
SMALL = ["eval", "run", "--limit", "1", "--jobs", "story,questions", "--no-judge"]


def values_in(messages: list[dict[str, str]]) -> list[str]:
    import re

    return re.findall(r"^(value-[a-z-]+):", messages[-1]["content"], re.M)


STORY = [
    json.dumps({"title": "Nobody had read his email"}),
    json.dumps({"core_message": "A customer needs to know that someone read his message."}),
    lambda messages: json.dumps(
        {"value_id": values_in(messages)[0], "why": "We answer fast because waiting hurts."}
    ),
    json.dumps({"call_to_action": "Send every customer a first reply with your name today."}),
]
GARBAGE = ["{}"] * 2  # a question step that stays invalid after its retry
TAILS = {
    "why": "did the customer care more about an answer than about the repair?",
    "when": "last keep a customer waiting too long for an answer?",
    "how": "will you make sure each complaint gets a first reply this week?",
    "what": "made the team lead call the customer back every day?",
}
LAST = "What made the team lead call the customer back every day?"


def question_for(model: FakeModel) -> object:
    """A reply that starts with whatever opening the question step constrains it to.

    The coach chooses each question's first words (and may change them); the test answers
    the way a constrained model must, so it tests the eval, not the coach's wording.
    """

    def reply(messages: list[dict[str, str]]) -> str:
        schema = model.calls[-1]["schema"]
        pattern = str(schema["properties"]["question"].get("pattern", ""))  # type: ignore[index]
        opening = pattern.removeprefix("^").split("[ ,]", 1)[0] if pattern else ""
        if not opening:
            return json.dumps({"question": LAST})
        return json.dumps({"question": f"{opening} {TAILS[opening.split()[0].lower()]}"})

    return reply


def story_and_questions(*, questions_fail: bool = False) -> FakeModel:
    model = FakeModel(*STORY)
    model.replies += GARBAGE if questions_fail else [question_for(model)] * 4
    return model


@pytest.fixture
def baselines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Baselines under tmp_path: the repository's own are for the real model."""
    folder = tmp_path / "baselines"
    monkeypatch.setattr(eval_run_module, "BASELINES", folder)
    return folder


def use_model(monkeypatch: pytest.MonkeyPatch, model: FakeModel) -> None:
    def open_fake(settings: Settings, name: str | None) -> FakeModel:
        return model

    monkeypatch.setattr(eval_run_module, "open_chat_model", open_fake)


def read_result(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / "result.json").read_text(encoding="utf-8"))


def test_a_small_run_writes_the_result_and_a_self_contained_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, story_and_questions())
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
    use_model(monkeypatch, story_and_questions(questions_fail=True))
    out = tmp_path / "run"
    result = runner.invoke(app, [*SMALL, "--out", str(out)])
    assert result.exit_code == 0, result.output
    questions = read_result(out)["outcomes"][1]
    assert questions["passed"] is False and questions["text"] is None
    assert questions["error"].startswith("questions.1.")
    summary = {j["job"]: j for j in read_result(out)["summary"]["jobs"]}
    assert summary["questions"]["generation_failures"] == 1
    assert summary["questions"]["rate"]["rate"] == 0.0


def test_a_failed_story_fails_the_jobs_built_on_it_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    too_long = json.dumps({"title": "word " * 30})
    use_model(monkeypatch, FakeModel(too_long, too_long))
    out = tmp_path / "run"
    result = runner.invoke(app, [*SMALL, "--jobs", "questions", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (only,) = read_result(out)["outcomes"]
    assert only["job"] == "questions" and only["error"].startswith("no story to build on")


def test_a_saved_baseline_gates_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, story_and_questions())
    first = runner.invoke(app, [*SMALL, "--out", str(tmp_path / "a"), "--save-baseline"])
    assert first.exit_code == 0, first.output
    saved = json.loads((baselines / "generation-v1.json").read_text(encoding="utf-8"))
    assert saved["kind"] == "generation" and saved["model"] == "fake-model"
    assert saved["passed"]["questions"] == {"gen-complaints-en-taxi-call": True}

    use_model(monkeypatch, story_and_questions(questions_fail=True))
    second = runner.invoke(app, [*SMALL, "--out", str(tmp_path / "b")])
    assert second.exit_code == 1, second.output
    gate = read_result(tmp_path / "b")["gate"]
    assert gate["passed"] is False
    failed = [c["name"] for c in gate["checks"] if not c["passed"]]
    assert failed == ["pass rate questions"]
    assert "gate FAILED" in second.stdout


def test_the_story_rubric_scores_the_story_it_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, FakeModel(*STORY))
    out = tmp_path / "run"
    result = runner.invoke(app, [*SMALL, "--jobs", "story", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (story,) = read_result(out)["outcomes"]
    failed = [c["id"] for c in story["score"]["criteria"] if c["passed"] is False]
    assert story["passed"] is True, failed


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
