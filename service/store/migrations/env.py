"""Alembic's environment: migrate the connection ``upgrade_database`` hands over.

When run from the ``alembic`` command instead (to write a revision), the URL comes from the
settings, so the command works on the same database the app uses.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from service.store.database import database_url, make_engine
from service.store.models import Base

config = context.config
target_metadata = Base.metadata


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection: Connection | None = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    from service.settings import get_settings

    engine = make_engine(database_url(get_settings()))
    with engine.connect() as fresh:
        _migrate(fresh)
    engine.dispose()


run()
