from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.coach.questions import QuestionType, make_questions, question_types
from service.coach.story_source import load_story
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.quality import ScoringContext, load_rubrics, score_document
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words

RUBRIC = load_rubrics(Path(__file__).resolve().parents[2] / "evals" / "rubrics")["questions"]


def q(text: str) -> str:
    return json.dumps({"question": text})


ENGLISH = [
    q("Why do you think Dennis asked the junior to show everyone the log on Friday?"),
    q("What did you do the last time a newer colleague spotted something you missed?"),
    q("How will you find out this week what the newest person on your team does differently?"),
    q("What made the junior decide to speak up after only two weeks?"),
]
DUTCH = [
    q("Waarom gaf de leidinggevende Jonas een halfjaar lang alle accuklachten?"),
    q("Wat deed jij de laatste keer dat iemand in je team vertelde wat hij wilde leren?"),
    q("Hoe ga je deze week uitzoeken wat een collega in jouw team graag wil leren?"),
]


def rubric_failures(text: str, language: Language) -> list[str]:
    score = score_document(text, RUBRIC, context=ScoringContext(language=language))
    return [f"{c.id}: {c.reason}" for c in score.criteria if c.checker != "judge" and not c.passed]


def test_four_english_questions_mix_the_types(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = FakeModel(*ENGLISH)
    result = make_questions(model, demo, "demo", story)

    assert result.questions == [json.loads(r)["question"] for r in ENGLISH]
    assert [t.type for t in result.tagged] == [
        QuestionType.UNDERSTANDING,
        QuestionType.REFLECTION,
        QuestionType.APPLICATION,
        QuestionType.UNDERSTANDING,
    ]
    heading = load_words("questions", Language.EN)["heading"]
    assert f"## {heading}\n\n1. Why do you think" in result.text
    assert "\n4. What made the junior" in result.text
    assert result.citations == ["story-junior-error-logs"]
    assert result.meta.calls == 4 and result.meta.prompts == ["discussion-question@2"] * 4
    assert "reflection" in model.calls[1].messages[1]["content"]
    assert rubric_failures(result.text, Language.EN) == []


def test_code_chooses_the_first_words_and_constrains_decoding_to_them(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = FakeModel(*ENGLISH)
    make_questions(model, demo, "demo", story)
    patterns = [c.schema["properties"]["question"].get("pattern") for c in model.calls]  # type: ignore[index]
    openings = [p.split("[ ,]")[0] for p in patterns]
    assert openings == ["^Why", "^What did you do the last time", "^How", "^What"]


def test_dutch_questions_are_asked_in_dutch(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    model = FakeModel(*DUTCH)
    result = make_questions(model, demo, "demo", story, count=3)
    assert result.meta.prompts == ["discussion-question.nl@1"] * 3
    assert "Schrijf EEN gespreksvraag" in model.calls[0].messages[1]["content"]


def test_three_dutch_questions_pass_the_rubric(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    result = make_questions(FakeModel(*DUTCH), demo, "demo", story, count=3)
    assert result.language is Language.NL
    assert f"## {load_words('questions', Language.NL)['heading']}" in result.text
    assert rubric_failures(result.text, Language.NL) == []


def test_any_three_types_cover_the_mix() -> None:
    assert set(question_types(3)) == set(QuestionType)
    assert question_types(6) == [*QuestionType, *QuestionType]


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (q("Is it right that Dennis asked the junior to teach everyone?"), "should match pattern"),
        (
            q("Why do you think Dennis asked the junior to show everyone the log on Friday"),
            "question mark",
        ),
        (q("Why do you think Dennis asked Marloes to show the log?"), "Marloes"),
        (q("Why did the junior wait 14 days before saying anything?"), "14"),
    ],
)
def test_a_bad_question_is_retried_with_the_problem_named(
    demo: KnowledgeBase, bad: str, problem: str
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = FakeModel(bad, *ENGLISH)
    result = make_questions(model, demo, "demo", story)
    assert result.meta.retries == 1
    assert problem in model.calls[1].prompt


def test_a_repeat_with_another_opening_is_retried(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    again = q("What do you think Dennis asked the junior to show everyone the log on Friday?")
    model = FakeModel(*ENGLISH[:3], again, ENGLISH[3])
    make_questions(model, demo, "demo", story)
    assert "repeats an earlier question" in model.calls[4].prompt


def test_a_question_with_another_opening_is_retried(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = FakeModel(q("What made Dennis ask the junior to teach?"), *ENGLISH)
    make_questions(model, demo, "demo", story)
    assert "should match pattern" in model.calls[1].prompt


def test_a_dutch_question_that_stays_wrong_is_built_from_the_story(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    closed = q("Denk je dat Jonas gelijk had om te blijven?")
    model = FakeModel(*([closed] * 9))
    result = make_questions(model, demo, "demo", story, count=3)
    assert "^Waarom" in model.calls[1].prompt
    assert result.fallbacks == [
        "questions.1.understanding",
        "questions.2.reflection",
        "questions.3.application",
    ]
    assert [x.split()[0] for x in result.questions] == ["Waarom", "Wat", "Hoe"]
    assert all(x.endswith("?") and "“" in x for x in result.questions)
    score = score_document(result.text, RUBRIC, context=ScoringContext(language=Language.NL))
    assert score.passed, [c for c in score.criteria if c.passed is False]


def test_a_fourth_question_that_fails_is_left_out_and_the_good_ones_kept(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    repeat = ENGLISH[0]
    model = FakeModel(*ENGLISH[:3], repeat, repeat, repeat)
    result = make_questions(model, demo, "demo", story, count=4)
    assert len(result.questions) == 3 and result.fallbacks == []
    assert result.notes and "3 good questions, not 4" in result.notes[0]


def test_only_the_first_of_several_questions_is_kept(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    several = q("Why did Dennis ask the junior to teach? What changed after that Friday?")
    result = make_questions(FakeModel(several, *ENGLISH[1:]), demo, "demo", story)
    assert result.questions[0] == "Why did Dennis ask the junior to teach?"


def test_invalid_citations_are_removed_and_counted(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    cited = q("Why did Dennis live the value [value-made-up] when he asked the junior to teach?")
    model = FakeModel(cited, *ENGLISH[1:])
    result = make_questions(model, demo, "demo", story)
    assert result.meta.invalid_citations_removed == 1
    assert result.questions[0] == "Why did Dennis live the value when he asked the junior to teach?"
    assert "made-up" not in result.text


@pytest.mark.parametrize("count", [2, 7, 0, -1])
def test_count_outside_three_to_six_names_the_field(demo: KnowledgeBase, count: int) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = FakeModel()
    with pytest.raises(InvalidInput) as caught:
        make_questions(model, demo, "demo", story, count=count)
    assert caught.value.field == "count"
    assert model.calls == []


def test_unsupported_language_names_the_field(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    with pytest.raises(InvalidInput) as caught:
        make_questions(FakeModel(), demo, "demo", story, language="de")
    assert caught.value.field == "language"
