"""The figures gathered from the demo history: the page shows real numbers after ``make run``,
and they agree with what the history's fixtures say happened."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.analytics import decision_rows, programme_figures
from service.demo import load_history, seed_history
from service.knowledge import KnowledgeBase
from service.quality import Rubric
from service.store import Database, Person, Role
from service.store.columns import utcnow
from service.store.seed import person_with_role
from service.vocabulary import Language, LessonKind
from tests.demo.conftest import ORG


def reviewer(session: Session, org: str = ORG) -> Person:
    return person_with_role(session, org, "Demo Reviewer", Role.REVIEWER, Language.NL)


def test_the_demo_history_gives_every_figure(
    database: Database, demo_corpus: KnowledgeBase, lesson_rubrics: dict[LessonKind, Rubric]
) -> None:
    now = utcnow()
    seed_history(database, ORG, demo_corpus, lesson_rubrics, now=now)
    history = load_history()
    decided = [
        s
        for x in history.lessons
        for s in x.steps
        if s.action in ("approve", "reject", "request_changes")
    ]
    with database.transaction() as session:
        figures = programme_figures(session, demo_corpus, reviewer(session), now=now)
        rows = decision_rows(session, reviewer(session))
    assert sum(w.decisions for w in figures.approval) == len(decided) == len(rows)
    approved = sum(s.action == "approve" for s in decided)
    assert sum(w.approved for w in figures.approval) == approved
    assert figures.criteria, "the demo's decisions carry rubric results"
    published = [x for x in history.lessons if any(s.action == "publish" for s in x.steps)]
    assert figures.submit_to_publish.count == len(published)
    assert figures.submit_to_publish.median_hours is not None
    waiting = [x for x in history.lessons if x.steps and x.steps[-1].action == "submit"]
    assert figures.queue.count == len(waiting) > 0
    oldest = max(x.steps[-1].days_ago for x in waiting)
    assert figures.queue.oldest_days is not None
    assert abs(figures.queue.oldest_days - oldest) < 1 / 24
    stories = [s for s in history.stories if s.published_days_ago is not None]
    assert figures.reflections.stories == len(stories)
    assert figures.reflections.reflections == sum(len(s.reflections) for s in stories)
    covered = [
        c for p in figures.coverage.priorities for v in p.values for c in v.cells if not c.gap
    ]
    assert covered and figures.coverage.gaps
    assert len(figures.coverage.priorities) == 7
    corpus_stories = sum(c.stories for v in figures.coverage.any_priority for c in v.cells)
    assert corpus_stories >= 34 + len(stories)
    assert now - timedelta(days=1) < figures.computed_at <= now


def test_another_organisation_sees_none_of_it(
    database: Database, demo_corpus: KnowledgeBase, lesson_rubrics: dict[LessonKind, Rubric]
) -> None:
    seed_history(database, ORG, demo_corpus, lesson_rubrics)
    with database.transaction() as session:
        other = reviewer(session, "other")
        figures = programme_figures(session, demo_corpus, other)
        rows = decision_rows(session, other)
        assert session.scalar(select(Person.id).where(Person.org_id == "other")) is not None
    assert figures.approval == [] and figures.criteria == [] and rows == []
    assert figures.queue.count == 0 and figures.reflections.stories == 0
    assert figures.coverage.priorities == []  # its corpus is empty too
