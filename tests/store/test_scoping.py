"""Every repository query is scoped by organisation: another org's id is simply not found."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput, NotFound
from service.store import (
    Database,
    MessageRole,
    Role,
    add_message,
    add_reflection,
    create_conversation,
    get_conversation,
    get_lesson,
    get_story,
    list_lessons,
    list_messages,
    list_stories,
    save_story,
)
from service.vocabulary import Language
from tests.store.factories import add_lesson, add_person, add_story


def test_conversation_messages_in_order_and_scoped(database: Database) -> None:
    with database.transaction() as session:
        leader = add_person(session, "acme", "Lea", Role.LEADER)
        add_person(session, "globex", "Gus", Role.LEADER)
        chat = create_conversation(
            session,
            "acme",
            leader.id,
            title="Complaints",
            language=Language.NL,
            priority_id="priority-complaints-one-day",
        )
        add_message(session, "acme", chat.id, MessageRole.USER, "Het ging mis in maart.")
        add_message(
            session,
            "acme",
            chat.id,
            MessageRole.ASSISTANT,
            "Wat deed je toen?",
            citations=["value-care", "value-care"],
        )
    with database.transaction() as session:
        messages = list_messages(session, "acme", chat.id)
        assert [m.role for m in messages] == [MessageRole.USER, MessageRole.ASSISTANT]
        assert messages[1].citations == ["value-care"]
        assert get_conversation(session, "acme", chat.id).updated_at >= chat.created_at
        with pytest.raises(NotFound):
            list_messages(session, "globex", chat.id)
        with pytest.raises(NotFound):
            add_message(session, "globex", chat.id, MessageRole.USER, "sneaky")
        with pytest.raises(NotFound):
            get_conversation(session, "acme", chat.id, leader_id=leader.id + 1)


def test_stories_and_lessons_are_scoped(database: Database) -> None:
    with database.transaction() as session:
        lea = add_person(session, "acme", "Lea", Role.LEADER)
        gus = add_person(session, "globex", "Gus", Role.LEADER)
        story = add_story(session, lea)
        lesson = add_lesson(session, lea, story.id)
    with database.transaction() as session:
        assert [s.id for s in list_stories(session, "acme")] == [story.id]
        assert list_stories(session, "globex") == []
        assert list_lessons(session, "globex") == []
        with pytest.raises(NotFound):
            get_story(session, "globex", story.id)
        with pytest.raises(NotFound):
            get_lesson(session, "globex", lesson.id)
        with pytest.raises(NotFound):  # a lesson cannot be made from another org's story
            add_lesson(session, gus, story.id)
        with pytest.raises(NotFound):
            add_reflection(session, "globex", story.id, gus.id, "mine now")


def test_a_failed_transaction_writes_nothing(database: Database) -> None:
    with database.transaction() as session:
        lea = add_person(session, "acme", "Lea", Role.LEADER)
    with pytest.raises(InvalidInput), database.transaction() as session:
        save_story(session, "acme", lea.id, title="Fine", text="Fine.", language=Language.EN)
        save_story(session, "acme", lea.id, title=" ", text="No title.", language=Language.EN)
    with database.transaction() as session:
        assert list_stories(session, "acme") == []


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("title", {"title": "x" * 201}),
        ("text", {"text": "   "}),
        ("citations", {"citations": ["c"] * 51}),
    ],
)
def test_lengths_are_checked_before_writing(
    database: Database, field: str, changes: dict[str, object]
) -> None:
    fields: dict[str, object] = {"title": "T", "text": "Body.", "language": Language.EN, **changes}
    with database.transaction() as session:
        lea = add_person(session, "acme", "Lea", Role.LEADER)
        with pytest.raises(InvalidInput) as error:
            save_story(session, "acme", lea.id, **fields)  # type: ignore[arg-type]
        assert error.value.field == field
