"""Failed sign-ins, counted per client and slowed down: an in-process counter with backoff.

Keys are 256 random bits, so guessing one is hopeless whatever the rate; what this stops is a
client hammering the service with wrong keys (a scanner, a script with a stale key in a
loop), which costs a database lookup each and fills the log. After ``FREE_FAILURES`` wrong
keys within ``WINDOW``, each further failure shuts the client out for twice as long as the
last, up to ``MAX_LOCKOUT``; while shut out it gets 429 with ``Retry-After`` and its key is
not even looked up. A good key clears the count. Failures are logged with the client's
address and never with what it sent.

The counter lives in the process: several workers each count on their own, and a restart
forgets. A client is its address as the server sees it (``request.client``): with a proxy
on another host in front, set uvicorn's ``FORWARDED_ALLOW_IPS`` to the proxy's address (so
the forwarded client address is used), or every person behind it shares one count.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request

log = logging.getLogger(__name__)

FREE_FAILURES = 5
"""Wrong keys a client may send before it is slowed (a person mistyping, a stale script)."""
WINDOW = 15 * 60.0
"""Seconds after a client's last failure when its count is forgotten."""
MAX_LOCKOUT = 300.0
"""The longest a client is shut out at once, in seconds."""
MAX_CLIENTS = 10_000
"""Clients remembered at most (the least recently failing are forgotten first), so a flood
of addresses cannot grow the table without bound."""


class TooManyFailedSignIns(Exception):
    """429: this client sent too many wrong keys lately; it may try again after a while."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed sign-ins; retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass
class _Record:
    failures: int = 0
    last_failure: float = 0.0
    locked_until: float = 0.0


class FailedSignIns:
    """Per-client failure counts (see the module). Thread-safe: sync handlers run in a pool."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        """Seconds, monotonic; tests pass their own."""
        self._records: OrderedDict[str, _Record] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Refuse ``client`` with ``TooManyFailedSignIns`` while it is shut out."""
        now = self.clock()
        with self._lock:
            record = self._current(client, now)
            if record is not None and record.locked_until > now:
                raise TooManyFailedSignIns(math.ceil(record.locked_until - now))

    def failed(self, client: str, reason: str, key_prefix: str | None = None) -> None:
        """Count a wrong key from ``client`` and log it (``reason``: the refusal's code;
        ``key_prefix``: the stored prefix of a known but revoked or expired key)."""
        now = self.clock()
        with self._lock:
            record = self._current(client, now) or _Record()
            record.failures += 1
            record.last_failure = now
            beyond = record.failures - FREE_FAILURES
            if beyond > 0:
                record.locked_until = now + min(2.0 ** (beyond - 1), MAX_LOCKOUT)
            self._records[client] = record
            self._records.move_to_end(client)
            while len(self._records) > MAX_CLIENTS:
                self._records.popitem(last=False)
            failures = record.failures
        log.warning(
            "failed sign-in from %s: %s%s (%d in a row)",
            client,
            reason,
            f" (key {key_prefix})" if key_prefix else "",
            failures,
        )

    def succeeded(self, client: str) -> None:
        """A good key from ``client``: forget its failures."""
        with self._lock:
            self._records.pop(client, None)

    def _current(self, client: str, now: float) -> _Record | None:
        record = self._records.get(client)
        if record is not None and now - record.last_failure > WINDOW:
            del self._records[client]
            return None
        return record


def failed_sign_ins(app: FastAPI) -> FailedSignIns:
    """The app's counter, made on first use (an app without the factory's state has one too)."""
    counter: FailedSignIns | None = getattr(app.state, "failed_sign_ins", None)
    if counter is None:
        counter = app.state.failed_sign_ins = FailedSignIns()
    return counter


def client_of(request: Request) -> str:
    """The client's address as the server sees it (see the module about proxies)."""
    return request.client.host if request.client else "unknown"
