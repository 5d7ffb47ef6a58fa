"""The coach's jobs in one registry: each job's name, what it takes and what it gives.

Every surface (the command line, the chat, the API, the eval runner, the benches) reaches a
job the same way, ``JOBS[name].run(model, knowledge, org, given)`` or ``.stream(...)``, with
``given`` the job's input type. So a job is named one way everywhere (its ``JobName``, which is
also its command and its eval name), and a new job is one entry here, not a branch in every
surface. The functions behind the entries (``write_story``, ``make_lesson``...) are the jobs'
own modules; they keep their keyword signatures for the tests that call them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from service.knowledge import KnowledgeBase
from service.vocabulary import Language, LessonKind

from .critique import Critique, critique_story, stream_critique
from .interview import Interview, interview
from .lesson import Lesson, make_lesson
from .making.steps import Delta
from .model import ChatModel
from .one_on_one import OneOnOneLesson, make_one_on_one
from .questions import DiscussionQuestions, make_questions
from .story import Story, stream_story, write_story
from .story_source import StorySource
from .structures import StoryStructure


class JobName(StrEnum):
    """A job's one name: the command that runs it (``storycoach one-on-one``) and the job an
    eval names (``--jobs one-on-one``)."""

    INTERVIEW = "interview"
    STORY = "story"
    CRITIQUE = "critique"
    LESSON = "lesson"
    ONE_ON_ONE = LessonKind.ONE_ON_ONE.dashed
    QUESTIONS = "questions"


@dataclass(frozen=True)
class InterviewInput:
    """What the interview takes: a priority (a corpus id, or the leader's own words)."""

    priority: str
    language: Language | None = None
    """Default: the priority's language."""


@dataclass(frozen=True)
class StoryInput:
    """What a story is written from: the priority and the leader's own account of it."""

    priority: str
    account: str
    structure: StoryStructure | None = None
    """Default: the coach picks one that fits the account."""
    language: Language | None = None
    """Default: the account's language."""


@dataclass(frozen=True)
class CritiqueInput:
    """A story the leader wrote (Markdown, an optional ``# title`` first), for feedback."""

    story_text: str
    language: Language | str | None = None


@dataclass(frozen=True)
class LessonInput:
    """The story a compact lesson is made from."""

    story: StorySource
    language: Language | str | None = None
    """Default: the story's language."""


@dataclass(frozen=True)
class OneOnOneInput:
    """The story a 1:1 lesson is made from, and the team member it is for."""

    story: StorySource
    goal: str
    """The team member's development goal, in their words."""
    role: str
    language: Language | str | None = None
    """Default: the goal's language, else the story's."""


@dataclass(frozen=True)
class QuestionsInput:
    """The story a team discusses, and how many questions to ask (3 to 6)."""

    story: StorySource
    count: int = 4
    language: Language | str | None = None
    """Default: the story's language."""


In = TypeVar("In")
Out = TypeVar("Out")


@dataclass(frozen=True)
class CoachJob(Generic[In, Out]):
    """One job: its name, its input and output types, and how to run it."""

    name: JobName
    input: type[In]
    output: type[Out]
    make: Callable[[ChatModel, KnowledgeBase, str, In], Out]
    streams: Callable[[ChatModel, KnowledgeBase, str, In], Iterator[Delta | Out]] | None = None
    """Text deltas while the model writes, then the output; ``None`` for a job that has no
    text to show before it is done."""

    def run(self, model: ChatModel, knowledge: KnowledgeBase, org: str, given: In) -> Out:
        """The job's output for ``given`` (raises as the job does: ``InvalidInput``,
        ``GenerationFailed``, ``ModelUnavailable``...)."""
        return self.make(model, knowledge, org, self._checked(given))

    def stream(
        self, model: ChatModel, knowledge: KnowledgeBase, org: str, given: In
    ) -> Iterator[Delta | Out]:
        """Deltas as the model writes, then the output; a job that does not stream yields
        its output alone."""
        given = self._checked(given)
        if self.streams is None:
            yield self.make(model, knowledge, org, given)
        else:
            yield from self.streams(model, knowledge, org, given)

    def _checked(self, given: In) -> In:
        if not isinstance(given, self.input):
            wrong = type(given).__name__
            raise TypeError(f"the {self.name} job takes {self.input.__name__}, not {wrong}")
        return given


def _interview(
    model: ChatModel, knowledge: KnowledgeBase, org: str, given: InterviewInput
) -> Interview:
    return interview(model, knowledge, org, given.priority, language=given.language)


def _story(model: ChatModel, knowledge: KnowledgeBase, org: str, given: StoryInput) -> Story:
    return write_story(
        model,
        knowledge,
        org,
        given.priority,
        given.account,
        structure=given.structure,
        language=given.language,
    )


def _story_stream(
    model: ChatModel, knowledge: KnowledgeBase, org: str, given: StoryInput
) -> Iterator[Delta | Story]:
    return stream_story(
        model,
        knowledge,
        org,
        given.priority,
        given.account,
        structure=given.structure,
        language=given.language,
    )


def _critique(
    model: ChatModel, knowledge: KnowledgeBase, org: str, given: CritiqueInput
) -> Critique:
    return critique_story(model, knowledge, org, given.story_text, language=given.language)


def _critique_stream(
    model: ChatModel, knowledge: KnowledgeBase, org: str, given: CritiqueInput
) -> Iterator[Delta | Critique]:
    return stream_critique(model, knowledge, org, given.story_text, language=given.language)


def _lesson(model: ChatModel, knowledge: KnowledgeBase, org: str, given: LessonInput) -> Lesson:
    return make_lesson(model, knowledge, org, given.story, language=given.language)


def _one_on_one(
    model: ChatModel, knowledge: KnowledgeBase, org: str, given: OneOnOneInput
) -> OneOnOneLesson:
    return make_one_on_one(
        model,
        knowledge,
        org,
        given.story,
        goal=given.goal,
        role=given.role,
        language=given.language,
    )


def _questions(
    model: ChatModel, knowledge: KnowledgeBase, org: str, given: QuestionsInput
) -> DiscussionQuestions:
    return make_questions(
        model, knowledge, org, given.story, count=given.count, language=given.language
    )


_ENTRIES: tuple[CoachJob[Any, Any], ...] = (
    CoachJob(JobName.INTERVIEW, InterviewInput, Interview, _interview),
    CoachJob(JobName.STORY, StoryInput, Story, _story, _story_stream),
    CoachJob(JobName.CRITIQUE, CritiqueInput, Critique, _critique, _critique_stream),
    CoachJob(JobName.LESSON, LessonInput, Lesson, _lesson),
    CoachJob(JobName.ONE_ON_ONE, OneOnOneInput, OneOnOneLesson, _one_on_one),
    CoachJob(JobName.QUESTIONS, QuestionsInput, DiscussionQuestions, _questions),
)

JOBS: Mapping[str, CoachJob[Any, Any]] = {job.name: job for job in _ENTRIES}
"""Every job by its ``JobName`` (or the same name as text: ``JOBS["one-on-one"]``), in the
order a leader meets them."""
