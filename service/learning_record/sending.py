"""Sending statements to an LRS without ever holding up a request.

``submit`` only appends to a bounded in-memory queue (under a lock held for an append) and
returns; one background thread takes batches off it and POSTs them to ``{endpoint}/statements``
with httpx. So an LRS that is down, slow or refusing costs a request nothing:

- a full queue drops its *oldest* statement (the newest say more about now), counts the drop
  and logs a warning (the first, then every hundredth);
- a connection error, a timeout, 429 or a 5xx is retried a few times with growing waits; a
  batch still refused after that is dropped and counted, and the thread goes on;
- any other 4xx means the LRS will never take this batch: it is logged and dropped at once;
- ``close`` sends what is queued until a deadline, then gives up (logged); the thread is a
  daemon, so not even a hung LRS keeps the process alive.

Statement ids are derived from the event (``building.statement_id``), so a batch resent after
a timeout that the LRS had in fact stored is recognised as the same statements, not doubled.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass

import httpx

from .statements import Statement

log = logging.getLogger(__name__)

XAPI_VERSION = "1.0.3"


@dataclass(frozen=True)
class SenderLimits:
    capacity: int = 1000
    """Statements that may wait; one more drops the oldest."""
    batch: int = 50
    """Statements per POST."""
    retries: int = 3
    """Further tries of a batch after a connection error, timeout, 429 or 5xx."""
    backoff: float = 0.5
    """Seconds before the first retry; doubled before each next one."""


@dataclass
class SenderCounts:
    sent: int = 0
    dropped: int = 0
    """Dropped from a full queue, never tried."""
    failed: int = 0
    """Tried and given up on (refused, or still failing after the retries)."""


class StatementSender:
    """A bounded queue of statements and the one thread that sends them to an LRS."""

    def __init__(
        self,
        endpoint: str,
        *,
        auth: tuple[str, str] | None = None,
        timeout: float = 5.0,
        limits: SenderLimits | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = f"{endpoint.rstrip('/')}/statements"
        self.limits = limits or SenderLimits()
        self.counts = SenderCounts()
        self._client = httpx.Client(
            auth=httpx.BasicAuth(*auth) if auth else None,
            timeout=timeout,
            headers={"X-Experience-API-Version": XAPI_VERSION},
            transport=transport,
        )
        self._queue: deque[Statement] = deque()
        self._ready = threading.Condition()
        self._deadline: float | None = None
        """Set by ``close``: the monotonic time after which nothing more is tried."""
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lrs-sender", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def submit(self, statement: Statement) -> None:
        """Queue ``statement`` for sending; returns at once, whatever the LRS is doing."""
        with self._ready:
            if self._deadline is not None:
                return  # closing: nothing new is taken
            if len(self._queue) >= self.limits.capacity:
                self._queue.popleft()
                self.counts.dropped += 1
                if self.counts.dropped == 1 or self.counts.dropped % 100 == 0:
                    log.warning(
                        "LRS queue full (%d): dropped the oldest statement, %d dropped so far",
                        self.limits.capacity,
                        self.counts.dropped,
                    )
            self._queue.append(statement)
            self._ready.notify()

    @property
    def waiting(self) -> int:
        with self._ready:
            return len(self._queue)

    def close(self, within: float = 2.0) -> None:
        """Send what is queued for at most ``within`` seconds, then stop the thread."""
        with self._ready:
            self._deadline = time.monotonic() + within
            self._closing.set()
            self._ready.notify()
        if self._thread.is_alive():
            self._thread.join(within + 0.5)
        left = self.waiting
        if left:
            log.warning("LRS: %d statements not sent before shutdown", left)
        self._client.close()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._queue and self._deadline is None:
                    self._ready.wait()
                if not self._queue or self._past_deadline():
                    return
                batch = [
                    self._queue.popleft() for _ in range(min(self.limits.batch, len(self._queue)))
                ]
            self._send(batch)

    def _send(self, batch: list[Statement]) -> None:
        body = [statement.as_json() for statement in batch]
        wait = self.limits.backoff
        for attempt in range(self.limits.retries + 1):
            try:
                answer = self._client.post(self.url, json=body)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            except Exception as exc:  # whatever happens, the thread goes on
                problem = f"{type(exc).__name__}: {exc}"
                log.exception("LRS: unexpected error sending %d statements", len(batch))
            else:
                if answer.is_success:
                    self.counts.sent += len(batch)
                    return
                problem = f"HTTP {answer.status_code}: {answer.text[:200]}"
                if not _worth_retrying(answer.status_code):
                    log.error("LRS refused %d statements: %s", len(batch), problem)
                    self.counts.failed += len(batch)
                    return
            if attempt == self.limits.retries or not self._pause(wait):
                break
            wait *= 2
        log.warning("LRS: gave up on %d statements: %s", len(batch), problem)
        self.counts.failed += len(batch)

    def _pause(self, seconds: float) -> bool:
        """Wait ``seconds`` before a retry (queued statements do not cut it short; ``close``
        cuts it to its deadline); ``False`` when no time is left to retry."""
        until = time.monotonic() + seconds
        if self._closing.wait(seconds):
            assert self._deadline is not None
            rest = min(until, self._deadline) - time.monotonic()
            if rest > 0:
                time.sleep(rest)
        return not self._past_deadline()

    def _past_deadline(self) -> bool:
        return self._deadline is not None and time.monotonic() >= self._deadline


def _worth_retrying(status: int) -> bool:
    return status >= 500 or status in (408, 429)
