"""The leader's chat: choose a priority, answer the coach, watch the draft stream in, save it
as a story and have the coach make a lesson or 1:1 lesson from it.

The page renders what is kept; ``chat.js`` streams new replies from
``POST /api/conversations/{id}/messages`` (SSE read with fetch, since EventSource cannot POST).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from service.errors import EmptyOrganisation, NotFound
from service.http.auth import Caller
from service.http.deps import KnowledgeDep, SessionDep
from service.http.ids import ConversationId
from service.http.paging import PageDep, cut
from service.http.public import conversation_detail
from service.http.routing import CommittingRoute
from service.knowledge import DocumentKind, KnowledgeBase, SearchFilters, SearchHit
from service.store import (
    Role,
    get_conversation,
    list_conversations,
    list_messages,
    list_stories,
)

from .rendering import not_found, page_for, render

router = APIRouter(route_class=CommittingRoute)
LeaderPage = Annotated[Caller, Depends(page_for(Role.LEADER))]
PRIORITY_QUERY = "priority prioriteit goal doel"
MAX_PRIORITIES = 50


def org_priorities(knowledge: KnowledgeBase, org: str) -> list[SearchHit]:
    """The organisation's priorities (a filtered search: the index has no list of its own)."""
    filters = SearchFilters(kind=DocumentKind.PRIORITY)
    try:
        hits = knowledge.search(org, PRIORITY_QUERY, k=MAX_PRIORITIES, filters=filters)
    except EmptyOrganisation:
        return []
    return sorted(hits, key=lambda hit: hit.title.lower())


@router.get("/chat")
def chat_start_page(
    request: Request,
    caller: LeaderPage,
    session: SessionDep,
    knowledge: KnowledgeDep,
    page: PageDep,
) -> HTMLResponse:
    rows = list_conversations(
        session, caller.org, caller.person.id, limit=page.peek, offset=page.offset
    )
    conversations, following = cut(rows, page)
    context = {
        "priorities": org_priorities(knowledge, caller.org),
        "conversations": conversations,
        "next": following,
        "conversation": None,
    }
    return render(request, "chat.html", caller, context)


@router.get("/chat/{conversation_id}")
def chat_page(
    request: Request,
    conversation_id: ConversationId,
    caller: LeaderPage,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> HTMLResponse:
    try:
        conversation = get_conversation(
            session, caller.org, conversation_id, leader_id=caller.person.id
        )
    except NotFound:
        return not_found(request, caller)
    messages = list_messages(session, caller.org, conversation.id)  # at most MAX_MESSAGES
    saved = list_stories(
        session,
        caller.org,
        author_id=caller.person.id,
        conversation_id=conversation.id,
        include_retired=True,
        limit=1,
    )
    context = {
        "conversation": conversation_detail(knowledge, conversation, messages),
        "story": saved[0] if saved else None,
    }
    return render(request, "chat.html", caller, context)
