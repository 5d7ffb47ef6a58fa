"""The server side of ``bench.load``: StoryCoach plus two reference routes, in its own process.

    python -m bench.load_server --data DIR --port PORT

It ingests the demo corpus into ``DIR`` with the hashing embedder, seeds one organisation,
prints ``{"key": ...}`` (the leader's sign-in key) as one line on stdout, then serves
``create_app`` with the instant model on ``127.0.0.1:PORT`` exactly as ``storycoach serve``
does (one uvicorn worker, its default loop and HTTP parser). Only this server adds
``POST /bench/bare-sse``: a bare sse-starlette stream of a given number of events, the floor
our chat stream is measured against.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import AsyncIterator, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.types import ASGIApp, Receive, Scope, Send

from service.app import create_app
from service.knowledge import KnowledgeBase, load_corpus
from service.knowledge.vector_store import VectorStore
from service.llm.completion import Completion
from service.settings import Settings
from service.store import Database, Role, upgrade_database
from service.store.seed import seed_demo
from service.testing import HashingEmbedder, InstantModel

ROOT = Path(__file__).resolve().parent.parent
ORG = "acme"


class BareStream(BaseModel):
    """What the reference stream sends: as many events, each as long, as a chat reply had."""

    events: int = Field(default=6, ge=1, le=1000)
    size: int = Field(default=400, ge=0, le=100_000)
    """Characters of ``data`` per event."""


_request_model: ContextVar[InstantModel] = ContextVar("request_model")


class RequestScopedInstantModel:
    """The instant model, one instance per HTTP request.

    ``InstantModel`` varies its answers with a turn counter. Shared by concurrent requests,
    the counter interleaves, and now and then a step draws a sentence too long for its field
    (``core_message``: 28 words, at most 25): a failure of the fake, not of the service. One
    instance per request gives every request the turns a lone request gets.
    """

    name = InstantModel.name

    def complete(self, messages: list[dict[str, str]], **options: Any) -> Completion:
        return _request_model.get().complete(messages, **options)

    def stream(self, messages: list[dict[str, str]], **options: Any) -> Iterator[str]:
        return _request_model.get().stream(messages, **options)


class SlowModel:
    """The instant model taking ``seconds`` per call, as a real model holds its slot."""

    def __init__(self, model: RequestScopedInstantModel, seconds: float) -> None:
        self.name = model.name
        self._model = model
        self._seconds = seconds

    def complete(self, messages: list[dict[str, str]], **options: Any) -> Completion:
        time.sleep(self._seconds)
        return self._model.complete(messages, **options)

    def stream(self, messages: list[dict[str, str]], **options: Any) -> Iterator[str]:
        time.sleep(self._seconds)
        return self._model.stream(messages, **options)


class FreshModelPerRequest:
    """ASGI middleware: a new ``InstantModel`` for each request (worker threads inherit it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _request_model.set(InstantModel())
        try:
            await self.app(scope, receive, send)
        finally:
            _request_model.reset(token)


def bench_app(
    settings: Settings, knowledge: KnowledgeBase, database: Database, model_seconds: float = 0
) -> FastAPI:
    """``create_app`` with the instant model (slowed to ``model_seconds`` a call, if given),
    plus the bare reference stream."""
    instant = RequestScopedInstantModel()
    model = SlowModel(instant, model_seconds) if model_seconds else instant
    app = create_app(settings, knowledge, model=model, database=database)
    app.add_middleware(FreshModelPerRequest)

    @app.post("/bench/bare-sse", include_in_schema=False)
    async def bare_sse(body: BareStream) -> EventSourceResponse:
        async def events() -> AsyncIterator[ServerSentEvent]:
            for _ in range(body.events):
                yield ServerSentEvent("x" * body.size, event="delta")

        return EventSourceResponse(events())

    return app


UNQUEUED = {"model_slots": 64, "model_queue": 1000, "model_queue_per_caller": 100}
"""For ``bench.load``: the instant model serves every stream at once, and every stream is the
same leader; the model's queue (service/http/model_queue.py) would only serialise them, and
that benchmark measures the web layer's own cost per request, not the queue."""
QUEUED = {"model_slots": 1, "model_queue": 64, "model_queue_per_caller": 64}
"""For ``bench.queue``: the product's one slot, with room for every request of one leader."""


def prepare(
    data_dir: Path, queue: dict[str, int] | None = None
) -> tuple[Settings, KnowledgeBase, Database, str]:
    """A fresh data folder with the demo corpus and the demo people; the leader's key."""
    settings = Settings(
        data_dir=data_dir,
        database_url=None,
        chroma_host=None,
        **(queue or UNQUEUED),  # type: ignore[arg-type]
        _env_file=None,
    )
    knowledge = KnowledgeBase(VectorStore.open(settings), HashingEmbedder())
    knowledge.ingest(ORG, load_corpus(ROOT / "corpus").documents)
    database = upgrade_database(settings)
    with database.transaction() as session:
        keys = {issued.person.role: issued.key for issued in seed_demo(session, ORG)}
    return settings, knowledge, database, keys[Role.LEADER]


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--model-seconds", type=float, default=0.0)
    parser.add_argument("--queued", action="store_true", help="the product's one model slot")
    args = parser.parse_args()
    settings, knowledge, database, key = prepare(args.data, QUEUED if args.queued else None)
    print(json.dumps({"key": key}), flush=True)
    app = bench_app(settings, knowledge, database, args.model_seconds)
    try:
        uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    finally:
        database.close()


if __name__ == "__main__":
    main()
