"""The coach's one entrance: every job in ``JOBS``, run the same way, doing what its own
function does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import BaseModel

from service.coach import (
    JOBS,
    CritiqueInput,
    Delta,
    InterviewInput,
    JobName,
    LessonInput,
    OneOnOneInput,
    QuestionsInput,
    Story,
    StoryInput,
    StorySource,
)
from service.coach.critique import critique_story
from service.coach.interview import interview
from service.coach.lesson import make_lesson
from service.coach.one_on_one import make_one_on_one
from service.coach.questions import make_questions
from service.coach.story import write_story
from service.coach.story_source import load_story
from service.evaluation import Job
from service.knowledge import KnowledgeBase
from service.testing import InstantModel
from service.vocabulary import Language

PRIORITY = "priority-complaints-one-day"
ACCOUNT = (
    "Last March I ran customer service with a backlog of complaints. But I asked the team to "
    "work two weekends and told nobody why. So I stopped the overtime and we started a short "
    "huddle every morning. Since then most customers hear from us within a day. I learned "
    "that working longer hides the real problem."
)
GOAL = "I want to find faults faster with the diagnostics app"
ROLE = "mechanic in the Utrecht workshop"


def test_every_job_is_in_the_registry_under_its_one_name() -> None:
    assert list(JOBS) == list(JobName)
    assert [str(name) for name in JOBS] == [
        "interview",
        "story",
        "critique",
        "lesson",
        "one-on-one",
        "questions",
    ]
    for name, job in JOBS.items():
        assert job.name is name
        assert issubclass(job.output, BaseModel)
    assert JOBS["one-on-one"] is JOBS[JobName.ONE_ON_ONE]


def test_every_job_an_eval_runs_is_a_coach_job() -> None:
    assert {job.value for job in Job} <= {name.value for name in JobName}
    assert all(JOBS[job].name == job.value for job in Job)


def test_a_job_refuses_another_jobs_input(demo: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="the lesson job takes LessonInput, not InterviewInput"):
        JOBS[JobName.LESSON].run(InstantModel(), demo, "demo", InterviewInput(PRIORITY))


def _story(demo: KnowledgeBase) -> StorySource:
    return load_story(demo, "demo", story_id="story-junior-error-logs")


def _cases(demo: KnowledgeBase) -> list[tuple[JobName, object, Callable[[InstantModel], object]]]:
    story = _story(demo)
    draft = f"# Logs\n\n{story.text}"
    return [
        (
            JobName.INTERVIEW,
            InterviewInput(PRIORITY, Language.NL),
            lambda m: interview(m, demo, "demo", PRIORITY, language=Language.NL),
        ),
        (
            JobName.STORY,
            StoryInput(PRIORITY, ACCOUNT),
            lambda m: write_story(m, demo, "demo", PRIORITY, ACCOUNT),
        ),
        (
            JobName.CRITIQUE,
            CritiqueInput(draft),
            lambda m: critique_story(m, demo, "demo", draft),
        ),
        (
            JobName.LESSON,
            LessonInput(story, Language.EN),
            lambda m: make_lesson(m, demo, "demo", story, language=Language.EN),
        ),
        (
            JobName.ONE_ON_ONE,
            OneOnOneInput(story, goal=GOAL, role=ROLE),
            lambda m: make_one_on_one(m, demo, "demo", story, goal=GOAL, role=ROLE),
        ),
        (
            JobName.QUESTIONS,
            QuestionsInput(story, count=3),
            lambda m: make_questions(m, demo, "demo", story, count=3),
        ),
    ]


def test_each_job_through_the_registry_gives_what_its_function_gives(demo: KnowledgeBase) -> None:
    for name, given, direct in _cases(demo):
        through = JOBS[name].run(InstantModel(), demo, "demo", given)
        expected = direct(InstantModel())
        assert isinstance(through, JOBS[name].output)
        assert through == expected, name


def test_every_job_streams_and_ends_with_its_output(demo: KnowledgeBase) -> None:
    for name, given, _ in _cases(demo):
        events = list(JOBS[name].stream(InstantModel(), demo, "demo", given))
        assert isinstance(events[-1], JOBS[name].output), name
        assert all(isinstance(e, Delta) for e in events[:-1]), name
    story_events = list(
        JOBS[JobName.STORY].stream(InstantModel(), demo, "demo", StoryInput(PRIORITY, ACCOUNT))
    )
    assert any(isinstance(e, Delta) for e in story_events)  # the story streams as it is written
    assert isinstance(story_events[-1], Story)
