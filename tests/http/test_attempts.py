"""The failed sign-in counter on its own: backoff, forgetting, a bounded table."""

from __future__ import annotations

import pytest

from service.http import attempts
from service.http.attempts import (
    FREE_FAILURES,
    MAX_LOCKOUT,
    WINDOW,
    FailedSignIns,
    TooManyFailedSignIns,
)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def fail(counter: FailedSignIns, client: str, times: int) -> None:
    for _ in range(times):
        counter.failed(client, "invalid_key")


def test_the_wait_doubles_up_to_a_cap_and_only_for_that_client() -> None:
    clock = Clock()
    counter = FailedSignIns(clock)
    fail(counter, "10.0.0.1", FREE_FAILURES)
    counter.check("10.0.0.1")  # the free ones cost nothing
    waits = []
    for _ in range(12):
        fail(counter, "10.0.0.1", 1)
        with pytest.raises(TooManyFailedSignIns) as shut:
            counter.check("10.0.0.1")
        waits.append(shut.value.retry_after)
        clock.now += shut.value.retry_after
    assert waits[:4] == [1, 2, 4, 8] and waits[-1] == MAX_LOCKOUT
    counter.check("10.0.0.2")  # another client is not slowed


def test_a_quiet_client_is_forgotten_and_a_good_key_clears_the_count() -> None:
    clock = Clock()
    counter = FailedSignIns(clock)
    fail(counter, "a", FREE_FAILURES + 1)
    clock.now += WINDOW + 1
    counter.check("a")
    fail(counter, "a", FREE_FAILURES)
    counter.check("a")  # the count started again
    counter.succeeded("a")
    fail(counter, "a", FREE_FAILURES)
    counter.check("a")


def test_the_table_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attempts, "MAX_CLIENTS", 3)
    counter = FailedSignIns(Clock())
    fail(counter, "first", FREE_FAILURES + 1)
    for client in ("b", "c", "d"):
        fail(counter, client, 1)
    counter.check("first")  # forgotten first: the table holds the three most recent
