from __future__ import annotations

import pytest

from service.errors import InvalidInput, NotFound
from service.knowledge import DocumentKind, KnowledgeBase, SearchFilters
from service.review import (
    InvalidTransition,
    decide_lesson,
    edit_lesson,
    publish_lesson,
    review_queue,
    submit_lesson,
)
from service.review.labels import human_labels
from service.review.publishing import corpus_id, slug
from service.review.rubrics import review_rubrics
from service.store import (
    AuditAction,
    Database,
    LessonState,
    NotAllowed,
    Person,
    Role,
    get_lesson,
    get_person,
    list_events,
)
from service.vocabulary import LessonKind
from tests.store.factories import Member, add_lesson, add_person, add_story

RUBRICS = review_rubrics()


def person(session: object, member: Member) -> Person:
    return get_person(session, member.org, member.id)  # type: ignore[arg-type]


def drafted(database: Database, acme: dict[Role, Member], **story: object) -> int:
    with database.transaction() as session:
        made = add_story(session, acme[Role.LEADER], **story)  # type: ignore[arg-type]
        return add_lesson(session, acme[Role.LEADER], made.id).id


def submitted(database: Database, acme: dict[Role, Member], knowledge: KnowledgeBase) -> int:
    lesson_id = drafted(database, acme)
    with database.transaction() as session:
        leader = person(session, acme[Role.LEADER])
        submit_lesson(session, leader, lesson_id, knowledge=knowledge, rubrics=RUBRICS)
    return lesson_id


def test_submit_scores_the_lesson_and_queues_it(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = submitted(database, acme, loaded)
    with database.transaction() as session:
        lesson = get_lesson(session, "acme", lesson_id)
        assert lesson.state is LessonState.IN_REVIEW and lesson.submitted_at is not None
        assert lesson.score is not None and lesson.score["rubric"] == "lesson@v2"
        judged = [c for c in lesson.score["criteria"] if c["checker"] == "judge"]
        assert judged and all(c["passed"] is None for c in judged)  # no judge configured
        queue = review_queue(session, person(session, acme[Role.REVIEWER]))
        assert [x.id for x in queue] == [lesson_id]
        with pytest.raises(NotAllowed):
            review_queue(session, person(session, acme[Role.LEADER]))
        events = list_events(session, "acme", lesson_id=lesson_id)
        assert [(e.action, e.from_state, e.to_state) for e in events] == [
            (AuditAction.CREATE, None, "draft"),
            (AuditAction.SUBMIT, "draft", "in_review"),
        ]


def test_only_the_author_submits(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = drafted(database, acme)
    with database.transaction() as session:
        with pytest.raises(NotAllowed):
            submit_lesson(
                session,
                person(session, acme[Role.REVIEWER]),
                lesson_id,
                knowledge=loaded,
                rubrics=RUBRICS,
            )
        with pytest.raises(NotFound):  # a member cannot even see it
            submit_lesson(
                session,
                person(session, acme[Role.MEMBER]),
                lesson_id,
                knowledge=loaded,
                rubrics=RUBRICS,
            )


def test_review_round_trip_then_publish_makes_it_searchable(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = submitted(database, acme, loaded)
    with database.transaction() as session:
        reviewer = person(session, acme[Role.REVIEWER])
        decide_lesson(session, reviewer, lesson_id, AuditAction.REQUEST_CHANGES, "Add a step.")
    with database.transaction() as session:
        leader = person(session, acme[Role.LEADER])
        edit_lesson(
            session,
            leader,
            lesson_id,
            text="# Battery calls\n\nCall back the same day.",
            knowledge=loaded,
            rubrics=RUBRICS,
        )
        submit_lesson(session, leader, lesson_id, knowledge=loaded, rubrics=RUBRICS)
    with database.transaction() as session:
        reviewer = person(session, acme[Role.REVIEWER])
        edit_lesson(
            session,
            reviewer,
            lesson_id,
            text="# Battery calls\n\nCall back every battery complaint the same day.",
            comment="tightened",
            knowledge=loaded,
            rubrics=RUBRICS,
        )
        # Four eyes: the reviewer who edited the text does not approve or publish it.
        second = add_person(session, "acme", "acme second reviewer", Role.REVIEWER)
        other = person(session, second)
        decide_lesson(session, other, lesson_id, AuditAction.APPROVE, None)
    lesson = publish_lesson(database, other, lesson_id, knowledge=loaded)
    with database.transaction() as session:
        assert lesson.state is LessonState.PUBLISHED
        assert lesson.corpus_id == f"lesson-the-battery-that-got-hot-{lesson_id}"
        actions = [e.action for e in list_events(session, "acme", lesson_id=lesson_id)]
        assert actions == [
            AuditAction.CREATE,
            AuditAction.SUBMIT,
            AuditAction.REQUEST_CHANGES,
            AuditAction.EDIT,
            AuditAction.SUBMIT,
            AuditAction.EDIT,
            AuditAction.APPROVE,
            AuditAction.START_PUBLISH,
            AuditAction.PUBLISH,
        ]
    hits = loaded.search(
        "acme", "battery complaint same day", filters=SearchFilters(kind=DocumentKind.LESSON)
    )
    assert hits[0].id == lesson.corpus_id
    document = loaded.document("acme", lesson.corpus_id)
    assert "every battery complaint" in document.text and document.values == ("value-care",)
    with database.transaction() as session:
        labels = human_labels(session, "acme")
    assert [x.approved for x in labels] == [False, True]  # sent back, then approved
    assert all(x.id and x.id.startswith(f"lesson-{lesson_id}/") for x in labels)
    assert labels[-1].text == lesson.text and labels[-1].kind == "lesson"


def test_reviewer_decisions_calibrate_the_engine(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    import json

    from typer.testing import CliRunner

    from service.cli import app

    approved, rejected = submitted(database, acme, loaded), submitted(database, acme, loaded)
    with database.transaction() as session:
        reviewer = person(session, acme[Role.REVIEWER])
        decide_lesson(session, reviewer, approved, AuditAction.APPROVE, None)
        decide_lesson(session, reviewer, rejected, AuditAction.REJECT, "No practice activity.")
    result = CliRunner().invoke(
        app, ["eval", "calibration", "--org", "acme", "--no-judge", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["labels"] == 2
    overall = report["overall"]
    # The two lessons have the same text, so the engine calls both alike: it agrees with one.
    assert overall["documents"] == 2 and overall["agreement"] == 0.5
    assert len(overall["disagreements"]) == 1


@pytest.mark.parametrize(
    ("action", "comment", "error"),
    [
        (AuditAction.REJECT, None, InvalidInput),
        (AuditAction.REQUEST_CHANGES, "  ", InvalidInput),
        (AuditAction.PUBLISH, None, InvalidInput),  # publish is not a decision
    ],
)
def test_decisions_need_a_reason(
    database: Database,
    acme: dict[Role, Member],
    loaded: KnowledgeBase,
    action: AuditAction,
    comment: str | None,
    error: type[Exception],
) -> None:
    lesson_id = submitted(database, acme, loaded)
    with database.transaction() as session, pytest.raises(error):
        decide_lesson(session, person(session, acme[Role.REVIEWER]), lesson_id, action, comment)


def test_invalid_moves_and_edits_are_refused(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = drafted(database, acme)
    with database.transaction() as session:
        reviewer = person(session, acme[Role.REVIEWER])
        with pytest.raises(InvalidTransition, match="draft → approved"):
            decide_lesson(session, reviewer, lesson_id, AuditAction.APPROVE, None)
        with pytest.raises(InvalidTransition, match="draft → published"):
            publish_lesson(database, reviewer, lesson_id, knowledge=loaded)
        with pytest.raises(InvalidTransition, match="cannot edit a lesson that is draft"):
            edit_lesson(
                session,
                reviewer,
                lesson_id,
                text="reviewer too early",
                knowledge=loaded,
                rubrics=RUBRICS,
            )
        with pytest.raises(NotAllowed):
            decide_lesson(
                session, person(session, acme[Role.LEADER]), lesson_id, AuditAction.APPROVE, None
            )


def test_an_admin_does_not_approve_their_own_lesson(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    with database.transaction() as session:
        story = add_story(session, acme[Role.ADMIN])
        lesson_id = add_lesson(session, acme[Role.ADMIN], story.id).id
        admin = person(session, acme[Role.ADMIN])
        submit_lesson(session, admin, lesson_id, knowledge=loaded, rubrics=RUBRICS)
        with pytest.raises(NotAllowed):
            decide_lesson(session, admin, lesson_id, AuditAction.APPROVE, None)


def test_publishing_needs_a_real_value(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = drafted(database, acme, values=("value-made-up",))
    with database.transaction() as session:
        leader = person(session, acme[Role.LEADER])
        submit_lesson(session, leader, lesson_id, knowledge=loaded, rubrics=RUBRICS)
        reviewer = person(session, acme[Role.REVIEWER])
        decide_lesson(session, reviewer, lesson_id, AuditAction.APPROVE, None)
    with database.transaction() as session:
        reviewer = person(session, acme[Role.REVIEWER])
    with pytest.raises(InvalidInput) as refused:
        publish_lesson(database, reviewer, lesson_id, knowledge=loaded)
    assert refused.value.field == "values"
    with database.transaction() as session:
        assert get_lesson(session, "acme", lesson_id).state is LessonState.APPROVED


def test_one_on_one_lessons_use_their_rubric(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
        lesson = add_lesson(session, acme[Role.LEADER], story.id, LessonKind.ONE_ON_ONE)
        leader = person(session, acme[Role.LEADER])
        submit_lesson(session, leader, lesson.id, knowledge=loaded, rubrics=RUBRICS)
        assert lesson.score is not None and lesson.score["rubric"] == "one-on-one@v2"


def test_slugs_are_plain() -> None:
    assert slug("Eén dag, één antwoord!") == "een-dag-een-antwoord"
    assert slug("???") == ""
    assert len(slug("word " * 40)) <= 40


def test_corpus_ids_are_valid_document_ids() -> None:
    from types import SimpleNamespace

    from service.knowledge.documents import DOCUMENT_ID_PATTERN

    for title in ("Eén dag", "???", "a-" * 30):
        lesson = SimpleNamespace(title=title, id=7)
        assert DOCUMENT_ID_PATTERN.match(corpus_id(lesson))  # type: ignore[arg-type]
