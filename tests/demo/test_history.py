"""The demo history: every role finds a populated product, scored by the real rubric engine,
published through the reviewer's own code path, and seeding again adds nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.demo import DemoCorpusMissing, load_history, seed_history
from service.knowledge import DocumentKind, KnowledgeBase, SearchFilters
from service.quality import Rubric, score_document
from service.review import review_queue, scoring_context
from service.store import (
    AuditAction,
    Database,
    Lesson,
    LessonState,
    Person,
    Role,
    StoryStatus,
    list_events,
    list_lessons,
    list_people,
    list_questions,
    list_reflections,
    list_stories,
)
from service.store.models import Base
from service.store.seed import DEMO_PEOPLE, seed_demo
from service.vocabulary import Language, LessonKind
from tests.demo.conftest import ORG


@pytest.fixture
def seeded(
    database: Database, demo_corpus: KnowledgeBase, lesson_rubrics: dict[LessonKind, Rubric]
) -> Database:
    with database.transaction() as session:
        seed_demo(session, ORG)
    seed_history(database, ORG, demo_corpus, lesson_rubrics)
    return database


def person(session: Session, name: str) -> Person:
    found = session.scalar(select(Person).where(Person.org_id == ORG, Person.name == name))
    assert found is not None
    return found


def test_the_people_with_keys_are_the_demo_data_s_people() -> None:
    people = {p.name: (p.role, p.locale) for p in load_history().people}
    for name, role, locale in DEMO_PEOPLE:
        assert people[name] == (role, locale)


def test_published_stories_in_both_languages_with_reflections_and_questions(
    seeded: Database,
) -> None:
    with seeded.transaction() as session:
        published = list_stories(session, ORG, status=StoryStatus.PUBLISHED)
        assert len(published) >= 6
        assert {s.language for s in published} == {Language.EN, Language.NL}
        for story in published:
            assert list_reflections(session, ORG, story.id), story.title
            kept = list_questions(session, ORG, story.id)
            assert kept and all(q.endswith("?") for k in kept for q in k.questions)
            assert story.published_at is not None and story.published_at > story.created_at
        drafts = list_stories(session, ORG, status=StoryStatus.DRAFT)
        assert [s.author.name for s in drafts] == ["Demo Leader"]  # the leader's own draft


def test_lessons_in_every_review_state_scored_by_the_rubric_engine(
    seeded: Database, demo_corpus: KnowledgeBase, lesson_rubrics: dict[LessonKind, Rubric]
) -> None:
    with seeded.transaction() as session:
        lessons = list_lessons(session, ORG)
        states = {lesson.state for lesson in lessons}
        wanted = {S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.PUBLISHED}
        assert wanted <= states
        assert {lesson.language for lesson in lessons} == {Language.EN, Language.NL}
        assert LessonKind.ONE_ON_ONE in {lesson.kind for lesson in lessons}
        for lesson in lessons:
            assert lesson.score is not None, lesson.title
            # Recomputed now on the same text and context: the stored result is the engine's.
            context = scoring_context(lesson, demo_corpus)
            again = score_document(lesson.text, lesson_rubrics[lesson.kind], context=context)
            assert lesson.score == again.model_dump(mode="json"), lesson.title
        # Not every lesson passes: the rejected one fails its rubric, as a reviewer saw.
        assert any(not lesson.score["passed"] for lesson in lessons if lesson.score)


S = LessonState


def test_the_audit_trail_tells_each_lesson_s_review_over_weeks(seeded: Database) -> None:
    with seeded.transaction() as session:
        lesson = next(x for x in list_lessons(session, ORG) if x.title.startswith("A first"))
        events = list_events(session, ORG, lesson_id=lesson.id)
        assert [e.action for e in events] == [
            AuditAction.CREATE,
            AuditAction.SUBMIT,
            AuditAction.REQUEST_CHANGES,
            AuditAction.EDIT,
            AuditAction.SUBMIT,
            AuditAction.APPROVE,
            AuditAction.START_PUBLISH,
            AuditAction.PUBLISH,
        ]
        moments = [e.created_at for e in events]
        assert moments == sorted(moments)
        assert moments[-1] - moments[0] > timedelta(days=3)
        assert events[2].actor.name == "Demo Reviewer" and events[2].comment
        # The whole trail reads in time order, as ids were given while it was replayed.
        trail = list_events(session, ORG, limit=1000)
        assert [e.created_at for e in trail] == sorted(e.created_at for e in trail)


def test_published_lessons_are_searchable_and_the_queue_is_not_empty(
    seeded: Database, demo_corpus: KnowledgeBase
) -> None:
    with seeded.transaction() as session:
        published = list_lessons(session, ORG, state=LessonState.PUBLISHED)
        assert {lesson.language for lesson in published} == {Language.EN, Language.NL}
        for lesson in published:
            assert lesson.corpus_id is not None
            document = demo_corpus.document(ORG, lesson.corpus_id)
            assert document.kind is DocumentKind.LESSON and document.title == lesson.title
            hits = demo_corpus.search(
                ORG, lesson.title, k=10, filters=SearchFilters(kind=DocumentKind.LESSON)
            )
            assert lesson.corpus_id in [hit.id for hit in hits]
        reviewer = person(session, "Demo Reviewer")
        assert len(review_queue(session, reviewer)) >= 2


def count_rows(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in Base.metadata.tables.items()
        if name not in ("api_keys", "web_sessions")
    }


def test_seeding_twice_adds_nothing(
    seeded: Database, demo_corpus: KnowledgeBase, lesson_rubrics: dict[LessonKind, Rubric]
) -> None:
    with seeded.transaction() as session:
        before = count_rows(session)
        chunks = demo_corpus.store.collection(ORG, demo_corpus.embedder.name)
        assert chunks is not None
        indexed = chunks.count()
    with seeded.transaction() as session:
        seed_demo(session, ORG)
    again = seed_history(seeded, ORG, demo_corpus, lesson_rubrics)
    with seeded.transaction() as session:
        assert count_rows(session) == before
    assert (again.stories, again.lessons, again.reflections, again.question_sets) == (0, 0, 0, 0)
    assert again.people == 0 and again.published_lessons == []
    assert chunks.count() == indexed
    assert before["lessons"] == len(load_history().lessons)


def test_an_organisation_without_the_corpus_gets_no_half_history(
    database: Database, knowledge: KnowledgeBase, lesson_rubrics: dict[LessonKind, Rubric]
) -> None:
    with pytest.raises(DemoCorpusMissing) as refused:
        seed_history(database, "empty", knowledge, lesson_rubrics)
    assert refused.value.field == "org"
    assert "storycoach ingest --org empty" in refused.value.reason
    with database.transaction() as session:
        assert list_people(session, "empty") == []
        assert list_lessons(session, "empty") == []


def test_a_member_reads_stories_and_a_leader_has_work_waiting(seeded: Database) -> None:
    with seeded.transaction() as session:
        leader = person(session, "Demo Leader")
        mine = list_lessons(session, ORG, author_id=leader.id)
        assert {S.PUBLISHED, S.CHANGES_REQUESTED, S.IN_REVIEW} <= {x.state for x in mine}
        member = person(session, "Demo Member")
        assert member.role is Role.MEMBER
        theirs = session.scalars(select(Lesson).where(Lesson.author_id == member.id)).all()
        assert theirs == []
