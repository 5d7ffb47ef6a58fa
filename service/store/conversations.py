"""A leader's drafting conversations with the coach, and their messages.

Messages are written one by one as they happen, each in its own transaction by the caller,
so a model failure halfway through a reply never loses what the leader already wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound
from service.vocabulary import Language

from .columns import utcnow
from .enums import MessageRole
from .limits import (
    MAX_MESSAGES,
    TEXT_CHARS,
    TITLE_CHARS,
    checked_ids,
    checked_optional,
    checked_text,
)
from .models import Conversation, Message
from .paging import paged


def create_conversation(
    session: Session,
    org: str,
    leader_id: int,
    *,
    title: str,
    language: Language,
    priority_id: str | None = None,
) -> Conversation:
    """A new conversation of ``leader_id`` in ``org`` about a priority (an id or own words)."""
    conversation = Conversation(
        org_id=org,
        leader_id=leader_id,
        title=checked_text("title", title, TITLE_CHARS),
        language=Language(language),
        priority_id=checked_optional("priority_id", priority_id, TITLE_CHARS),
    )
    session.add(conversation)
    session.flush()
    return conversation


def get_conversation(
    session: Session, org: str, conversation_id: int, *, leader_id: int | None = None
) -> Conversation:
    """One conversation of ``org`` (and of ``leader_id`` when given), else ``NotFound``."""
    query = select(Conversation).where(
        Conversation.org_id == org, Conversation.id == conversation_id
    )
    if leader_id is not None:
        query = query.where(Conversation.leader_id == leader_id)
    found = session.scalar(query)
    if found is None:
        raise NotFound("conversation", str(conversation_id))
    return found


def list_conversations(
    session: Session, org: str, leader_id: int, *, limit: int | None = None, offset: int = 0
) -> list[Conversation]:
    """A leader's conversations, most recently active first."""
    query = (
        select(Conversation)
        .where(Conversation.org_id == org, Conversation.leader_id == leader_id)
        .order_by(Conversation.updated_at.desc(), Conversation.id.desc())
    )
    return list(session.scalars(paged(query, limit, offset)))


def add_message(
    session: Session,
    org: str,
    conversation_id: int,
    role: MessageRole,
    content: str,
    *,
    citations: Sequence[str] = (),
    parts: dict[str, Any] | None = None,
) -> Message:
    """Append a message to a conversation of ``org`` (``NotFound`` for another org's id).

    ``parts`` is a draft's structure as JSON; the store keeps it as given (the chat owns its
    shape), so the store never imports the coach.
    """
    conversation = get_conversation(session, org, conversation_id)
    kept = session.scalar(
        select(func.count(Message.id)).where(
            Message.org_id == org, Message.conversation_id == conversation.id
        )
    )
    # A leader's message must leave room for the coach's reply to it.
    room = MAX_MESSAGES - 1 if MessageRole(role) is MessageRole.USER else MAX_MESSAGES
    if (kept or 0) >= room:
        raise InvalidInput("content", "conversation_full", most=MAX_MESSAGES)
    message = Message(
        org_id=org,
        conversation_id=conversation.id,
        role=MessageRole(role),
        content=checked_text("content", content, TEXT_CHARS),
        citations=checked_ids("citations", list(citations)),
        parts=parts,
    )
    conversation.updated_at = utcnow()
    session.add(message)
    session.flush()
    return message


def list_messages(
    session: Session,
    org: str,
    conversation_id: int,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[Message]:
    """The conversation's messages in the order they were written (there are at most
    ``MAX_MESSAGES``)."""
    get_conversation(session, org, conversation_id)
    query = (
        select(Message)
        .where(Message.org_id == org, Message.conversation_id == conversation_id)
        .order_by(Message.id)
    )
    return list(session.scalars(paged(query, limit, offset)))
