"""The coaching commands with a fake model: output shapes, exit codes, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.errors import ModelUnavailable
from service.testing import FakeModel
from tests.factories import ACCOUNT
from tests.helpers.coach_replies import story_choices

runner = CliRunner(env={"COLUMNS": "200"})
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeModel:
    model = FakeModel()
    monkeypatch.setattr("service.cli.coach.open_chat_model", lambda settings: model)
    assert runner.invoke(app, ["ingest", str(CORPUS)]).exit_code == 0
    return model


def test_interview_json(fake: FakeModel) -> None:
    fake.replies = [
        json.dumps({"question": f"{opening}, on day {i}, and why?"})
        for i, opening in enumerate(
            ["Where were you", "What went wrong", "What did you do", "What is different", "Why"]
        )
    ]
    result = runner.invoke(app, ["interview", "Answer every complaint within a day", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert len(body["questions"]) == 5 and body["language"] == "en"


def test_story_markdown_and_json_fields(fake: FakeModel, tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text(ACCOUNT, encoding="utf-8")
    fake.replies = story_choices()
    result = runner.invoke(
        app, ["story", "priority-complaints-one-day", "--answers-file", str(answers), "--json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert {"text", "citations", "core_message", "values"} <= set(body)
    assert body["text"].startswith("# ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["story", "p", "--answers-file", "/nope.txt"], "answers-file: no such file"),
        (["story", "p", "--answers-file", "{answers}", "--structure", "hero"], "unknown structure"),
        (["lesson", "--story", "story-nope"], "story: no story 'story-nope'"),
        (["lesson"], "story: give a story id or a story text"),
        (["questions", "--story", "story-junior-error-logs", "--count", "9"], "count"),
        (["interview", ""], "priority: must not be empty"),
        (["interview", "x", "--language", "fr"], "Invalid value for '--language'"),
    ],
)
def test_bad_input_exits_2_naming_the_field(
    fake: FakeModel, tmp_path: Path, args: list[str], message: str
) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text(ACCOUNT, encoding="utf-8")
    result = runner.invoke(app, [a.replace("{answers}", str(answers)) for a in args])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())
    assert fake.calls == []


def test_model_failure_exits_3_and_keeps_the_input(fake: FakeModel, tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text(ACCOUNT, encoding="utf-8")
    fake.replies = [ModelUnavailable("fake-model", "timed out")]
    result = runner.invoke(
        app, ["story", "priority-complaints-one-day", "--answers-file", str(answers)]
    )
    assert result.exit_code == 3
    assert "timed out" in result.stderr and "your input is unchanged" in result.stderr
    assert answers.read_text(encoding="utf-8") == ACCOUNT
