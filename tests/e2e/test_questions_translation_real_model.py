"""Discussion questions and a translation held to the account, with the real embedded model.

Slow (minutes on 2 cores). Sampling is seeded, so results repeat. They hold the real model's
output to what the detectors and the translation check refuse: a question asked as the
storyteller or with a pasted phrase, a translated sentence that changed a number, a unit of
time, a month or a name (issue 18's alarm account).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from service.coach.making.translation import untranslated_note
from service.coach.questions import make_questions
from service.coach.story import write_story
from service.coach.story_source import load_story
from service.quality.publishable import PartContext, ReadPart, judge_parts
from service.quality.publishable.facts import facts
from service.quality.signals import sentences
from service.vocabulary import Language

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
ALARM = (
    "When a client fell in the bathroom in May, I found out that the alarm button had been "
    "broken for two weeks. I reported it that Monday and we added the alarm button to the "
    "weekly checklist."
)


def test_english_questions_of_the_embedded_coach_pass_the_detectors(embedded_coach: tuple) -> None:  # type: ignore[type-arg]
    model, knowledge = embedded_coach
    story = load_story(knowledge, "demo", story_id="story-junior-error-logs")
    result = make_questions(model, knowledge, "demo", story)
    assert len(result.questions) == 4 and result.meta.calls == 0  # built in frames
    parts = [ReadPart(f"questions.{n}", q) for n, q in enumerate(result.questions, 1)]
    found = [v.found for v in judge_parts(parts, PartContext(Language.EN, story.text))]
    assert found == [{}] * 4, list(zip(result.questions, found, strict=True))
    print(f"questions: {result.questions}; fallbacks: {result.fallbacks}")


def test_the_alarm_account_asked_in_dutch_keeps_every_fact_or_stays_english(
    embedded_coach: tuple,  # type: ignore[type-arg]
) -> None:
    model, knowledge = embedded_coach
    story = write_story(
        model, knowledge, "demo", "priority-first-time-fix", ALARM, language=Language.NL
    )
    told = " ".join(s.text for s in story.sections)
    if story.language is Language.NL:
        assert "translation" not in story.fallbacks
        assert facts(told) == facts(ALARM)  # two weeks, May, Monday, weekly: all kept
        assert len(sentences(told)) == len(sentences(ALARM))
    else:
        assert story.language is Language.EN
        assert sorted(sentences(told)) == sorted(sentences(ALARM))  # as the leader wrote it
        assert story.notes[0] == untranslated_note(Language.NL, Language.EN)
    print(f"alarm story in {story.language.value}: {told}")
