"""The coach: six jobs, one entrance.

``JOBS`` names every job and says what it takes and gives (``jobs.py``); the command line, the
chat, the API and the eval runner all run a job through it::

    from service.coach import JOBS, JobName, LessonInput

    lesson = JOBS[JobName.LESSON].run(model, knowledge, org, LessonInput(story))

The jobs, each a module of this folder: ``interview`` (questions that draw out the leader's
experience), ``story`` (their account shaped into a story), ``critique`` (feedback on a story
they wrote), ``lesson``, ``one_on_one`` (a lesson for one team member's goal) and
``questions`` (for a team's discussion). What they start from: ``priority``, ``story_source``,
``structures``; the model they write with: ``model``, ``opening``; who wrote each part, as
kept: ``result_parts``. How they are made, step by step, is in ``making/`` (docs/architecture.md,
"The coach's pipeline").
"""

from .critique import Critique
from .interview import Interview
from .jobs import (
    JOBS,
    CoachJob,
    CritiqueInput,
    InterviewInput,
    JobName,
    LessonInput,
    OneOnOneInput,
    QuestionsInput,
    StoryInput,
)
from .lesson import Lesson
from .making.parts import Origin, Part
from .making.sources import ResultMeta
from .making.steps import Delta
from .model import ChatModel
from .one_on_one import OneOnOneLesson
from .questions import DiscussionQuestions
from .story import Story, told_text
from .story_source import StorySource
from .structures import StoryStructure

__all__ = [
    "JOBS",
    "ChatModel",
    "CoachJob",
    "Critique",
    "CritiqueInput",
    "Delta",
    "DiscussionQuestions",
    "Interview",
    "InterviewInput",
    "JobName",
    "Lesson",
    "LessonInput",
    "OneOnOneInput",
    "OneOnOneLesson",
    "Origin",
    "Part",
    "QuestionsInput",
    "ResultMeta",
    "Story",
    "StoryInput",
    "StorySource",
    "StoryStructure",
    "told_text",
]
