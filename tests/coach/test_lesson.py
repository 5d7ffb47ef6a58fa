from __future__ import annotations

from pathlib import Path

import pytest

from service.coach.lesson import make_lesson
from service.coach.making.field_steps import objective_shape
from service.coach.story_source import load_story
from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.knowledge.citations import cite
from service.quality import ScoringContext, load_rubrics, score_document
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.helpers.coach_replies import LESSON as ENGLISH
from tests.helpers.coach_replies import LESSON_WHY as WHY_EN
from tests.helpers.coach_replies import field_reply as reply
from tests.helpers.coach_replies import writer

PARTS = ("objective", "why", "key_points", "practice", "reflection", "recall")

RUBRICS = load_rubrics(Path(__file__).resolve().parents[2] / "evals" / "rubrics")


WHY_NL = (
    "Jonas Maes zei in zijn kwartaalgesprek dat hij iets met accu's wilde doen. Hij kreeg "
    "een halfjaar alle accuklachten en twee dagen training bij de celleverancier. "
    "Het aantal terugkomers door een verkeerde accudiagnose in Antwerpen daalde van 24 naar 7 "
    "per kwartaal, en Jonas is gebleven."
)
DUTCH = [
    reply(
        "objective",
        "in een ontwikkelgesprek het leerdoel van een medewerker in zijn eigen woorden opschrijven",
    ),
    reply("why", WHY_NL),
    reply(
        "point", "Vraag waar iemand over twee jaar wil staan en luister naar het concrete antwoord."
    ),
    reply("point", "Koppel dat doel aan werk dat het team nu toch al moet doen."),
    reply("point", "Spreek een grens af als het leren het werk te veel vertraagt."),
    reply(
        "practice",
        "Schrijf voor je volgende gesprek op wat je denkt dat een medewerker wil leren. Vraag "
        "het daarna aan hem of haar, vergelijk de twee en spreek deze week een eerste stap af.",
    ),
    reply("question", "Wiens ambitie in je team heb je al gehoord, maar nog niets mee gedaan?"),
    reply("question", "Welke stap heb je in je laatste gesprek afgesproken, en is die er gekomen?"),
]


def deterministic_failures(text: str, kind: str, context: ScoringContext) -> list[str]:
    score = score_document(text, RUBRICS[kind], context=context)
    return [
        f"{c.id}: {c.reason}" for c in score.criteria if c.checker != "judge" and c.passed is False
    ]


def test_english_lesson_from_a_corpus_story(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = writer(*ENGLISH)
    lesson = make_lesson(model, demo, "demo", story)

    assert lesson.language is Language.EN
    said = load_words("lesson", Language.EN)
    assert lesson.objective.startswith(f"{said['stems.lesson']} read a motor error log")
    assert len(lesson.key_points) == 3
    for part in PARTS:
        assert f"\n## {said[f'headings.{part}']}\n" in lesson.text
    assert lesson.citations[0] == "story-junior-error-logs"
    assert len(lesson.citations) == 2 and lesson.citations[1].startswith("value-")
    assert set(lesson.citations) <= set(lesson.meta.retrieved)
    assert lesson.meta.calls == 8 and lesson.meta.retries == 0
    assert lesson.meta.invalid_citations_removed == 0
    assert lesson.meta.prompts[0] == "lesson-objective@2"
    first_prompt = model.calls[0].messages[1]["content"]
    assert "<<<STORY" in first_prompt and said["stems.lesson"] in first_prompt


def test_english_lesson_passes_the_deterministic_rubric(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    lesson = make_lesson(writer(*ENGLISH), demo, "demo", story)
    context = ScoringContext(
        language=Language.EN,
        allowed_sources=frozenset(lesson.meta.retrieved),
        source_texts=(story.text,),
    )
    assert deterministic_failures(lesson.text, "lesson", context) == []


def test_dutch_lesson_uses_the_dutch_headings_and_passes_the_rubric(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    lesson = make_lesson(writer(*DUTCH), demo, "demo", story)
    assert lesson.language is Language.NL
    said = load_words("lesson", Language.NL)
    assert lesson.objective.startswith(f"{said['stems.lesson']} in een ontwikkelgesprek")
    for part in PARTS:
        assert f"\n## {said[f'headings.{part}']}\n" in lesson.text
    linked = cite(story.title, "story-jonas-battery-specialist")
    assert f"Gebaseerd op het verhaal “{linked}”." in lesson.text  # a link, not a raw id
    context = ScoringContext(language=Language.NL, allowed_sources=frozenset(lesson.meta.retrieved))
    assert deterministic_failures(lesson.text, "lesson", context) == []


def test_the_requested_language_is_held_to_and_every_part_falls_back_honestly(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    english = FakeModel(answer=lambda m: ENGLISH[0], writes_freely=True)  # all in English
    lesson = make_lesson(english, demo, "demo", story, language="nl")
    prompt = english.calls[0].messages[1]["content"]
    stem = load_words("lesson", Language.NL)["stems.lesson"]
    assert stem in prompt and "Nederlands" in prompt
    assert lesson.language is Language.NL and lesson.objective.startswith(stem)
    assert "read a motor error log" not in lesson.text
    assert lesson.fallbacks == [
        "lesson.objective",
        "lesson.why",
        "lesson.key_point.1",
        "lesson.key_point.2",
        "lesson.key_point.3",
        "lesson.practice",
        "lesson.reflection",
        "lesson.recall",
    ]
    assert len(lesson.notes) == 8 and all("lesson." not in n for n in lesson.notes)
    assert lesson.meta.calls == 6 * 3 + 2 * 2  # three candidates a part; two for why and practice
    result = score_document(
        lesson.text, RUBRICS["lesson"], context=ScoringContext(language=Language.NL)
    )
    failed = [c.criterion for c in result.criteria if c.passed is False]
    assert "language" not in failed and "objective" not in failed and "concrete" not in failed


def test_a_vague_verb_is_retried_with_the_problem_named(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    vague = reply("objective", "understand why listening to juniors matters")
    model = writer(vague, *ENGLISH)
    lesson = make_lesson(model, demo, "demo", story)
    assert lesson.meta.retries == 1 and lesson.meta.calls == 9
    retry = model.calls[1].prompt
    assert "'understand' cannot be observed" in retry


def test_a_question_that_stays_closed_is_built_from_the_story_instead(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    closed = reply("question", "Did you ever ignore a junior?")
    model = writer(*ENGLISH[:6], closed, closed, closed, ENGLISH[7])
    lesson = make_lesson(model, demo, "demo", story)
    assert lesson.fallbacks == ["lesson.reflection"]
    assert lesson.reflection.endswith("?") and "ignore a junior" not in lesson.reflection
    assert "“" in lesson.reflection  # it quotes a phrase of the story
    retry = model.calls[7].prompt
    assert "yes or no" in retry


@pytest.mark.parametrize(
    ("invented", "named"),
    [
        ("In her second week the junior saw a €500 controller fail twice on a Kade.", "500"),
        (
            "In her second week, the junior showed Pieterjan how the log works on a Kade.",
            "Pieterjan",
        ),
    ],
)
def test_invented_numbers_and_names_are_rejected(
    demo: KnowledgeBase, invented: str, named: str
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    padded = (
        f"{invented} The real cause was a loose battery contact that the log showed. That month "
        "three senior mechanics asked her to go through the logs with them."
    )
    model = writer(ENGLISH[0], reply("why", padded), *ENGLISH[1:])
    lesson = make_lesson(model, demo, "demo", story)
    retry = model.calls[2].prompt
    assert named in retry and ("not contain" in retry or "story does not" in retry)
    assert named not in lesson.text


def test_invalid_citations_are_removed_and_counted(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    made_up = reply("why", WHY_EN + " [value-made-up] [story-not-retrieved]")
    model = writer(ENGLISH[0], made_up, *ENGLISH[2:])
    lesson = make_lesson(model, demo, "demo", story)
    assert lesson.meta.invalid_citations_removed == 2
    assert "value-made-up" not in lesson.text and "story-not-retrieved" not in lesson.text
    assert lesson.citations == ["story-junior-error-logs"]


def test_a_leaders_own_story_cites_nothing_of_its_own(demo: KnowledgeBase) -> None:
    text = (
        "# I showed my boss the logs\n\n"
        + load_story(demo, "demo", story_id="story-junior-error-logs").text
    )
    story = load_story(demo, "demo", story_text=text)
    lesson = make_lesson(writer(*ENGLISH), demo, "demo", story)
    assert lesson.story_id is None
    assert "Built on the leader's own story." in lesson.text
    assert all(c.startswith("value-") for c in lesson.citations)


def test_unknown_story_id_names_the_field(demo: KnowledgeBase) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_story(demo, "demo", story_id="story-does-not-exist")
    assert caught.value.field == "story"


def test_unsupported_language_names_the_field(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    model = writer()
    with pytest.raises(InvalidInput) as caught:
        make_lesson(model, demo, "demo", story, language="fr")
    assert caught.value.field == "language"
    assert model.calls == []


@pytest.mark.parametrize(
    "rest",
    [
        "Je kan de deelnemer na deze les de volgende acties uitvoeren:",
        "You will be able to explain the log",
        "explain to the learner what this lesson covers",
    ],
)
def test_an_objective_that_does_not_go_on_from_its_stem_is_asked_again(rest: str) -> None:
    assert objective_shape(rest, Language.NL) is not None
    assert objective_shape("een accuklacht zelf diagnosticeren", Language.NL) is None
    assert objective_shape("read a motor error log and explain it", Language.EN) is None
