"""``storycoach eval score``, run through a small app (the lead registers it in the real one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from service.cli.scoring import score
from tests.conftest import CORPUS

runner = CliRunner(env={"COLUMNS": "200"})
app = typer.Typer()
app.command()(score)


@app.callback()
def _group() -> None:
    """Makes ``score`` a subcommand, as under ``storycoach eval``."""


LESSON = CORPUS / "lessons" / "lesson-answer-within-one-day.md"


def test_scores_a_corpus_lesson_as_json() -> None:
    result = runner.invoke(app, ["score", str(LESSON), "--kind", "lesson", "--no-judge", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["kind"] == "lesson" and report["pass"] is False
    assert report["verdict"] == "unjudged"  # explains-why must pass and nobody judged it
    by_id = {c["id"]: c for c in report["criteria"]}
    assert by_id["objective-measurable"]["passed"] is True
    assert by_id["language"]["passed"] is True  # from the front matter
    assert by_id["explains-why"]["passed"] is None


def test_an_unjudged_lesson_is_shown_as_unjudged_and_exits_0() -> None:
    result = runner.invoke(app, ["score", str(LESSON), "--kind", "lesson", "--no-judge"])
    assert result.exit_code == 0, result.output  # not a failure; and not a pass either
    assert "UNJUDGED" in result.stdout and "PASS" not in result.stdout
    assert "FAIL" not in result.stdout


def test_a_pasted_lesson_with_bold_labels_and_a_table(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text(
        "**Leerdoel:** Na deze les kun je uitleggen waarom.\n\n**Kernpunten**\n- een\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["score", str(path), "--kind", "lesson", "--language", "nl"])
    assert result.exit_code == 1  # scored, and it fails
    assert "sections" in result.stdout and "FAIL" in result.stdout
    assert "no judge model configured" in result.stderr


def test_an_invented_citation_is_caught_against_the_corpus(tmp_path: Path) -> None:
    text = LESSON.read_text(encoding="utf-8").replace(
        "## Key points", "See [story-never-happened].\n\n## Key points"
    )
    path = tmp_path / "cited.md"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["score", str(path), "--kind", "lesson", "--no-judge", "--json"])
    report = json.loads(result.stdout)
    citations = next(c for c in report["criteria"] if c["id"] == "citations-valid")
    assert citations["passed"] is False and "story-never-happened" in citations["evidence"]


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xff\xfe\x00bad bytes"])
def test_an_empty_or_unreadable_document_fails_without_a_crash(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    result = runner.invoke(app, ["score", str(path), "--kind", "story", "--no-judge", "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["pass"] is False and report["reason"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "missing.md", "--kind", "lesson"], "file: no such file"),
        (["score", str(LESSON), "--kind", "poem"], "kind: unknown kind 'poem'"),
        (["score", str(LESSON), "--kind", "lesson", "--rubrics", "nowhere"], "no such folder"),
    ],
)
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_broken_rubric_names_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "lesson.yaml").write_text(
        "id: l\nversion: 1\nkind: lesson\ntitle: L\ncriteria:\n"
        "  - {id: a, description: d, checker: nope, weight: 1,"
        " levels: [{score: 0, anchor: x}, {score: 1, anchor: y}]}\n",
        encoding="utf-8",
    )
    args = ["score", str(LESSON), "--kind", "lesson", "--rubrics", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "lesson.yaml: criteria[0].checker: unknown checker 'nope'" in result.stderr


def test_the_configured_judge_model_scores_judge_criteria(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from service.coach import opening
    from service.settings import Settings
    from service.testing import FakeModel
    from tests.quality.judge_replies import verdict

    quote = "A first answer needs a name, a next step and a date"
    judge_model = FakeModel(*[verdict(3, quote)] * 4, name="judge-x")
    opened: list[str] = []

    def open_fake(settings: Settings, model: str) -> FakeModel:
        opened.append(model)
        return judge_model

    monkeypatch.setattr(opening, "open_judge_model", open_fake)
    monkeypatch.setenv("STORYCOACH_JUDGE_MODEL", "openai/judge-x")
    result = runner.invoke(app, ["score", str(LESSON), "--kind", "lesson", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert opened == ["openai/judge-x"]
    assert report["judge_model"] == "judge-x"
    assert report["complete"] is False  # `faithful` waits for the leader's account (--account)
    by_id = {c["id"]: c for c in report["criteria"]}
    assert by_id["explains-why"]["passed"] is True
    assert by_id["explains-why"]["evidence"] == quote
    assert len(judge_model.calls) == 4

    no_judge = runner.invoke(
        app, ["score", str(LESSON), "--kind", "lesson", "--no-judge", "--json"]
    )
    assert json.loads(no_judge.stdout)["judge_model"] is None
    assert len(opened) == 1  # --no-judge opens no model


def test_without_a_judge_setting_there_is_no_judge() -> None:
    from service.coach.opening import open_judge
    from service.settings import Settings

    assert open_judge(Settings(judge_model=None)) is None


def test_the_table_says_which_criteria_must_pass_and_which_failed(tmp_path: Path) -> None:
    path = tmp_path / "statements.md"
    path.write_text(
        "## Discussion questions\n- The nurse waited four days.\n- The lead called back.\n"
        "- We answer within a day.\n",
        encoding="utf-8",
    )
    args = ["score", str(path), "--kind", "questions", "--language", "en", "--no-judge"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "must pass" in result.stdout and "FAIL (must pass)" in result.stdout
    assert "must-pass criteria failed: asks" in result.stdout
    report = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert report["failed_must_pass"] == ["asks"]
    by_id = {c["id"]: c for c in report["criteria"]}
    assert by_id["asks"]["must_pass"] is True and by_id["mix"]["must_pass"] is False


STORY = CORPUS / "stories" / "story-nurse-on-bike-why.md"


def test_faithfulness_is_scored_only_against_an_account(tmp_path: Path) -> None:
    args = ["score", str(STORY), "--kind", "story", "--no-judge", "--json"]
    alone = {c["id"]: c for c in json.loads(runner.invoke(app, args).stdout)["criteria"]}
    assert alone["faithful"]["passed"] is None  # unscored, not passed
    account = tmp_path / "account.md"
    account.write_text("I run customer service. A nurse waited for a reply.", encoding="utf-8")
    held = runner.invoke(app, [*args, "--account", str(account)])
    by_id = {c["id"]: c for c in json.loads(held.stdout)["criteria"]}
    assert by_id["faithful"]["passed"] is False and by_id["faithful"]["evidence"]
