"""The engine and sessions: SQLite in the data folder by default, any SQLAlchemy URL by setting.

One ``Database`` per process (the app opens it in its lifespan, the CLI per command). Work
happens in ``transaction()``: everything in it is committed together or not at all, which is
how a bad request leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

from service.errors import DatabaseBusy
from service.settings import Settings

DEFAULT_TIMEOUT = 10.0
"""Seconds a write waits for a lock, unless ``Settings.database_timeout`` says otherwise."""
BUSY = ("database is locked", "database table is locked", "database is busy")
"""How SQLite says another connection held the lock past the timeout."""
LOCK_NOT_AVAILABLE = "55P03"
"""PostgreSQL's SQLSTATE for a lock not granted within ``lock_timeout``."""


def database_url(settings: Settings) -> str:
    """``STORYCOACH_DATABASE_URL``, or a SQLite file ``storycoach.db`` in the data folder."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{settings.data_dir / 'storycoach.db'}"


def _sqlite_pragmas(timeout: float) -> Any:
    def on_connect(connection: Any, _: object) -> None:
        cursor = connection.cursor()
        # SQLite ignores foreign keys unless asked; WAL lets pages read while a request writes.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        cursor.close()

    return on_connect


def _busy(context: ExceptionContext) -> BaseException | None:
    """A lock held past the timeout, as ``DatabaseBusy``: a domain error the API answers
    503 with ``Retry-After`` (the driver's own error would be a bare 500).

    SQLite says so in words; PostgreSQL by SQLSTATE, read off the driver's exception without
    importing the driver (psycopg is an optional extra)."""
    original = context.original_exception
    said = str(original).strip().lower()
    if getattr(original, "sqlstate", None) == LOCK_NOT_AVAILABLE:
        return DatabaseBusy(said)
    if any(phrase in said for phrase in BUSY):
        return DatabaseBusy(said)
    return None


def make_engine(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """An engine for ``url``; SQLite files get their folder created and sane pragmas, and a
    lock held past ``timeout`` seconds raises ``DatabaseBusy``.

    PostgreSQL waits for a lock forever unless told otherwise, so a request behind a stuck
    writer would hold its worker thread with it; ``lock_timeout`` (per connection, through
    libpq's ``options``) makes it give up like SQLite's ``busy_timeout`` does."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": timeout})
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_pragmas(timeout))
        event.listen(engine, "handle_error", _busy)
        return engine
    engine = create_engine(url, pool_pre_ping=True, connect_args=_server_options(url, timeout))
    event.listen(engine, "handle_error", _busy)
    return engine


def _server_options(url: str, timeout: float) -> dict[str, Any]:
    """libpq ``options`` for a PostgreSQL URL: the lock timeout, after any the URL has (the
    driver takes one ``options`` string, and ours would otherwise replace the URL's)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return {}
    given = parsed.query.get("options", "")
    given = given if isinstance(given, str) else " ".join(given)
    return {"options": f"{given} -c lock_timeout={int(timeout * 1000)}".strip()}


class Database:
    """An engine and its session factory."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The factory of every session ``transaction()`` opens, for hooks on all of them
        (the learning record listens for commits)."""
        return self._sessions

    @classmethod
    def open(cls, settings: Settings) -> Database:
        """Connect, without touching the schema (``upgrade_database`` does that)."""
        return cls(make_engine(database_url(settings), timeout=settings.database_timeout))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
