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

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from service.settings import Settings


def database_url(settings: Settings) -> str:
    """``STORYCOACH_DATABASE_URL``, or a SQLite file ``storycoach.db`` in the data folder."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{settings.data_dir / 'storycoach.db'}"


def _on_sqlite_connect(connection: Any, _: object) -> None:
    cursor = connection.cursor()
    # SQLite ignores foreign keys unless asked; WAL lets pages read while a request writes.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their folder created and sane pragmas."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """An engine and its session factory."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, settings: Settings) -> Database:
        """Connect, without touching the schema (``upgrade_database`` does that)."""
        return cls(make_engine(database_url(settings)))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
