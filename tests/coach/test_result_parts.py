"""Who wrote each part of a lesson, a 1:1 lesson and a question set, as a reviewer sees it."""

from __future__ import annotations

import json

import pytest

from service.coach.lesson import make_lesson
from service.coach.making.parts import MissingPart, Origin
from service.coach.one_on_one import make_one_on_one
from service.coach.questions import make_questions
from service.coach.result_parts import (
    ResultParts,
    lesson_parts,
    part_key,
    question_parts,
    read_result_parts,
)
from service.coach.story_source import load_story
from service.knowledge import KnowledgeBase
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.helpers.coach_replies import GOAL as GOAL_EN
from tests.helpers.coach_replies import LESSON as ENGLISH
from tests.helpers.coach_replies import ONE_ON_ONE, selecting, writer
from tests.helpers.coach_replies import SELECTED_LESSON_WRITTEN as EN_WRITTEN
from tests.helpers.coach_replies import field_reply as reply
from tests.helpers.coach_replies import question_reply as q

LESSON_KEYS = [
    "objective",
    "why_it_matters",
    "key_point-1",
    "key_point-2",
    "key_point-3",
    "practice",
    "reflection",
    "recall",
]


def test_a_written_lesson_lists_every_part_in_reading_order_as_the_coachs(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    lesson = make_lesson(writer(*ENGLISH), demo, "demo", story)
    kept = lesson_parts(lesson)

    assert [p.key for p in kept.parts] == LESSON_KEYS
    assert {p.origin for p in kept.parts} == {Origin.COACH}
    assert kept.fallbacks == [] and kept.notes == [] and kept.missing == []
    headings = load_words("lesson", Language.EN).section("headings")
    assert [p.label for p in kept.parts][:3] == [
        headings["objective"],
        headings["why"],
        headings["key_points"],
    ]
    positions = [lesson.text.index(p.text) for p in kept.parts]
    assert positions == sorted(positions)  # each part is in the Markdown, in its order


def test_a_stand_in_is_marked_with_its_own_note(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    closed = reply("question", "Did you ever ignore a junior?")
    lesson = make_lesson(
        writer(*ENGLISH[:6], closed, closed, closed, ENGLISH[7]), demo, "demo", story
    )
    kept = lesson_parts(lesson)

    reflection = next(p for p in kept.parts if p.key == "reflection")
    assert reflection.origin is Origin.FALLBACK and reflection.text == lesson.reflection
    assert reflection.note == lesson.notes[0] and "reflection question" in reflection.note
    assert kept.fallbacks == ["reflection"]
    assert all(p.note is None for p in kept.parts if p is not reflection)


def test_every_stand_in_of_a_dutch_lesson_has_its_note_in_dutch(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    english = FakeModel(answer=lambda m: ENGLISH[0], writes_freely=True)  # all in English
    lesson = make_lesson(english, demo, "demo", story, language="nl")
    kept = lesson_parts(lesson)

    assert kept.fallbacks == LESSON_KEYS
    assert [p.note for p in kept.parts] == lesson.notes
    assert all(p.note and "De coach" in p.note for p in kept.parts)
    assert kept.parts[0].label == load_words("lesson", Language.NL)["headings.objective"]


def test_a_chosen_sentence_of_the_story_is_the_leaders(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    lesson = make_lesson(selecting(*EN_WRITTEN), demo, "demo", story)
    origins = {p.key: p.origin for p in lesson_parts(lesson).parts}

    assert origins.pop("recall") is Origin.COACH  # the one part the model wrote
    assert set(origins.values()) == {Origin.LEADER}


def test_a_one_on_one_adds_the_meeting_point_and_the_next_step(demo: KnowledgeBase) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    undated = reply("next_step", "Read the log of the next bike that cuts out and show me.")
    model = writer(*ONE_ON_ONE[:9], undated, undated, undated)
    result = make_one_on_one(model, demo, "demo", story, goal=GOAL_EN, role="junior mechanic")
    kept = lesson_parts(result)

    keys = [p.key for p in kept.parts]
    assert keys[:3] == ["objective", "why_it_matters", "goal_and_priority"]
    assert keys[-4:] == ["practice", "next_step", "reflection", "recall"]
    meet = kept.parts[2]
    assert meet.text == result.goal_and_priority and meet.origin is Origin.COACH
    assert kept.fallbacks == ["next_step"]
    assert kept.parts[-3].note == result.notes[0]


def test_questions_built_from_the_story_are_stand_ins_with_their_notes(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-jonas-battery-specialist")
    closed = q("Denk je dat Jonas gelijk had om te blijven?")
    writes_dutch = FakeModel(answer=lambda _: closed, writes_freely=True)  # frames are fallbacks
    result = make_questions(writes_dutch, demo, "demo", story, count=3)
    kept = question_parts(result)

    assert [p.key for p in kept.parts] == ["question-1", "question-2", "question-3"]
    assert [p.text for p in kept.parts] == result.questions
    assert kept.fallbacks == ["question-1", "question-2", "question-3"]
    assert [p.note for p in kept.parts] == result.notes
    assert {p.label for p in kept.parts} == {load_words("questions", Language.NL)["heading"]}


def test_a_note_that_belongs_to_no_question_stays_a_note_of_the_set(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    good = [
        q("Why do you think Dennis asked the junior to show everyone the log on Friday?"),
        q("What did you do the last time a newer colleague spotted something you missed?"),
        q("How will you find out this week what the newest person on your team does?"),
    ]
    made = make_questions(FakeModel(*good), demo, "demo", story, count=3)
    too_few = load_words("questions", Language.EN)["too_few"].format(found=3, asked=4)
    result = made.model_copy(update={"notes": [*made.notes, too_few]})  # as when frames ran out
    kept = question_parts(result)

    assert len(kept.parts) == 3 and kept.fallbacks == []
    assert {p.origin for p in kept.parts} == {Origin.COACH}
    assert kept.notes == result.notes and "3 good questions, not 4" in kept.notes[0]


@pytest.mark.parametrize(
    ("step", "key"),
    [
        ("lesson.objective", "objective"),
        ("lesson.why", "why_it_matters"),
        ("lesson.key_point.2", "key_point-2"),
        ("one_on_one.meet", "goal_and_priority"),
        ("one_on_one.next_step", "next_step"),
        ("questions.3.application", "question-3"),
        ("translation", None),
        ("lesson.unknown", None),
    ],
)
def test_each_step_names_the_part_it_wrote(step: str, key: str | None) -> None:
    assert part_key(step) == key


def test_parts_the_coach_lists_as_missing_are_kept_with_their_question(
    demo: KnowledgeBase,
) -> None:
    story = load_story(demo, "demo", story_id="story-junior-error-logs")
    lesson = make_lesson(writer(*ENGLISH), demo, "demo", story)
    asked = MissingPart(name="practice", label="Practice", question="What should they try?")
    kept = lesson_parts(lesson.model_copy(update={"missing": [asked]}))
    assert [(m.name, m.label, m.question) for m in kept.missing] == [
        ("practice", "Practice", asked.question)
    ]
    assert "practice" not in {p.name for p in kept.parts}  # shown as missing, not as a part


def test_kept_parts_read_back_and_broken_ones_read_as_none() -> None:
    kept = ResultParts(notes=["a note"])
    assert read_result_parts(json.loads(json.dumps(kept.as_json()))) == kept
    assert read_result_parts(None) == ResultParts()
    assert read_result_parts({"parts": [{"name": "x"}]}) == ResultParts()
