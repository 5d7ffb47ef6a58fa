"""Drafting conversations: a leader chats with the coach; replies stream as server-sent events.

``POST /conversations/{id}/messages`` keeps the leader's message first (the request's own
transaction, committed before the stream starts), then streams the coach's reply:

* ``queued`` — ``{"place", "message"}``: the reply waits for the model (see
  ``service/http/model_queue.py``); sent whenever its place changes, none when it starts at once;
* ``delta`` — ``{"text", "step", "restart"}``: a piece of a part the model is writing (a
  preview: it is not the draft until ``done``);
* ``citations`` — ``{"message_id", "citations": [{"id", "title"}]}``: the documents cited;
* ``done`` — ``{"message": MessagePublic}``: the reply as kept; a draft with its ``parts``
  (who wrote what) and ``notes``;
* ``error`` — ``{"code", "message", "field", "detail", "retry"}``: the reply failed; the
  leader's message stays. ``message`` is in plain words and the conversation's language;
  ``detail`` is the failed step's id or null, never the exception's or the provider's text
  (that goes to the server log); ``POST /conversations/{id}/reply`` tries again from the
  kept messages.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator

from fastapi import APIRouter
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import iterate_in_threadpool

from service.chat import (
    Turn,
    add_leader_message,
    pending_turn,
    plain_failure,
    reply_to,
    save_draft,
    start_conversation,
)
from service.coach import Delta
from service.coach.model import ChatModel
from service.http.deps import (
    DatabaseDep,
    KnowledgeDep,
    LeaderDep,
    ModelDep,
    ModelTicketDep,
    ModelTurnDep,
    QueueDep,
    SessionDep,
)
from service.http.errors import describe_error
from service.http.ids import ConversationId
from service.http.model_queue import ModelQueue, Ticket, waiting_message
from service.http.paging import PageDep, cut
from service.http.public import (
    conversation_detail,
    conversation_public,
    message_public,
    story_public,
)
from service.http.routing import CommittingRoute
from service.http.schemas import (
    ConversationCreate,
    ConversationDetail,
    ConversationsPublic,
    DeltaEvent,
    DoneEvent,
    ErrorEvent,
    MessageCreate,
    MessagesPublic,
    QueuedEvent,
    StoryFromDraft,
    StoryPublic,
)
from service.knowledge import KnowledgeBase
from service.store import Database, get_conversation, list_conversations, list_messages

log = logging.getLogger(__name__)
router = APIRouter(route_class=CommittingRoute, prefix="/conversations", tags=["conversations"])
SSE_RESPONSE = {200: {"content": {"text/event-stream": {}}, "description": "The coach's reply."}}


@router.post("", status_code=201)
def new_conversation(
    queued: ModelTurnDep,
    body: ConversationCreate,
    caller: LeaderDep,
    session: SessionDep,
    model: ModelDep,
    knowledge: KnowledgeDep,
) -> ConversationDetail:
    """Start a chat about a priority; the coach's interview questions come back at once."""
    language = body.language
    conversation = start_conversation(
        session, model, knowledge, caller.org, caller.person.id, body.priority, language=language
    )
    messages = list_messages(session, caller.org, conversation.id)
    return conversation_detail(knowledge, conversation, messages)


@router.get("")
def conversations(caller: LeaderDep, session: SessionDep, page: PageDep) -> ConversationsPublic:
    """The caller's conversations, most recently active first, a page at a time."""
    rows = list_conversations(
        session, caller.org, caller.person.id, limit=page.peek, offset=page.offset
    )
    shown, following = cut(rows, page)
    data = [conversation_public(c) for c in shown]
    return ConversationsPublic(data=data, count=len(data), next=following)


@router.get("/{conversation_id}")
def read_conversation(
    conversation_id: ConversationId,
    caller: LeaderDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> ConversationDetail:
    """The whole chat, with the documents each reply cites and the latest draft."""
    conversation = get_conversation(
        session, caller.org, conversation_id, leader_id=caller.person.id
    )
    messages = list_messages(session, caller.org, conversation.id)
    return conversation_detail(knowledge, conversation, messages)


@router.get("/{conversation_id}/messages")
def read_messages(
    conversation_id: ConversationId,
    caller: LeaderDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    page: PageDep,
) -> MessagesPublic:
    """The conversation's messages in the order they were written, a page at a time."""
    conversation = get_conversation(
        session, caller.org, conversation_id, leader_id=caller.person.id
    )
    rows = list_messages(session, caller.org, conversation.id, limit=page.peek, offset=page.offset)
    shown, following = cut(rows, page)
    data = [message_public(knowledge, m) for m in shown]
    return MessagesPublic(data=data, count=len(data), next=following)


@router.post("/{conversation_id}/messages", responses=SSE_RESPONSE)  # type: ignore[arg-type]
def post_message(
    ticket: ModelTicketDep,
    queue: QueueDep,
    conversation_id: ConversationId,
    body: MessageCreate,
    caller: LeaderDep,
    session: SessionDep,
    model: ModelDep,
    knowledge: KnowledgeDep,
    database: DatabaseDep,
) -> EventSourceResponse:
    """Answer the coach or give feedback on its draft; the reply streams (see the module)."""
    turn = add_leader_message(session, caller.org, caller.person.id, conversation_id, body.content)
    return EventSourceResponse(queued_reply(queue, ticket, turn, model, knowledge, database))


@router.post("/{conversation_id}/reply", responses=SSE_RESPONSE)  # type: ignore[arg-type]
def try_again(
    ticket: ModelTicketDep,
    queue: QueueDep,
    conversation_id: ConversationId,
    caller: LeaderDep,
    session: SessionDep,
    model: ModelDep,
    knowledge: KnowledgeDep,
    database: DatabaseDep,
) -> EventSourceResponse:
    """Try the coach's reply again, from the kept messages, after it failed (streams as
    ``/messages`` does; 409 ``nothing_to_answer`` when the coach has answered already)."""
    turn = pending_turn(session, caller.org, caller.person.id, conversation_id)
    return EventSourceResponse(queued_reply(queue, ticket, turn, model, knowledge, database))


@router.post("/{conversation_id}/story", status_code=201)
def save_as_story(
    conversation_id: ConversationId,
    caller: LeaderDep,
    session: SessionDep,
    body: StoryFromDraft | None = None,
) -> StoryPublic:
    """Save a draft as a draft story, with the leader's edits to its parts if any (409
    ``no_draft`` before there is one; 422 naming ``parts.<key>`` for a refused edit)."""
    body = body or StoryFromDraft()
    story = save_draft(
        session,
        caller.org,
        caller.person.id,
        conversation_id,
        title=body.title,
        message_id=body.message_id,
        edits=body.parts,
    )
    return story_public(story)


async def queued_reply(
    queue: ModelQueue,
    ticket: Ticket,
    turn: Turn,
    model: ChatModel,
    knowledge: KnowledgeBase,
    database: Database,
) -> AsyncIterator[ServerSentEvent]:
    """The reply's place in the model's queue while it waits, then the reply itself (its
    model work in a worker thread, which it holds only once its turn has come)."""
    async for place in queue.turn(ticket):
        queued = QueuedEvent(place=place, message=waiting_message(place, turn.language))
        yield ServerSentEvent(queued.model_dump_json(), event="queued")
    async for event in iterate_in_threadpool(reply_events(turn, model, knowledge, database)):
        yield event


def reply_events(
    turn: Turn, model: ChatModel, knowledge: KnowledgeBase, database: Database
) -> Iterator[ServerSentEvent]:
    """The coach's reply as SSE events; an error becomes an ``error`` event in plain words
    (the technical reason is logged, never sent), not a dropped connection, and the leader's
    message (kept before this runs) stays."""
    try:
        for event in reply_to(turn, model, knowledge, database):
            if isinstance(event, Delta):
                delta = DeltaEvent(text=event.text, step=event.step, restart=event.restart)
                yield ServerSentEvent(delta.model_dump_json(), event="delta")
                continue
            kept = message_public(knowledge, event)
            cited = {"message_id": kept.id, "citations": [c.model_dump() for c in kept.citations]}
            yield ServerSentEvent(json.dumps(cited), event="citations")
            yield ServerSentEvent(DoneEvent(message=kept).model_dump_json(), event="done")
    except Exception as exc:  # reported to the client in the stream, which has begun
        info = describe_error(exc, turn.language)
        told = plain_failure(exc, turn.language)
        log.warning("reply in conversation %s failed: %s", turn.conversation_id, info.code)
        error = ErrorEvent(
            code=info.code,
            message=told.message,
            field=info.field,
            detail=info.detail,
            retry=told.retry,
        )
        yield ServerSentEvent(error.model_dump_json(), event="error")
