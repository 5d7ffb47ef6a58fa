"""The engine ``make_engine`` opens: what it tells the server before any request runs."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from service.store import make_engine
from tests.postgres import PostgresServer


@pytest.mark.postgres
def test_postgres_gets_the_lock_timeout_and_keeps_the_urls_own_options(
    postgres_server: PostgresServer,
) -> None:
    """Without ``lock_timeout`` PostgreSQL waits for a lock forever; a URL's own ``options``
    (here a statement timeout) must survive ours being added."""
    name = postgres_server.fresh_database()
    url = postgres_server.url(name) + "?options=-c%20statement_timeout%3D4321"
    engine = make_engine(url, timeout=2.5)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "2500ms"
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "4321ms"
    finally:
        engine.dispose()
        postgres_server.drop_database(name)
