"""``storycoach eval run --corpus-stories`` with a fake model: every story, its jobs, failures
that stay one story's, its own baseline, and the options it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.errors import ModelUnavailable
from service.evaluation.corpus_stories import ONE_ON_ONE_GOALS
from service.knowledge import Language, load_corpus
from service.llm.completion import Messages
from service.testing import FakeModel, InstantModel
from tests.conftest import CORPUS
from tests.helpers.eval_command import model_writes_questions, read_result, use_model

runner = CliRunner(env={"COLUMNS": "200"})
CORPUS_RUN = ["eval", "run", "--corpus-stories", "--no-judge"]
STORY_FILES = sorted(path.stem for path in (CORPUS / "stories").glob("*.md"))


def instant(*, down_on: str | None = None) -> FakeModel:
    """A fake model that answers every step as ``InstantModel`` does (valid JSON built from
    the step's own material), and is down for any prompt that holds ``down_on``."""
    writer = InstantModel()
    model = FakeModel(name="fake-model")

    def answer(messages: Messages) -> str:
        if down_on is not None and any(down_on in m["content"] for m in messages):
            raise ModelUnavailable(model.name, "the fake model is down")
        return writer.complete(messages, schema=model.calls[-1].schema).text

    model.answer = answer
    return model


def language_of(story_id: str) -> Language:
    documents = load_corpus(CORPUS).documents
    return next(Language(d.meta.language) for d in documents if d.id == story_id)


def title_of(story_id: str) -> str:
    return next(d.meta.title for d in load_corpus(CORPUS).documents if d.id == story_id)


def test_every_corpus_story_is_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, instant())
    out = tmp_path / "run"
    result = runner.invoke(app, [*CORPUS_RUN, "--jobs", "questions", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = read_result(out)
    assert data["cases_file"] == "corpus-stories"
    assert data["case_ids"] == STORY_FILES
    assert [o["case_id"] for o in data["outcomes"]] == STORY_FILES
    groups = {g["name"] for g in data["summary"]["by_job_and_language"]}
    assert {"questions / en", "questions / nl"} <= groups
    assert "no baseline" in result.stdout


def test_each_story_runs_lesson_one_on_one_and_questions_in_its_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    use_model(monkeypatch, instant())
    out = tmp_path / "run"
    result = runner.invoke(app, [*CORPUS_RUN, "--limit", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = read_result(out)
    first, second = STORY_FILES[:2]
    assert [(o["case_id"], o["job"]) for o in data["outcomes"]] == [
        (story, job) for story in (first, second) for job in ("lesson", "one-on-one", "questions")
    ]
    languages = {d.id: d.meta.language for d in load_corpus(CORPUS).documents}
    for outcome in data["outcomes"]:
        assert outcome["language"] == languages[outcome["case_id"]]
        assert outcome["error"] is None and outcome["text"] and outcome["score"]
    one_on_one = data["outcomes"][1]
    goal, role = ONE_ON_ONE_GOALS[Language(one_on_one["language"])]
    assert one_on_one["input"].endswith(f"Development goal ({role}): {goal}")
    assert (out / "report.html").is_file()


def test_a_failure_in_one_story_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    model_writes_questions(monkeypatch)
    failing = STORY_FILES[1]
    use_model(monkeypatch, instant(down_on=title_of(failing)))
    out = tmp_path / "run"
    result = runner.invoke(app, [*CORPUS_RUN, "--limit", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    outcomes = read_result(out)["outcomes"]
    assert len(outcomes) == 9
    for outcome in outcomes:
        if outcome["case_id"] == failing:
            assert outcome["failure"] == "model" and outcome["text"] is None
        else:
            assert outcome["error"] is None and outcome["text"]


def test_a_story_is_picked_by_id_and_gated_by_its_own_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    model_writes_questions(monkeypatch)
    story = next(s for s in reversed(STORY_FILES) if language_of(s) is Language.EN)
    args = [*CORPUS_RUN, "--case", story, "--jobs", "questions,lesson"]
    use_model(monkeypatch, instant())
    first = runner.invoke(app, [*args, "--out", str(tmp_path / "a"), "--save-baseline"])
    assert first.exit_code == 0, first.output
    saved = json.loads((baselines / "corpus-stories.json").read_text(encoding="utf-8"))
    assert saved["cases_file"] == "corpus-stories"
    assert saved["passed"] == {"questions": {story: True}, "lesson": {story: True}}
    assert not (baselines / "generation-v1.json").exists()

    use_model(monkeypatch, instant(down_on=title_of(story)))
    second = runner.invoke(app, [*args, "--out", str(tmp_path / "b")])
    assert second.exit_code == 1, second.output
    gate = read_result(tmp_path / "b")["gate"]
    failed = {c["name"] for c in gate["checks"] if not c["passed"]}
    assert failed == {"pass rate questions", "pass rate lesson"}
    assert "gate FAILED" in second.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "story"], "jobs: the story job does not apply"),
        (["--jobs", "lesson,story"], "jobs: the story job does not apply"),
        (["--case", "story-nope"], "case: no story 'story-nope' in the corpus"),
        (["--cases", "generation-v1.yaml"], "give --cases or --corpus-stories, not both"),
    ],
)
def test_bad_input_exits_2(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch, baselines: Path
) -> None:
    model = FakeModel()
    use_model(monkeypatch, model)
    result = runner.invoke(app, [*CORPUS_RUN, *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not model.calls
