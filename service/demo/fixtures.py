"""The demo's history as data: people, stories and lessons in Markdown files with front matter.

Versioned files in the package (``service/demo/data/``), not Python: a writer edits a story or
a lesson the way the corpus is edited, and the texts are read as leaders wrote them. Moments
are given in days before seeding (``days_ago``), so a demo seeded today shows a history of the
last weeks, not of a fixed date that grows stale. Everything is checked when loaded: a lesson's
story, every person named, and that each lesson's steps happen in order after it was made.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from service.errors import InvalidInput
from service.store.enums import Role
from service.vocabulary import Language, LessonKind

DATA = Path(__file__).parent / "data"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.DOTALL)

DaysAgo = Annotated[float, Field(gt=0, le=365)]
"""How many days before seeding something happened (fractions are hours: 2.25 = 2 days, 6 h)."""


class Fixture(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemoPerson(Fixture):
    name: str
    role: Role
    locale: Language
    about: str = ""
    """Who they are in the company (for the people reading the data file)."""
    team: str | None = None
    """Their team: a leader's story told for the team only is read there."""


class DemoReflection(Fixture):
    by: str
    days_ago: DaysAgo
    text: str


class DemoQuestions(Fixture):
    by: str
    days_ago: DaysAgo
    questions: list[str] = Field(min_length=3, max_length=6)


class DemoStory(Fixture):
    key: str
    """The file's name: how lessons name their story."""
    author: str
    title: str
    language: Language
    values: list[str] = Field(min_length=1)
    citations: list[str] = Field(default_factory=list)
    core_message: str
    saved_days_ago: DaysAgo
    published_days_ago: DaysAgo | None = None
    """``None``: a draft only its author sees."""
    reflections: list[DemoReflection] = Field(default_factory=list)
    questions: list[DemoQuestions] = Field(default_factory=list)
    text: str

    @model_validator(mode="after")
    def _in_order(self) -> DemoStory:
        published = self.published_days_ago
        if published is not None and published > self.saved_days_ago:
            raise ValueError("published_days_ago: a story is published after it is saved")
        later = [x.days_ago for x in self.reflections] + [x.days_ago for x in self.questions]
        if later and published is None:
            raise ValueError("reflections and questions are for published stories")
        if any(published is not None and days_ago > published for days_ago in later):
            raise ValueError("reflections and questions come after the story was published")
        return self


Action = Literal["submit", "approve", "request_changes", "reject", "edit", "publish"]


class LessonStep(Fixture):
    """One move in a lesson's review, by one person (``service.review`` does it)."""

    action: Action
    by: str
    days_ago: DaysAgo
    comment: str | None = None
    replace: str | None = None
    """``edit`` only: the passage of the lesson's text that is changed..."""
    with_: str | None = Field(default=None, alias="with")
    """...and what it becomes."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _edit_says_what(self) -> LessonStep:
        is_edit = self.action == "edit"
        if is_edit != (self.replace is not None and self.with_ is not None):
            raise ValueError("an edit, and only an edit, gives `replace` and `with`")
        return self


class DemoLesson(Fixture):
    key: str
    story: str
    author: str
    kind: LessonKind = LessonKind.LESSON
    title: str | None = None
    citations: list[str] = Field(default_factory=list)
    team_member_goal: str | None = None
    team_member_role: str | None = None
    created_days_ago: DaysAgo
    steps: list[LessonStep] = Field(default_factory=list)
    text: str

    @model_validator(mode="after")
    def _in_order(self) -> DemoLesson:
        moments = [self.created_days_ago, *(s.days_ago for s in self.steps)]
        if any(later >= earlier for earlier, later in pairwise(moments)):
            raise ValueError("steps: each step happens after the one before")
        return self


class DemoHistory(Fixture):
    people: list[DemoPerson]
    stories: list[DemoStory]
    lessons: list[DemoLesson]

    @model_validator(mode="after")
    def _references_resolve(self) -> DemoHistory:
        names = {p.name for p in self.people}
        stories = {s.key: s for s in self.stories}
        for story in self.stories:
            by = [x.by for x in story.reflections] + [x.by for x in story.questions]
            for name in [story.author, *by]:
                if name not in names:
                    raise ValueError(f"story {story.key}: nobody called {name!r} in people.yaml")
        for lesson in self.lessons:
            source = stories.get(lesson.story)
            if source is None:
                raise ValueError(f"lesson {lesson.key}: no story {lesson.story!r}")
            if source.published_days_ago is None:
                raise ValueError(f"lesson {lesson.key}: its story is never published")
            if lesson.created_days_ago > source.published_days_ago:
                raise ValueError(f"lesson {lesson.key}: made before its story was published")
            for name in [lesson.author, *(s.by for s in lesson.steps)]:
                if name not in names:
                    raise ValueError(f"lesson {lesson.key}: nobody called {name!r}")
        return self

    @property
    def value_ids(self) -> set[str]:
        """Every corpus value the stories link to: the organisation must have them."""
        return {v for story in self.stories for v in story.values}


def _markdown(path: Path) -> dict[str, object]:
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        raise InvalidInput(str(path), "needs YAML front matter between --- lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise InvalidInput(str(path), f"broken YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise InvalidInput(str(path), "the front matter must be a mapping")
    return {**meta, "key": path.stem, "text": match.group(2).strip() + "\n"}


def load_history(folder: Path = DATA) -> DemoHistory:
    """The demo history in ``folder``; ``InvalidInput`` naming the file and field at fault."""
    return _load(folder)


@lru_cache
def _load(folder: Path) -> DemoHistory:
    people = yaml.safe_load((folder / "people.yaml").read_text(encoding="utf-8"))["people"]
    raw = {
        kind: [_markdown(path) for path in sorted((folder / kind).glob("*.md"))]
        for kind in ("stories", "lessons")
    }
    try:
        return DemoHistory.model_validate({"people": people, **raw})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidInput(f"demo data {where}", first["msg"]) from None
