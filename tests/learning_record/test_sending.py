"""The background sender, against a fake LRS (httpx.MockTransport): what it sends, its retries,
what it drops, and that nothing it does makes a caller wait."""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from service.learning_record import SenderLimits, StatementSender

from .events import statements

ENDPOINT = "https://lrs.example.com/xAPI/"
QUICK = SenderLimits(capacity=100, batch=10, retries=3, backoff=0.01)
HOLD = 30.0
"""Seconds a held LRS keeps a POST. Whatever waited on one takes at least this long, so the
"did not wait" checks below allow half of it: they hold on any machine, however loaded."""


class FakeLrs:
    """Answers each POST from a list of replies (the last one repeats) and keeps what came."""

    def __init__(self, *replies: int | type[Exception]) -> None:
        self.replies = list(replies) or [200]
        self.requests: list[httpx.Request] = []
        self.release = threading.Event()
        self.release.set()
        self.arrived = threading.Event()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.arrived.set()
        self.release.wait(HOLD)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, type):
            raise reply("the LRS is not there", request=request)
        return httpx.Response(reply, json=[])

    def bodies(self) -> list[list[dict[str, object]]]:
        return [json.loads(r.content) for r in self.requests]


@pytest.fixture
def sender_for() -> Iterator[Callable[..., StatementSender]]:
    made: list[StatementSender] = []

    def make(lrs: FakeLrs, limits: SenderLimits = QUICK, **kwargs: object) -> StatementSender:
        sender = StatementSender(
            ENDPOINT, limits=limits, transport=httpx.MockTransport(lrs), **kwargs
        )
        sender.start()
        made.append(sender)
        return sender

    yield make
    for sender in made:
        sender.close(0.5)


def wait_for(condition: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.01)


def test_statements_go_to_the_statements_resource_as_xapi_1_0_3_with_basic_auth(
    sender_for: Callable[..., StatementSender],
) -> None:
    lrs = FakeLrs(200)
    sender = sender_for(lrs, auth=("key", "secret"))
    for statement in statements(3):
        sender.submit(statement)
    wait_for(lambda: sender.counts.sent == 3)

    request = lrs.requests[0]
    assert request.method == "POST"
    assert str(request.url) == "https://lrs.example.com/xAPI/statements"
    assert request.headers["X-Experience-API-Version"] == "1.0.3"
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"key:secret").decode()
    sent = [s for body in lrs.bodies() for s in body]
    assert [s["id"] for s in sent] == [str(s.id) for s in statements(3)]


def test_a_batch_is_retried_after_5xx_and_connection_errors_as_the_same_statements(
    sender_for: Callable[..., StatementSender],
) -> None:
    lrs = FakeLrs(503, httpx.ConnectError, 502, 200)
    sender = sender_for(lrs)
    for statement in statements(2):
        sender.submit(statement)
    wait_for(lambda: sender.counts.sent == 2)
    assert len(lrs.requests) == 4
    assert all(body == lrs.bodies()[0] for body in lrs.bodies())  # ids included: no duplicates
    assert sender.counts.failed == 0


def test_a_batch_still_failing_after_the_retries_is_given_up_and_the_next_is_sent(
    sender_for: Callable[..., StatementSender], caplog: pytest.LogCaptureFixture
) -> None:
    lrs = FakeLrs(500, 500, 500, 500, 200)
    sender = sender_for(lrs, SenderLimits(batch=2, retries=3, backoff=0.01))
    for statement in statements(2):
        sender.submit(statement)
    wait_for(lambda: sender.counts.failed == 2)
    sender.submit(statements(3)[2])
    wait_for(lambda: sender.counts.sent == 1)
    assert len(lrs.requests) == 5
    assert "gave up on 2 statements: HTTP 500" in caplog.text


def test_a_refusal_is_not_retried(
    sender_for: Callable[..., StatementSender], caplog: pytest.LogCaptureFixture
) -> None:
    lrs = FakeLrs(400, 200)
    sender = sender_for(lrs)
    sender.submit(statements(1)[0])
    wait_for(lambda: sender.counts.failed == 1)
    assert len(lrs.requests) == 1
    assert "LRS refused 1 statements: HTTP 400" in caplog.text


def test_a_full_queue_drops_the_oldest_counts_and_warns(
    sender_for: Callable[..., StatementSender], caplog: pytest.LogCaptureFixture
) -> None:
    lrs = FakeLrs(200)
    lrs.release.clear()  # the LRS holds the first POST
    sender = sender_for(lrs, SenderLimits(capacity=3, batch=1, retries=0))
    first, *rest = statements(6)
    sender.submit(first)
    assert lrs.arrived.wait(5)
    with caplog.at_level(logging.WARNING):
        for statement in rest:
            sender.submit(statement)
    assert sender.counts.dropped == 2 and sender.waiting == 3
    assert "LRS queue full (3): dropped the oldest statement, 1 dropped so far" in caplog.text
    lrs.release.set()
    wait_for(lambda: sender.counts.sent == 4)
    sent = [body[0]["id"] for body in lrs.bodies()]
    assert sent == [str(s.id) for s in [first, *rest[2:]]]


def test_submitting_never_waits_for_a_hanging_lrs(
    sender_for: Callable[..., StatementSender],
) -> None:
    lrs = FakeLrs(200)
    lrs.release.clear()
    sender = sender_for(lrs, SenderLimits(capacity=50, batch=5))
    many = statements(200)
    sender.submit(many[0])
    assert lrs.arrived.wait(5)
    started = time.perf_counter()
    for statement in many[1:]:
        sender.submit(statement)
    assert time.perf_counter() - started < HOLD / 2
    assert sender.waiting == 50 and sender.counts.dropped == 149
    lrs.release.set()


def test_closing_flushes_what_is_queued(sender_for: Callable[..., StatementSender]) -> None:
    lrs = FakeLrs(200)
    sender = sender_for(lrs, SenderLimits(batch=2))
    for statement in statements(5):
        sender.submit(statement)
    sender.close(2.0)
    assert sender.counts.sent == 5 and sender.waiting == 0


def test_closing_gives_up_at_its_deadline_when_the_lrs_hangs_or_fails(
    sender_for: Callable[..., StatementSender], caplog: pytest.LogCaptureFixture
) -> None:
    failing = sender_for(FakeLrs(503), SenderLimits(retries=50, backoff=0.2))
    hanging_lrs = FakeLrs(200)
    hanging_lrs.release.clear()
    hanging = sender_for(hanging_lrs)
    for statement in statements(3):
        failing.submit(statement)
        hanging.submit(statement)
    assert hanging_lrs.arrived.wait(5)
    started = time.perf_counter()
    failing.close(0.3)
    hanging.close(0.3)
    assert time.perf_counter() - started < HOLD / 2
    assert failing.counts.sent == 0 and failing.counts.failed == 3
    hanging_lrs.release.set()
    failing.submit(statements(1)[0])  # closed: nothing new is taken
    assert failing.waiting == 0
