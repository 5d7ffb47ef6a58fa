from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from service.coach import questions as questions_module
from service.coach.making.fallbacks import story_sentences
from service.coach.making.sampling import SAMPLES, Candidate, sample_best
from service.coach.questions import (
    DiscussionQuestionDraft,
    QuestionType,
    make_questions,
    question_types,
)
from service.coach.story_source import load_story
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.quality import ScoringContext, load_rubrics, score_document
from service.quality.checks.questions import question_kind
from service.quality.publishable import PartContext, ReadPart, judge_parts
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.helpers.quotes import whole_sentences

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


def writer(*replies: str) -> FakeModel:
    """A model listed as writing freely: it writes the questions in every language (the
    embedded model writes none; its questions are built in frames)."""
    return FakeModel(*replies, writes_freely=True)


def detected(questions: list[str], story: str, language: Language) -> list[dict[Any, str]]:
    """What the publishability detectors find in each question of a set."""
    parts = [ReadPart(f"questions.{n}", x) for n, x in enumerate(questions, 1)]
    return [v.found for v in judge_parts(parts, PartContext(language, story))]


def rubric_failures(text: str, language: Language) -> list[str]:
    score = score_document(text, RUBRIC, context=ScoringContext(language=language))
    return [f"{c.id}: {c.reason}" for c in score.criteria if c.checker != "judge" and not c.passed]


def test_a_writing_model_writes_english_questions_that_mix_the_types(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = writer(*ENGLISH)
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
    assert result.meta.calls == 4 and result.meta.prompts == ["discussion-question@3"] * 4
    assert "reflection" in model.calls[1].messages[1]["content"]
    assert rubric_failures(result.text, Language.EN) == []


def test_code_chooses_the_first_words_and_constrains_decoding_to_them(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = writer(*ENGLISH)
    make_questions(model, demo, "demo", story)
    patterns = [c.schema["properties"]["question"].get("pattern") for c in model.calls]  # type: ignore[index]
    openings = [p.split("[ ,]")[0] for p in patterns]
    assert openings == ["^Why", "^What did you do the last time", "^How", "^What"]


@pytest.mark.parametrize(
    ("story_id", "language"),
    [("story-jonas-battery-specialist", Language.NL), ("story-junior-error-logs", Language.EN)],
)
def test_the_embedded_model_writes_no_question_they_are_built_in_frames(
    demo: KnowledgeBase, story_id: str, language: Language
) -> None:
    story = load_story(demo, "demo", story_id=story_id)
    model = FakeModel()  # any call would fail the test
    result = make_questions(model, demo, "demo", story, count=3)
    assert model.calls == [] and result.fallbacks == [] and result.notes == []
    assert result.language is language
    assert [question_kind(x) for x in result.questions] == ["why", "what", "how"]
    storyteller = {"ik", "mijn"} if language is Language.NL else {"i", "my"}
    for question in result.questions:
        (quote,) = re.findall(r"“([^”]+)”", question)
        assert whole_sentences(quote, story.text)  # whole sentences of the story, as told
        assert not storyteller & set(re.sub(r"“[^”]+”", "", question).lower().split())
    assert f"## {load_words('questions', language)['heading']}" in result.text
    assert rubric_failures(result.text, language) == []
    assert detected(result.questions, story.text, language) == [{}, {}, {}]


def test_a_model_that_writes_freely_writes_dutch_questions_with_the_dutch_prompt(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    model = writer(*DUTCH)
    result = make_questions(model, demo, "demo", story, count=3)
    assert result.meta.prompts == ["discussion-question.nl@2"] * 3
    assert "Schrijf EEN gespreksvraag" in model.calls[0].messages[1]["content"]
    assert result.questions == [json.loads(r)["question"] for r in DUTCH]
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
        (q("Why did I ask my manager if I could show him something?"), "storyteller"),
        (
            q("Why do you think every cut-out happened when the battery voltage dropped?"),
            "pastes 'every cut out happened when the battery voltage dropped",
        ),
        (q("Why did Dennis live the value [value-made-up] when he asked?"), "raw_id"),
    ],
)
def test_a_bad_candidate_is_refused_and_the_next_sample_taken(
    demo: KnowledgeBase, bad: str, problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = writer(bad, *ENGLISH)
    tried: list[Candidate[DiscussionQuestionDraft]] = []
    monkeypatch.setattr(questions_module, "sample_best", partial(sample_best, tried=tried))
    result = make_questions(model, demo, "demo", story)
    assert result.questions == [json.loads(r)["question"] for r in ENGLISH]
    assert problem in str(tried[0].problem) and tried[1].problem is None
    first, second = model.calls[:2]
    assert first.messages == second.messages  # the same prompt: its KV cache is reused
    assert (first.seed, second.seed) == (1, 2) and first.temperature == second.temperature == 0.7
    assert result.meta.retries == 1 and result.fallbacks == []


def test_a_repeat_with_another_opening_is_refused(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    again = q("What do you think Dennis asked the junior to show everyone the log on Friday?")
    model = writer(*ENGLISH[:3], again, ENGLISH[3])
    result = make_questions(model, demo, "demo", story)
    assert result.questions[3] == json.loads(ENGLISH[3])["question"]
    assert model.calls[3].messages == model.calls[4].messages


def test_a_question_no_written_candidate_passes_is_built_in_its_frame(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    storyteller = q("Why did I ask my manager if I could show him something?")
    model = writer(*([storyteller] * SAMPLES), *ENGLISH[1:])
    result = make_questions(model, demo, "demo", story)
    assert result.fallbacks == ["questions.1.understanding"]
    assert result.notes and "question" in result.notes[0]
    assert result.questions[0].startswith("The story says: “")
    assert result.questions[1:] == [json.loads(r)["question"] for r in ENGLISH[1:]]
    assert detected(result.questions, story.text, Language.EN) == [{}] * 4
    assert rubric_failures(result.text, Language.EN) == []


def test_a_question_is_left_out_only_when_the_story_has_no_sentence_left(
    demo: KnowledgeBase,
) -> None:
    short = (
        "Vorig jaar kwam een klant drie keer terug met dezelfde rammelende e-bike. Ik had eerst "
        "de monteur de schuld gegeven. We hebben twee nieuwe momentsleutels gekocht en bij elke "
        "werkbank een kaart met vijf controlepunten gehangen."
    )
    story = load_story(demo, "demo", story_text=short)
    result = make_questions(FakeModel(), demo, "demo", story, count=4)
    assert len(result.questions) == 3 and result.fallbacks == []
    assert result.notes and "3 goede vragen, geen 4" in result.notes[0]
    quotes = [re.findall(r"“([^”]+)”", x)[0] for x in result.questions]
    assert sorted(quotes) == sorted(story_sentences(short))  # each sentence once


def test_only_the_first_of_several_questions_is_kept(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    several = q("Why did Dennis ask the junior to teach? What changed after that Friday?")
    result = make_questions(writer(several, *ENGLISH[1:]), demo, "demo", story)
    assert result.questions[0] == "Why did Dennis ask the junior to teach?"


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


def test_a_question_that_echoes_the_prompts_description_is_refused(demo: KnowledgeBase) -> None:
    """Seen on gen-complaints-en-taxi-call: the model asked the prompt's own words back."""
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    echo = q("What happened in the story, and why people acted as they did?")
    tried: list[Candidate[DiscussionQuestionDraft]] = []
    model = writer(*ENGLISH[:3], echo, ENGLISH[3])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(questions_module, "sample_best", partial(sample_best, tried=tried))
        result = make_questions(model, demo, "demo", story)
    assert result.questions[3] == json.loads(ENGLISH[3])["question"]
    assert "prompt's description" in str(tried[3].problem)


def test_asked_in_the_other_language_questions_stay_in_their_storys_and_say_why(
    demo: KnowledgeBase,
) -> None:
    """Dutch frames around English quotes are half one language and half the other (labels-v9,
    wrong language): the questions are asked in the story's language, with a Dutch note."""
    story = load_story(demo, "demo", story_id="story-junior-error-logs")  # told in English
    result = make_questions(FakeModel(), demo, "demo", story, count=3, language="nl")
    assert result.language is Language.EN
    assert f"## {load_words('questions', Language.EN)['heading']}" in result.text
    note = load_words("fallbacks", Language.NL)["untranslated.note"].format(language="Engels")
    assert result.notes == [note]
    assert rubric_failures(result.text, Language.EN) == []


def test_a_model_that_writes_freely_answers_in_the_language_asked(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = FakeModel(answer=lambda m: DUTCH[0], writes_freely=True)
    result = make_questions(model, demo, "demo", story, count=3, language="nl")
    untranslated = load_words("fallbacks", Language.NL)["untranslated.note"]
    assert result.language is Language.NL
    assert untranslated.format(language="Engels") not in result.notes
