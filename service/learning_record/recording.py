"""The learning record as the app runs it: on when an LRS is configured, else nothing at all."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from service.settings import Settings

from .building import build_statement
from .events import LearningEvent
from .outbox import connect
from .sending import SenderLimits, StatementSender

log = logging.getLogger(__name__)

SHUTDOWN_FLUSH = 2.0
"""Seconds the app gives queued statements to reach the LRS when it stops."""


class LearningRecord:
    """Committed learning events, built into statements and queued for the LRS."""

    def __init__(self, public_url: str, sender: StatementSender) -> None:
        self.public_url = public_url
        self.sender = sender
        self._disconnect: Callable[[], None] | None = None

    def __call__(self, happened: LearningEvent) -> None:
        self.sender.submit(build_statement(happened, self.public_url))

    def listen(self, sessions: sessionmaker[Session]) -> None:
        """Record what every session from ``sessions`` commits."""
        self._disconnect = connect(sessions, self)

    def stop(self, within: float = SHUTDOWN_FLUSH) -> None:
        """Stop listening, then send what is queued for at most ``within`` seconds."""
        if self._disconnect is not None:
            self._disconnect()
            self._disconnect = None
        self.sender.close(within)


def start_learning_record(
    settings: Settings, sessions: sessionmaker[Session]
) -> LearningRecord | None:
    """A running learning record listening to ``sessions``, or ``None`` when no LRS is set
    (then no queue, thread or client is made)."""
    if settings.lrs_endpoint is None:
        return None
    assert settings.public_url is not None  # Settings refuses an endpoint without it
    sender = StatementSender(
        settings.lrs_endpoint,
        auth=settings.lrs_credentials,
        timeout=settings.lrs_timeout,
        limits=SenderLimits(capacity=settings.lrs_queue),
    )
    sender.start()
    record = LearningRecord(settings.public_url, sender)
    record.listen(sessions)
    log.info("sending xAPI statements to %s", settings.lrs_endpoint)
    return record
