"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC, always returned timezone-aware.

    SQLite has no time zones and hands back naive datetimes; storing naive UTC and attaching
    UTC on the way out means comparisons with ``utcnow()`` never mix naive and aware values.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; use utcnow()")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


_replayed_now: ContextVar[datetime | None] = ContextVar("replayed_now", default=None)


def utcnow() -> datetime:
    """Now, in UTC; inside ``replaying_at`` the moment being replayed."""
    replayed = _replayed_now.get()
    return replayed if replayed is not None else datetime.now(UTC)


@contextmanager
def replaying_at(moment: datetime) -> Iterator[None]:
    """Stamp everything the store writes in this block (and flushes before leaving it) with
    ``moment`` instead of now.

    For laying down a history that happened over weeks, such as the demo's, through the same
    use cases live requests go through: the audit trail is append-only, so its dates cannot be
    set afterwards, and a history stamped all in one second would show no queue age and no
    time to publish. Live requests never use it.
    """
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to replaying_at; use an aware UTC moment")
    token = _replayed_now.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _replayed_now.reset(token)
