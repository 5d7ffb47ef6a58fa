"""``storycoach export lesson``: writes the file; bad input exits 2 naming what is wrong."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from service.cli import app
from service.settings import get_settings
from service.store import Database, LessonState, Role, get_lesson, upgrade_database
from tests.store.factories import add_lesson, add_person, add_story

runner = CliRunner()


def a_lesson(published: bool) -> int:
    database = upgrade_database(get_settings())
    with database.transaction() as session:
        leader = add_person(session, "demo", "Lee", Role.LEADER)
        lesson = add_lesson(session, leader, add_story(session, leader).id)
        if published:  # the review flow itself is tested elsewhere
            lesson.state, lesson.corpus_id = LessonState.PUBLISHED, "lesson-battery-1"
        lesson_id = lesson.id
    database.close()
    return lesson_id


def test_a_corpus_lesson_and_a_published_lesson_are_written(tmp_path: Path) -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 0
    target = tmp_path / "juniors.zip"
    result = runner.invoke(
        app,
        [
            "export",
            "lesson",
            "lesson-listen-to-juniors",
            "--format",
            "scorm12",
            "--out",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    manifest = zipfile.ZipFile(io.BytesIO(target.read_bytes())).read("imsmanifest.xml").decode()
    assert "Luister naar wie het dichtst bij het werk staat" in manifest
    lesson_id = a_lesson(published=True)
    markdown = tmp_path / "lesson.md"
    args = ["export", "lesson", str(lesson_id), "--format", "markdown", "--out", str(markdown)]
    assert runner.invoke(app, args).exit_code == 0
    database = Database.open(get_settings())
    with database.transaction() as session:
        assert markdown.read_text() == get_lesson(session, "demo", lesson_id).text + "\n"
    database.close()


def test_bad_input_exits_2_naming_the_field_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    unknown = runner.invoke(app, ["export", "lesson", "1", "--format", "pdf", "--out", str(target)])
    assert unknown.exit_code == 2 and "--format" in unknown.output
    draft = a_lesson(published=False)
    refused = runner.invoke(
        app, ["export", "lesson", str(draft), "--format", "cmi5", "--out", str(target)]
    )
    assert refused.exit_code == 2 and "not published" in refused.output
    missing = runner.invoke(
        app, ["export", "lesson", "999", "--org", "other", "--format", "cmi5", "--out", str(target)]
    )
    assert missing.exit_code == 2 and "not found" in missing.output
    nowhere = runner.invoke(
        app,
        ["export", "lesson", "1", "--format", "cmi5", "--out", str(tmp_path / "no" / "x.zip")],
    )
    assert nowhere.exit_code == 2 and "out" in nowhere.output
    assert not target.exists()
