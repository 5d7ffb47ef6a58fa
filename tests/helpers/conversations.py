"""A leader's chat with the coach over the API: start one from a priority, say something and
read the streamed events, or lay a conversation down in the database as if it had happened."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from service.store import Database, Message, MessageRole, add_message, create_conversation
from service.vocabulary import Language
from tests.api.chat_client import sse_events
from tests.chat.drafts import draft_content, draft_parts
from tests.factories import ACCOUNT
from tests.store.factories import Member

PRIORITY = "We answer every customer complaint within one working day."
"""A priority in the leader's own words (not a corpus id)."""
SEEDED_QUESTIONS = "1. Wat gebeurde er?\n2. Wat ging er mis?"
"""The coach's questions in a ``seeded`` conversation."""


def start(client: TestClient, leader: Member) -> dict[str, object]:
    """A new conversation from ``PRIORITY``: the coach's interview is its first reply."""
    started = client.post("/api/conversations", json={"priority": PRIORITY}, headers=leader.headers)
    assert started.status_code == 201, started.text
    body: dict[str, object] = started.json()
    return body


def say(
    client: TestClient, leader: Member, conversation: object, text: str
) -> list[tuple[str, object]]:
    """``leader`` says ``text`` in ``conversation``; the streamed events, by name and data."""
    sent = client.post(
        f"/api/conversations/{conversation}/messages",
        json={"content": text},
        headers=leader.headers,
    )
    assert sent.status_code == 200, sent.text
    assert sent.headers["content-type"].startswith("text/event-stream")
    return sse_events(sent.text)


def seeded(
    database: Database,
    leader: Member,
    *,
    language: Language = Language.EN,
    draft: bool = True,
    with_parts: bool = True,
) -> tuple[int, int | None]:
    """A conversation with the coach's questions and the leader's account, and (``draft``) a
    draft with known parts (``with_parts``; without, as drafts were kept before migration
    0002): ``(conversation id, draft message id)``."""
    with database.transaction() as session:
        conversation = create_conversation(
            session, leader.org, leader.id, title="Complaints", language=language
        )

        def add(role: MessageRole, text: str, **kept: Any) -> Message:
            return add_message(session, leader.org, conversation.id, role, text, **kept)

        add(MessageRole.USER, PRIORITY)
        add(MessageRole.ASSISTANT, SEEDED_QUESTIONS)
        add(MessageRole.USER, ACCOUNT)
        if not draft:
            return conversation.id, None
        parts = draft_parts()
        message = add(
            MessageRole.ASSISTANT,
            draft_content(parts),
            citations=["value-customer-focus"],
            parts=parts.as_json() if with_parts else None,
        )
        return conversation.id, message.id
