"""A database locked past its timeout: a clear 503 with ``Retry-After``, nothing half-written.

Another connection holds the write lock the whole time: SQLite's (``BEGIN EXCLUSIVE``), or on
PostgreSQL an exclusive lock on the stories table. The real processes version is in
``tests/e2e/test_faults.py``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from service.store.database import database_url
from service.vocabulary import Language
from service.words import load_words
from tests.api.conftest import answering_model
from tests.helpers.api_steps import story
from tests.store.factories import Member

DATABASE_BUSY = load_words("errors", Language.EN)["database_busy"]
"""What a 503 for a locked database says, in English."""

People = dict[Role, Member]


@pytest.fixture
def impatient(settings: Settings, database: Database) -> Iterator[Database]:
    """The same database, opened with a short lock timeout."""
    opened = Database.open(settings.model_copy(update={"database_timeout": 0.3}))
    yield opened
    opened.close()


@pytest.fixture
def locked(settings: Settings, database: Database) -> Iterator[Callable[[], None]]:
    """Hold a lock every story write needs; yields what releases it."""
    url = database_url(settings)
    if database.engine.dialect.name == "sqlite":
        holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=5)
        holder.execute("BEGIN EXCLUSIVE")
        yield lambda: holder.execute("ROLLBACK") and None
        holder.close()
        return
    import psycopg

    plain = database.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as holding:
        # The server ends the holder after 20 s, so without a lock timeout the write below
        # waits that long and then succeeds: the test fails instead of hanging.
        holding.execute("SET idle_in_transaction_session_timeout = '20s'")
        holding.execute("LOCK TABLE stories IN ACCESS EXCLUSIVE MODE")
        yield holding.rollback


def test_a_write_that_waits_too_long_is_503_and_leaves_nothing(
    settings: Settings,
    loaded: KnowledgeBase,
    impatient: Database,
    acme: People,
    locked: Callable[[], None],
) -> None:
    app = create_app(settings, loaded, model=answering_model(), database=impatient)
    leader = acme[Role.LEADER]
    body = {"title": "Locked out", "text": "A story.", "language": "en"}
    with TestClient(app) as client:
        refused = client.post("/api/stories", json=body, headers=leader.headers)
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "5"
        error = refused.json()["error"]
        assert error["code"] == "database_busy" and error["message"] == DATABASE_BUSY
        assert "lock" in error["detail"]  # the technical reason, for developers

        locked()
        titles = [
            s["title"] for s in client.get("/api/stories", headers=leader.headers).json()["data"]
        ]
        assert "Locked out" not in titles  # nothing was half-written
        assert story(client, leader, title="Locked out")["title"] == "Locked out"
