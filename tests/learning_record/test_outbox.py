"""Learning events leave with their transaction's commit, never before, never after a rollback;
unconnected, noting one keeps nothing."""

from __future__ import annotations

import pytest

from service.learning_record import LearningAct, LearningEvent
from service.learning_record.outbox import RECIPIENT, WAITING, connect
from service.store import Database, Role, add_reflection
from tests.store.factories import Member, add_story


def test_an_event_is_delivered_when_its_transaction_commits(
    database: Database, acme: dict[Role, Member]
) -> None:
    delivered: list[LearningEvent] = []
    disconnect = connect(database.sessions, delivered.append)
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
        reflection = add_reflection(session, "acme", story.id, acme[Role.MEMBER].id, "Private")
        assert delivered == []  # not before the commit
    assert [(e.act, e.person_id, e.subject_id) for e in delivered] == [
        (LearningAct.REFLECTED_ON_STORY, acme[Role.MEMBER].id, story.id)
    ]
    assert delivered[0].occurrence == f"reflection-{reflection.id}"
    assert delivered[0].title == story.title and delivered[0].language == story.language

    with pytest.raises(RuntimeError), database.transaction() as session:
        add_reflection(session, "acme", story.id, acme[Role.MEMBER].id, "Rolled back")
        raise RuntimeError("the request failed")
    assert len(delivered) == 1

    disconnect()
    with database.transaction() as session:
        add_reflection(session, "acme", story.id, acme[Role.MEMBER].id, "After")
        assert RECIPIENT not in session.info and WAITING not in session.info
    assert len(delivered) == 1


def test_a_failing_recipient_never_fails_the_commit(
    database: Database, acme: dict[Role, Member], caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_: LearningEvent) -> None:
        raise ValueError("cannot build")

    disconnect = connect(database.sessions, broken)
    try:
        with database.transaction() as session:
            story = add_story(session, acme[Role.LEADER])
            add_reflection(session, "acme", story.id, acme[Role.MEMBER].id, "Kept")
        with database.transaction() as session:
            assert len(story.title) > 0
    finally:
        disconnect()
    assert "could not record learning event reflected_on_story" in caplog.text
