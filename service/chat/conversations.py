"""Drafting conversations that persist: every message is kept as it happens.

The leader's message is written in its own transaction *before* the coach starts to answer,
so a model failure (or a closed browser) never loses what the leader wrote; the coach's reply
is written when it is finished, with the documents it cites. Reloading a conversation shows
both, and the latest draft can be saved as a story.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.coach import Delta
from service.coach.model import ChatModel
from service.coach.priority import choose_language, resolve_priority
from service.errors import InvalidInput, StoryCoachError
from service.knowledge import KnowledgeBase
from service.store import (
    Conversation,
    Database,
    Message,
    MessageRole,
    Story,
    add_message,
    create_conversation,
    get_conversation,
    list_messages,
    save_story,
)
from service.store.limits import TITLE_CHARS
from service.vocabulary import Language
from service.words import load_words

from .drafts import DraftParts, compose_markdown, edit_parts, read_parts, story_parts
from .replies import Reply, check_account_size, final_reply, stream_reply
from .transcript import Said, draft_text, is_draft


class NoDraft(StoryCoachError):
    """The conversation has no draft yet, so there is nothing to save as a story."""

    def __init__(self, conversation_id: int) -> None:
        super().__init__(f"conversation {conversation_id} has no draft yet; answer the questions")
        self.conversation_id = conversation_id


class NothingToAnswer(StoryCoachError):
    """The coach has already answered the conversation's last message: nothing to try again."""

    def __init__(self, conversation_id: int) -> None:
        super().__init__(
            f"conversation {conversation_id}: the coach has answered the last message already"
        )
        self.conversation_id = conversation_id


@dataclass(frozen=True)
class Turn:
    """What the coach needs to answer, as plain data (no ORM rows cross threads)."""

    org: str
    conversation_id: int
    language: Language
    messages: tuple[Said, ...]


def said(messages: list[Message]) -> tuple[Said, ...]:
    return tuple(Said(m.role, m.content) for m in messages)


def start_conversation(
    session: Session,
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    leader_id: int,
    priority: str,
    *,
    language: Language | None = None,
) -> Conversation:
    """A new conversation about ``priority``: the priority as the leader's first message, the
    interview's questions as the coach's. The interview runs before anything is written, so a
    bad priority or a model failure leaves no half-made conversation behind."""
    resolved = resolve_priority(knowledge, org, priority)
    chosen = choose_language(language, resolved.text)
    opening = (Said(MessageRole.USER, priority.strip()),)
    reply = final_reply(stream_reply(model, knowledge, org, opening, chosen))
    conversation = create_conversation(
        session,
        org,
        leader_id,
        title=_title(resolved.text.split("\n", 1)[0]),
        language=chosen,
        priority_id=resolved.id,
    )
    add_message(session, org, conversation.id, MessageRole.USER, priority)
    add_message(
        session,
        org,
        conversation.id,
        MessageRole.ASSISTANT,
        reply.content,
        citations=reply.citations,
    )
    return conversation


def add_leader_message(
    session: Session, org: str, leader_id: int, conversation_id: int, content: str
) -> Turn:
    """Keep the leader's message in ``leader_id``'s conversation and return what the coach
    needs to answer it. Commit ``session`` before calling ``reply_to``."""
    conversation = get_conversation(session, org, conversation_id, leader_id=leader_id)
    before = said(list_messages(session, org, conversation.id))
    check_account_size([*before, Said(MessageRole.USER, content)])
    message = add_message(session, org, conversation.id, MessageRole.USER, content)
    return Turn(
        org,
        conversation.id,
        conversation.language,
        (*before, Said(MessageRole.USER, message.content)),
    )


def pending_turn(session: Session, org: str, leader_id: int, conversation_id: int) -> Turn:
    """The turn the coach still owes: the kept messages, which end with the leader's (a
    reply that failed, or a browser closed while it was written). ``NothingToAnswer`` when
    the coach has answered already, so trying again never writes a second reply."""
    conversation = get_conversation(session, org, conversation_id, leader_id=leader_id)
    messages = said(list_messages(session, org, conversation.id))
    if not messages or messages[-1].role is not MessageRole.USER or len(messages) < 2:
        raise NothingToAnswer(conversation.id)
    return Turn(org, conversation.id, conversation.language, messages)


def reply_to(
    turn: Turn, model: ChatModel, knowledge: KnowledgeBase, database: Database
) -> Iterator[Delta | Message]:
    """The coach's reply to ``turn``: deltas while it is written, then the kept ``Message``.

    The reply is written in its own transaction once finished, a draft with its parts; if
    the model fails, the exception propagates and nothing is written (the leader's message is
    already kept, so ``pending_turn`` can try again).
    """
    reply: Reply | None = None
    for event in stream_reply(model, knowledge, turn.org, turn.messages, turn.language):
        if isinstance(event, Reply):
            reply = event
        else:
            yield event
    assert reply is not None
    parts = story_parts(reply.story) if reply.story is not None else None
    with database.transaction() as session:
        message = add_message(
            session,
            turn.org,
            turn.conversation_id,
            MessageRole.ASSISTANT,
            reply.content,
            citations=reply.citations,
            parts=parts.as_json() if parts else None,
        )
    yield message


def latest_draft(messages: list[Message]) -> Message | None:
    return next((m for m in reversed(messages) if _is_draft_message(m)), None)


def save_draft(
    session: Session,
    org: str,
    leader_id: int,
    conversation_id: int,
    *,
    title: str | None = None,
    message_id: int | None = None,
    edits: Mapping[str, str] | None = None,
) -> Story:
    """Save a draft of the conversation (the latest, or ``message_id``) as a draft story of
    its leader, with the leader's ``edits`` to its parts (key -> text; see ``drafts.py``).

    Without edits the draft's Markdown is saved as it is. With edits the story is composed
    from the edited parts, and each edited part is kept as the leader's own words.

    Raises:
        NoDraft: the conversation has no draft yet.
        InvalidInput: ``message_id`` is not a draft of this conversation, or an edit is
            refused (naming ``parts.<key>``), or the draft has no parts to edit.
    """
    conversation = get_conversation(session, org, conversation_id, leader_id=leader_id)
    draft = _chosen_draft(list_messages(session, org, conversation.id), message_id)
    if draft is None:
        raise NoDraft(conversation.id)
    kept = read_parts(draft.parts)
    text = draft_text(draft.content)
    if edits:
        if kept is None:
            raise InvalidInput("parts", "draft_without_parts")
        edited = edit_parts(kept, edits)
        if edited.parts != kept.parts:
            kept, text = edited, compose_markdown(edited.parts)
    heading = text.splitlines()[0].removeprefix("# ").strip()
    saved_parts = DraftParts(parts=kept.parts, fallbacks=kept.fallbacks) if kept else None
    return save_story(
        session,
        org,
        leader_id,
        title=title or heading,
        text=text,
        language=conversation.language,
        citations=draft.citations,
        core_message=_core_message(text, kept),
        values=[c for c in draft.citations if c.startswith("value-")],
        conversation_id=conversation.id,
        parts=saved_parts.as_json() if saved_parts else None,
    )


def _chosen_draft(messages: list[Message], message_id: int | None) -> Message | None:
    if message_id is None:
        return latest_draft(messages)
    found = next((m for m in messages if m.id == message_id), None)
    if found is None or not _is_draft_message(found):
        raise InvalidInput("message_id", "not_a_draft")
    return found


def _is_draft_message(message: Message) -> bool:
    return message.role is MessageRole.ASSISTANT and is_draft(message.content)


def _core_message(text: str, parts: DraftParts | None) -> str | None:
    core = parts.part("core_message") if parts else None
    if core is not None:
        return core.text
    labels = [f"**{load_words('story', language)['labels.core']}:** " for language in Language]
    for line in text.splitlines():
        for label in labels:
            if line.startswith(label):
                return line.removeprefix(label).strip() or None
    return None


def _title(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rstrip() + "…"
