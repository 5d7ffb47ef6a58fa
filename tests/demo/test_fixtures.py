"""The demo data is checked when loaded: a mistake names its file and field, never half-seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from service.demo import load_history
from service.demo.fixtures import DATA
from service.errors import InvalidInput


def copy_of_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def test_the_shipped_data_loads() -> None:
    history = load_history()
    assert len(history.stories) >= 6 and len(history.lessons) >= 4


def test_a_step_back_in_time_is_refused(tmp_path: Path) -> None:
    folder = copy_of_data(tmp_path)
    lesson = folder / "lessons" / "date-you-checked.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("days_ago: 15.4", "days_ago: 25"), encoding="utf-8")
    with pytest.raises(InvalidInput, match="each step happens after the one before"):
        load_history(folder)


def test_someone_not_in_people_yaml_is_named(tmp_path: Path) -> None:
    folder = copy_of_data(tmp_path)
    story = folder / "stories" / "bristol-date-from-memory.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("author: Hannah Price", "author: Nobody Known"), "utf-8")
    with pytest.raises(InvalidInput, match="Nobody Known"):
        load_history(folder)


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    folder = copy_of_data(tmp_path)
    story = folder / "stories" / "bristol-date-from-memory.md"
    story.write_text("---\ntitle: [unclosed\n---\nText\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_history(folder)
    assert "bristol-date-from-memory.md" in refused.value.field
