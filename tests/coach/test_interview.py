from __future__ import annotations

import pytest

from service.coach.interview import (
    InterviewQuestionDraft,
    beat_words,
    check_question,
    interview,
    standard_question,
)
from service.coach.structures import Beat
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.knowledge.languages import detect_language
from service.testing import FakeModel
from service.vocabulary import Language
from tests.helpers.coach_replies import INTERVIEW as ENGLISH
from tests.helpers.coach_replies import question_reply as q

OPENINGS = [beat_words(beat, Language.EN).opening for beat in Beat]
"""The words each beat's question must start with, in the beats' order."""


def test_one_question_per_beat_from_a_corpus_priority(demo: KnowledgeBase) -> None:
    model = FakeModel(*ENGLISH)
    result = interview(model, demo, "demo", "priority-complaints-one-day")
    assert [x.beat.value for x in result.questions] == [
        "situation",
        "setback",
        "action",
        "change",
        "why",
    ]
    assert result.questions[0].question.startswith(OPENINGS[0])
    assert result.language is Language.EN
    assert result.citations == ["priority-complaints-one-day"]
    assert result.meta.calls == 5 and result.meta.retries == 0
    assert result.meta.prompts == ["interview-question@2"] * 5
    first_prompt = model.calls[0].messages[1]["content"]
    assert "<<<PRIORITY" in first_prompt and "one working day" in first_prompt
    assert model.calls[0].schema["required"] == ["question"]  # type: ignore[index]
    patterns = [c.schema["properties"]["question"]["pattern"] for c in model.calls]  # type: ignore[index]
    assert [p.split("[ ,]")[0] for p in patterns] == [f"^{o}" for o in OPENINGS]


def test_a_question_with_another_opening_is_retried(demo: KnowledgeBase) -> None:
    model = FakeModel(q("Did you ever miss a deadline?"), *ENGLISH)
    result = interview(model, demo, "demo", "Answer every complaint within a day")
    assert result.meta.retries == 1
    retry = model.calls[1].messages[-1]["content"]  # type: ignore[index]
    assert f"should match pattern '^{OPENINGS[0]}" in retry


def test_dutch_priority_gets_dutch_questions_even_when_the_model_answers_english(
    demo: KnowledgeBase,
) -> None:
    english = q("Waar was je when the complaints last piled up?")
    model = FakeModel(*([english] * 15))
    result = interview(model, demo, "demo", "Elke klacht binnen een werkdag beantwoorden")
    assert model.calls[0].messages[1]["content"].startswith("De prioriteit")
    assert "Nederlands" in model.calls[1].prompt
    assert len(result.fallbacks) == 5 and result.fallbacks[0] == "interview.situation"
    assert all(detect_language(x.question) is Language.NL for x in result.questions)
    assert [x.question for x in result.questions] == [
        standard_question(beat, Language.NL) for beat in Beat
    ]


@pytest.mark.parametrize("language", list(Language))
def test_the_coachs_own_questions_pass_the_checks_a_models_must(language: Language) -> None:
    for beat in Beat:
        question = InterviewQuestionDraft(question=standard_question(beat, language))
        assert check_question(question, language) is None, beat


def test_unparseable_reply_is_retried(demo: KnowledgeBase) -> None:
    model = FakeModel("not json", *ENGLISH)
    assert interview(model, demo, "demo", "Answer complaints fast").meta.retries == 1


@pytest.mark.parametrize(
    ("priority", "error", "field"),
    [
        ("", InvalidInput, "priority"),
        ("word " * 301, InvalidInput, "priority"),
        ("priority-does-not-exist", InvalidInput, "priority"),
        ("priority-complaints-one-day", None, None),
    ],
)
def test_bad_priority(
    demo: KnowledgeBase, priority: str, error: type | None, field: str | None
) -> None:
    model = FakeModel(*ENGLISH)
    if error is None:
        interview(model, demo, "demo", priority)
        return
    with pytest.raises(error) as caught:
        interview(model, demo, "demo", priority)
    if field:
        assert caught.value.field == field  # type: ignore[attr-defined]
    assert model.calls == []


def test_a_story_id_is_not_a_priority(demo: KnowledgeBase) -> None:
    with pytest.raises(InvalidInput, match="is a story"):
        interview(
            FakeModel(), demo, "demo", "priority-x".replace("priority-x", "story-junior-error-logs")
        )
