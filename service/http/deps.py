"""Injected things, as ``Annotated`` aliases so handlers stay one line per dependency.

The API's routes and the pages take them from here alone. Everything comes from
``app.state`` (set in the lifespan), so tests inject their own knowledge base, model and
database by passing them to ``create_app``. Who the caller is, is worked out in ``auth.py``;
``CallerDep`` and the role aliases (``LeaderDep``, ``ReviewerDep``, ...) inject it.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from service.coach.model import ChatModel
from service.coach.opening import open_chat_model
from service.knowledge import KnowledgeBase
from service.quality import Judge, Rubric
from service.settings import Settings
from service.store import Database, Role
from service.store.access import NotAllowed
from service.vocabulary import LessonKind

from .auth import Caller, csrf_candidate, resolve_caller
from .model_queue import ModelQueue, Ticket, take_place

_model_lock = threading.Lock()


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _knowledge(request: Request) -> KnowledgeBase:
    knowledge: KnowledgeBase = request.app.state.knowledge
    return knowledge


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back if it
    raises, so a refused request writes nothing. (``scope="function"`` commits before the
    response is sent, so a failed commit is an error response, not a lost write.)"""
    with _database(request).transaction() as session:
        yield session


def _model(request: Request) -> ChatModel:
    """The chat model: the one passed to ``create_app``, else the configured one, opened at
    first use (loading the embedded model takes seconds and memory a search never needs)."""
    state = request.app.state
    if state.model is None:
        with _model_lock:
            if state.model is None:
                state.model = open_chat_model(state.settings)
                state.opened_model = True
    model: ChatModel = state.model
    return model


def _judge(request: Request) -> Judge | None:
    judge: Judge | None = request.app.state.judge
    return judge


def _rubrics(request: Request) -> dict[LessonKind, Rubric]:
    rubrics: dict[LessonKind, Rubric] = request.app.state.rubrics
    return rubrics


Clock = Callable[[], datetime]
"""What tells the time: ``utcnow`` in service, a clock a test moves (``create_app(clock=)``)."""


def _now(request: Request) -> datetime:
    clock: Clock = request.app.state.clock
    return clock()


SettingsDep = Annotated[Settings, Depends(_settings)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(_knowledge)]
DatabaseDep = Annotated[Database, Depends(_database)]
SessionDep = Annotated[Session, Depends(_session, scope="function")]
ModelDep = Annotated[ChatModel, Depends(_model)]
JudgeDep = Annotated[Judge | None, Depends(_judge)]
"""The LLM judge for rubric criteria; ``None`` (unscored) until a judge model is configured."""
RubricsDep = Annotated[dict[LessonKind, Rubric], Depends(_rubrics)]
NowDep = Annotated[datetime, Depends(_now)]
"""Now, by the app's clock: when a follow-up is due is worked out from it (never a sleep in
a test: the test moves the clock)."""


def _caller(
    request: Request,
    session: SessionDep,
    csrf: Annotated[str | None, Depends(csrf_candidate)],
) -> Caller:
    return resolve_caller(request, session, csrf)


CallerDep = Annotated[Caller, Depends(_caller)]
"""The authenticated caller (key or session cookie), else a 401; a 403 for a cookie request
without its CSRF token."""


def _queue(request: Request) -> ModelQueue:
    queue: ModelQueue = request.app.state.model_queue
    return queue


def _who(request: Request, csrf: str | None) -> Caller:
    """The caller, looked up in a transaction of its own that ends before any waiting."""
    with _database(request).transaction() as session:
        return resolve_caller(request, session, csrf)


async def _model_ticket(
    request: Request, csrf: Annotated[str | None, Depends(csrf_candidate)]
) -> AsyncIterator[Ticket]:
    """A place in the model's queue, held until the response is sent (a stream included),
    or ``QueueFull`` (429). The route waits for its turn itself (a stream shows its place)."""
    caller = await run_in_threadpool(_who, request, csrf)
    queue = _queue(request)
    ticket = take_place(queue, caller)
    try:
        yield ticket
    finally:
        queue.release(ticket)


async def _model_turn(
    request: Request, ticket: Annotated[Ticket, Depends(_model_ticket)]
) -> Ticket:
    """A place in the model's queue whose turn has come: the request waits here, in the
    event loop, holding no thread and no database connection."""
    await _queue(request).wait(ticket)
    return ticket


ModelTicketDep = Annotated[Ticket, Depends(_model_ticket)]
"""Put it FIRST among a route's parameters: FastAPI solves dependencies in order, and the
request's own session must not be open while it waits."""
ModelTurnDep = Annotated[Ticket, Depends(_model_turn)]
"""Like ``ModelTicketDep``, after the wait; FIRST among the parameters for the same reason."""
QueueDep = Annotated[ModelQueue, Depends(_queue)]


def require(*roles: Role) -> Callable[[Caller], Caller]:
    """A dependency that lets through ``roles`` (and admins, who may do everything), else 403.

    Use as ``caller: Annotated[Caller, Depends(require(Role.REVIEWER))]``.
    """
    allowed = frozenset({*roles, Role.ADMIN})

    def check(caller: CallerDep) -> Caller:
        if caller.role not in allowed:
            names = " or ".join(sorted(r.value for r in allowed))
            raise NotAllowed(f"this needs the role {names}; you are a {caller.role.value}")
        return caller

    return check


LeaderDep = Annotated[Caller, Depends(require(Role.LEADER))]
ReviewerDep = Annotated[Caller, Depends(require(Role.REVIEWER))]
WorkerDep = Annotated[Caller, Depends(require(Role.LEADER, Role.REVIEWER))]
"""Leaders and reviewers: the people who write and edit lessons."""
