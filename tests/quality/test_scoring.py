from __future__ import annotations

from pathlib import Path

import pytest

from service.knowledge.documents import Language
from service.quality import Judge, Rubric, ScoringContext, score_document
from tests.conftest import CORPUS
from tests.quality.fakes import QueuedJudgeModel, verdict

LESSON = CORPUS / "lessons" / "lesson-answer-within-one-day.md"
DUTCH_LESSON = CORPUS / "lessons" / "lesson-diagnose-before-ordering.md"


@pytest.mark.parametrize(("path", "language"), [(LESSON, Language.EN), (DUTCH_LESSON, Language.NL)])
def test_a_corpus_lesson_passes_the_deterministic_part(
    rubrics: dict[str, Rubric], path: Path, language: Language
) -> None:
    text = path.read_text(encoding="utf-8")
    result = score_document(text, rubrics["lesson"], context=ScoringContext(language=language))
    assert result.passed, result.reason
    deterministic = [c for c in result.criteria if c.checker != "judge"]
    assert all(c.passed for c in deterministic), [c for c in deterministic if not c.passed]
    assert not result.complete  # no judge: judged criteria are unscored, not passed
    assert {c.passed for c in result.criteria if c.checker == "judge"} == {None}
    report = result.report()
    assert report["pass"] is True and report["kind"] == "lesson"
    assert {"id", "passed", "reason", "evidence"} == set(report["criteria"][0])


def test_with_a_judge_every_criterion_is_scored(rubrics: dict[str, Rubric]) -> None:
    rubric = rubrics["lesson"]
    text = LESSON.read_text(encoding="utf-8")
    judged = [c for c in rubric.criteria if c.is_judged]
    model = QueuedJudgeModel(*[verdict(3, "a district nurse") for _ in judged])
    result = score_document(
        text, rubric, context=ScoringContext(language=Language.EN), judge=Judge(model)
    )
    assert result.complete and result.passed
    assert result.score == pytest.approx(1.0)
    assert result.judge_model == "fake-judge"


def test_a_failing_must_pass_criterion_fails_the_document(rubrics: dict[str, Rubric]) -> None:
    text = LESSON.read_text(encoding="utf-8")
    result = score_document(text, rubrics["lesson"], context=ScoringContext(language=Language.NL))
    assert not result.passed
    assert "language" in result.reason


@pytest.mark.parametrize("text", ["", "   \n", "---\nid: x\n---\n"])
def test_an_empty_document_fails_with_a_reason(rubrics: dict[str, Rubric], text: str) -> None:
    result = score_document(text, rubrics["story"])
    assert not result.passed and result.score == 0
    assert result.reason == "the document is empty"
    assert all(c.passed is False for c in result.criteria)


def test_garbage_is_scored_not_raised(rubrics: dict[str, Rubric]) -> None:
    result = score_document("\x00\x01 ### ** - 1. >>>", rubrics["questions"])
    assert result.passed is False
