from __future__ import annotations

from pathlib import Path

import pytest

from service.quality import RubricError, load_rubric, load_rubrics
from tests.conftest import RUBRICS

GOOD = """\
id: tiny
version: 1
kind: lesson
title: Tiny
criteria:
  - id: length
    description: Short.
    checker: word_count
    params: {max_words: 400}
    weight: 1
    levels:
      - {score: 0, anchor: long}
      - {score: 1, anchor: short}
  - id: why
    description: Explains why.
    checker: judge
    weight: 2
    levels:
      - {score: 0, anchor: absent}
      - {score: 1, anchor: some}
      - {score: 2, anchor: clear}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_rubrics_load_one_per_kind() -> None:
    book = load_rubrics(RUBRICS)
    assert set(book) == {"story", "lesson", "one_on_one", "questions", "interview"}
    for rubric in book.values():
        assert rubric.version >= 1
        assert any(c.is_judged for c in rubric.criteria)
        assert any(not c.is_judged for c in rubric.criteria)


def test_a_good_rubric_loads(tmp_path: Path) -> None:
    rubric = load_rubric(_write(tmp_path, GOOD))
    assert rubric.key == "tiny@v1"
    assert rubric.criterion("why").passing_score == 1  # one below the top of three levels
    assert rubric.criterion("length").passing_score == 1


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (("checker: word_count", "checker: wordcount"), "criteria[0].checker", "unknown checker"),
        (("id: why", "id: length"), "criteria[1].id", "duplicate id 'length'"),
        (("weight: 2", "weight: heavy"), "criteria[1].weight", "must be a number"),
        (("weight: 1", "weight: true"), "criteria[0].weight", "must be a number"),
        (("{max_words: 400}", "{max_words: many}"), "criteria[0].params.max_words", "integer"),
        (("{max_words: 400}", "{max_wrds: 4}"), "criteria[0].params.max_wrds", "not permitted"),
        (("version: 1", "version: one"), "version", "integer"),
    ],
)
def test_a_bad_rubric_names_the_file_and_the_field(
    tmp_path: Path, change: tuple[str, str], field: str, reason: str
) -> None:
    path = _write(tmp_path, GOOD.replace(*change, 1))
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"{field}:" in message
    assert reason in message


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("title: Tiny", "title: [Tiny"))
    with pytest.raises(RubricError, match=r"tiny.yaml: line \d+"):
        load_rubric(path)


def test_two_rubrics_for_one_kind_are_an_error(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    (tmp_path / "other.yaml").write_text(GOOD.replace("id: tiny", "id: other"), "utf-8")
    with pytest.raises(RubricError, match="a second rubric for 'lesson'"):
        load_rubrics(tmp_path)


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="no such folder"):
        load_rubrics(tmp_path / "nope")
