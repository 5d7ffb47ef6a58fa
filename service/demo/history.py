"""Lay the demo's history down through the same use cases people go through.

Stories are saved and published by their authors; lessons are made, submitted (and scored by
the rubric engine there, as every submission is), decided, edited and published by the review
workflow, so each step leaves the audit trail a real one leaves, and a published lesson is
indexed by the very code a reviewer's click runs: it is searchable and citable. Each step runs
at the moment the fixture gives (``replaying_at``), so the history spans weeks.

Seeding again adds nothing that is there: a story is known by its author and title, a lesson
by its story, author, kind and title, a reflection and a set of questions by their story,
person and words. (A lesson found is left as it is, whatever state it reached since.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound
from service.knowledge import DocumentKind, KnowledgeBase
from service.quality import Rubric
from service.review import decide_lesson, edit_lesson, publish_lesson, submit_lesson
from service.store import (
    AuditAction,
    Database,
    DiscussionQuestions,
    Lesson,
    Person,
    Reflection,
    Story,
    add_reflection,
    create_lesson,
    keep_questions,
    publish_story,
    save_story,
)
from service.store.columns import replaying_at, utcnow
from service.store.seed import person_with_role
from service.vocabulary import LessonKind

from .fixtures import (
    DemoHistory,
    DemoLesson,
    DemoPerson,
    DemoQuestions,
    DemoReflection,
    DemoStory,
    LessonStep,
    load_history,
)


@dataclass
class SeededHistory:
    """What one seeding added (zero everywhere when everything was already there)."""

    people: int = 0
    stories: int = 0
    lessons: int = 0
    reflections: int = 0
    question_sets: int = 0
    published_lessons: list[str] = field(default_factory=list)
    """Corpus ids of the lessons this run published (searchable now)."""


Step = tuple[float, Callable[[], None]]
"""When (days before now) and what: one move of the history."""


class DemoCorpusMissing(InvalidInput):
    """The organisation's index lacks the corpus values the demo's stories link to."""

    def __init__(self, org: str, missing: list[str]) -> None:
        super().__init__(
            "org",
            f"'{org}' has no {', '.join(missing)} in its corpus; "
            f"run `storycoach ingest --org {org}` first",
        )
        self.missing = missing


def seed_history(
    database: Database,
    org: str,
    knowledge: KnowledgeBase,
    rubrics: dict[LessonKind, Rubric],
    *,
    history: DemoHistory | None = None,
    now: datetime | None = None,
) -> SeededHistory:
    """Add the demo history to ``org`` (its corpus must be ingested: lessons cite its values).

    Every step of every story and lesson is replayed in the order it happened, so ids, the
    audit trail and the review queue read in time order, as a real history does.
    """
    history = history or load_history()
    check_corpus(knowledge, org, history)
    # One session for the whole history, committed before each publish: publishing runs in
    # steps of its own transactions (``review.publication``), as it does for a reviewer. A
    # history cut short is finished by the next run (every step first looks for its result).
    with Session(database.engine) as session:
        run = _Run(session, database, org, knowledge, rubrics, now or utcnow(), SeededHistory())
        for person in history.people:
            run.people[person.name] = run.person(person)
        steps: list[tuple[float, int, Callable[[], None]]] = []
        for story in history.stories:
            steps += [(days, len(steps), do) for days, do in run.story_steps(story)]
        for lesson in history.lessons:
            steps += [(days, len(steps), do) for days, do in run.lesson_steps(lesson)]
        for days_ago, _, do in sorted(steps, key=lambda step: (-step[0], step[1])):
            with replaying_at(run.at(days_ago)):
                do()
                session.flush()
        session.commit()
    return run.report


def check_corpus(knowledge: KnowledgeBase, org: str, history: DemoHistory) -> None:
    """``DemoCorpusMissing`` unless every value the stories link to is in ``org``'s corpus."""
    missing = []
    for value_id in sorted(history.value_ids):
        try:
            found = knowledge.document(org, value_id)
        except NotFound:
            missing.append(value_id)
            continue
        if found.kind is not DocumentKind.VALUE:
            missing.append(value_id)
    if missing:
        raise DemoCorpusMissing(org, missing)


@dataclass
class _Run:
    session: Session
    database: Database
    org: str
    knowledge: KnowledgeBase
    rubrics: dict[LessonKind, Rubric]
    now: datetime
    report: SeededHistory
    people: dict[str, Person] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)

    def at(self, days_ago: float) -> datetime:
        return self.now - timedelta(days=days_ago)

    def person(self, fixture: DemoPerson) -> Person:
        name = fixture.name
        before = self.session.scalar(
            select(Person.id).where(Person.org_id == self.org, Person.name == name)
        )
        person = person_with_role(
            self.session, self.org, name, fixture.role, fixture.locale, team=fixture.team
        )
        self.report.people += before is None
        return person

    def story_steps(self, fixture: DemoStory) -> list[Step]:
        """Save and publish the story, unless its author has it; then its team's activity."""
        author = self.people[fixture.author]
        known = self.session.scalar(
            select(Story).where(
                Story.org_id == self.org,
                Story.author_id == author.id,
                Story.title == fixture.title,
            )
        )
        steps: list[Step] = []
        if known is not None:
            self.stories[fixture.key] = known
        else:
            steps.append((fixture.saved_days_ago, lambda: self.save_story(fixture)))
            if fixture.published_days_ago is not None:
                steps.append((fixture.published_days_ago, lambda: self.publish_story(fixture)))
        for reflection in fixture.reflections:
            steps.append((reflection.days_ago, partial(self.reflection, fixture.key, reflection)))
        for asked in fixture.questions:
            steps.append((asked.days_ago, partial(self.questions, fixture.key, asked)))
        return steps

    def save_story(self, fixture: DemoStory) -> None:
        self.stories[fixture.key] = save_story(
            self.session,
            self.org,
            self.people[fixture.author].id,
            title=fixture.title,
            text=fixture.text,
            language=fixture.language,
            citations=fixture.citations,
            core_message=fixture.core_message,
            values=fixture.values,
        )
        self.report.stories += 1

    def publish_story(self, fixture: DemoStory) -> None:
        story = self.stories[fixture.key]
        publish_story(self.session, self.org, story.id, self.people[fixture.author].id)

    def reflection(self, story_key: str, fixture: DemoReflection) -> None:
        story, person = self.stories[story_key], self.people[fixture.by]
        known = self.session.scalar(
            select(Reflection.id).where(
                Reflection.org_id == self.org,
                Reflection.story_id == story.id,
                Reflection.person_id == person.id,
                Reflection.text == fixture.text.strip(),
            )
        )
        if known is None:
            add_reflection(self.session, self.org, story.id, person.id, fixture.text)
            self.report.reflections += 1

    def questions(self, story_key: str, fixture: DemoQuestions) -> None:
        story, person = self.stories[story_key], self.people[fixture.by]
        questions = [q.strip() for q in fixture.questions]
        kept = self.session.scalars(
            select(DiscussionQuestions).where(
                DiscussionQuestions.org_id == self.org,
                DiscussionQuestions.story_id == story.id,
                DiscussionQuestions.person_id == person.id,
            )
        )
        if all(k.questions != questions for k in kept):
            keep_questions(self.session, self.org, story.id, person.id, story.language, questions)
            self.report.question_sets += 1

    def lesson_steps(self, fixture: DemoLesson) -> list[Step]:
        """Make the lesson and take it through its review, unless its author has it."""
        story = self.stories.get(fixture.story)
        if story is not None and self._has_lesson(fixture, story):
            return []
        steps: list[Step] = [(fixture.created_days_ago, lambda: self.make_lesson(fixture))]
        for step in fixture.steps:
            steps.append((step.days_ago, partial(self.step, fixture.key, step)))
        return steps

    def _has_lesson(self, fixture: DemoLesson, story: Story) -> bool:
        known = self.session.scalar(
            select(Lesson.id).where(
                Lesson.org_id == self.org,
                Lesson.story_id == story.id,
                Lesson.author_id == self.people[fixture.author].id,
                Lesson.kind == fixture.kind,
                Lesson.title == (fixture.title or story.title),
            )
        )
        return known is not None

    def make_lesson(self, fixture: DemoLesson) -> None:
        story = self.stories[fixture.story]
        self.lessons[fixture.key] = create_lesson(
            self.session,
            self.org,
            self.people[fixture.author].id,
            story.id,
            kind=fixture.kind,
            text=fixture.text,
            title=fixture.title or story.title,
            citations=fixture.citations,
            team_member_goal=fixture.team_member_goal,
            team_member_role=fixture.team_member_role,
        )
        self.report.lessons += 1

    def step(self, lesson_key: str, step: LessonStep) -> None:
        lesson = self.lessons[lesson_key]
        actor = self.people[step.by]
        if step.action == "submit":
            submit_lesson(
                self.session, actor, lesson.id, knowledge=self.knowledge, rubrics=self.rubrics
            )
        elif step.action == "edit":
            assert step.replace is not None and step.with_ is not None
            old, new = step.replace.strip(), step.with_.strip()
            if old not in lesson.text:
                raise InvalidInput("replace", f"not in the lesson's text: {old[:60]!r}")
            text = lesson.text.replace(old, new)
            edit_lesson(
                self.session,
                actor,
                lesson.id,
                text=text,
                comment=step.comment,
                knowledge=self.knowledge,
                rubrics=self.rubrics,
            )
        elif step.action == "publish":
            self.session.commit()  # publishing begins with a transaction of its own
            publish_lesson(self.database, actor, lesson.id, knowledge=self.knowledge)
            self.session.refresh(lesson)
            self.report.published_lessons.append(lesson.corpus_id or "")
        else:
            decide_lesson(self.session, actor, lesson.id, AuditAction(step.action), step.comment)
