"""A clock a test moves: what a week later looks like, without waiting a week."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class MovableClock:
    """Tells the time it was set to, moved on by ``advance``; safe to read from the server's
    threads while the test moves it."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime.now(UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> datetime:
        """Move on by ``timedelta(**delta)`` (``days=7``); returns the new now."""
        with self._lock:
            self._now += timedelta(**delta)
            return self._now
