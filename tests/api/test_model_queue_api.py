"""Model work waits its turn in the event loop: pages and ``/api/me`` answer meanwhile, a
full queue is a 429 that keeps nothing, and a waiting chat streams its place."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.http.model_queue import ModelQueue, Ticket
from service.http.schemas.openai import MODEL_ID
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from service.vocabulary import Language
from tests.api.chat_client import chat_client, sse_events
from tests.chat.models import coach_model
from tests.factories import ACCOUNT
from tests.helpers.conversations import PRIORITY, start
from tests.store.factories import Member

People = dict[Role, Member]
WAITING = 8
"""Model requests left waiting while the test looks at everything else."""


def queued_client(
    settings: Settings, loaded: KnowledgeBase, database: Database, **limits: int
) -> Iterator[TestClient]:
    settings = settings.model_copy(update={"default_org": "acme", **limits})
    with chat_client(settings, loaded, database, coach_model()) as client:
        yield client


@pytest.fixture
def client(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People, globex: People
) -> Iterator[TestClient]:
    yield from queued_client(settings, loaded, database, model_queue_per_caller=WAITING + 1)


class Holder:
    """Someone else's job, holding the model's only slot until released."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.queue: ModelQueue = client.app.state.model_queue  # type: ignore[attr-defined]
        self.ticket: Ticket = self.call(self.queue.take, "elsewhere/1", Role.LEADER, Language.EN)

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        assert self.client.portal is not None
        return self.client.portal.call(function, *args)  # on the app's event loop

    def release(self) -> None:
        self.call(self.queue.release, self.ticket)

    def waiting(self) -> int:
        return int(self.call(lambda: self.queue.waiting))


def saved_story(client: TestClient, leader: Member) -> int:
    created = client.post(
        "/api/stories",
        json={"title": "The callback I missed", "text": ACCOUNT, "language": "en"},
        headers=leader.headers,
    )
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def until(condition: Callable[[], bool]) -> None:
    """Wait for ``condition`` without asserting anything about time."""
    event = threading.Event()
    while not condition():
        event.wait(0.01)


def test_me_and_pages_answer_while_model_work_waits(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    holder = Holder(client)
    with ThreadPoolExecutor(WAITING) as pool:
        pending: list[Future[Any]] = [
            pool.submit(
                client.post,
                "/api/conversations",
                json={"priority": PRIORITY},
                headers=leader.headers,
            )
            for _ in range(WAITING)
        ]
        until(lambda: holder.waiting() == WAITING)
        # Every model request waits; none holds a thread or a connection, so these answer.
        for _ in range(3):
            assert client.get("/api/me", headers=leader.headers).status_code == 200
            assert client.get("/api/stories", headers=leader.headers).status_code == 200
        assert not any(p.done() for p in pending)
        holder.release()
        answers = [p.result(timeout=60) for p in pending]
    assert [a.status_code for a in answers] == [201] * WAITING


def test_a_full_queue_answers_429_and_keeps_nothing(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People, globex: People
) -> None:
    leader = acme[Role.LEADER]
    for client in queued_client(settings, loaded, database, model_queue=0):
        started = start(client, leader)  # the slot is free: it runs at once
        holder = Holder(client)
        refused = client.post(
            f"/api/conversations/{started['id']}/messages",
            json={"content": ACCOUNT},
            headers=leader.headers,
        )
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0
        error = refused.json()["error"]
        assert error["code"] == "model_busy" and "again" in error["message"]
        kept = client.get(f"/api/conversations/{started['id']}", headers=leader.headers)
        assert len(kept.json()["messages"]) == 2  # the refused message was not kept
        holder.release()
        sent = client.post(
            f"/api/conversations/{started['id']}/messages",
            json={"content": ACCOUNT},
            headers=leader.headers,
        )
        assert sent.status_code == 200


def test_a_waiting_chat_streams_its_place_then_the_reply(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    started = start(client, leader)
    holder = Holder(client)

    def told() -> bool:
        """The waiting chat has sent its place (the test client hands over a stream only
        once it has ended, so the test watches the queue instead)."""
        waiting: list[Ticket] = holder.call(holder.queue.waiting_tickets)
        return bool(waiting) and waiting[0].told > 0

    with ThreadPoolExecutor(1) as pool:
        reply = pool.submit(
            client.post,
            f"/api/conversations/{started['id']}/messages",
            json={"content": ACCOUNT},
            headers=leader.headers,
        )
        until(told)
        holder.release()
        events = sse_events(reply.result(timeout=60).text)
    names = [name for name, _ in events]
    assert names[0] == "queued" and names[-1] == "done"
    assert events[0][1]["place"] == 1 and "number 1" in events[0][1]["message"]


def test_a_member_asking_for_questions_cannot_crowd_out_leaders(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People, globex: People
) -> None:
    member, leader = acme[Role.MEMBER], acme[Role.LEADER]
    for client in queued_client(settings, loaded, database, model_queue_members=0):
        story = saved_story(client, leader)
        publish = client.post(f"/api/stories/{story}/publish", headers=leader.headers)
        assert publish.status_code in (200, 201), publish.text
        holder = Holder(client)
        refused = client.post(
            f"/api/stories/{story}/questions", json={"count": 3}, headers=member.headers
        )
        assert refused.status_code == 429
        holder.release()


def test_the_openai_route_queues_too_and_answers_429_in_openais_shape(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People, globex: People
) -> None:
    leader = acme[Role.LEADER]
    body = {"model": MODEL_ID, "messages": [{"role": "user", "content": PRIORITY}]}
    for client in queued_client(settings, loaded, database, model_queue=0):
        holder = Holder(client)
        refused = client.post("/v1/chat/completions", json=body, headers=leader.headers)
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        assert refused.json()["error"]["code"] == "model_busy"
        assert refused.json()["error"]["type"] == "rate_limit_error"
        holder.release()
        assert client.post("/v1/chat/completions", json=body, headers=leader.headers).is_success
