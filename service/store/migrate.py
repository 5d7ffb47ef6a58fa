"""Bring a database's schema up to date with the models, through the packaged migrations.

Called by the app at start and by every CLI command that touches the database, so a new
release migrates itself. Alembic is configured in code: no ``alembic.ini`` has to be found at
run time, and the migrations travel inside the installed package.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.settings import Settings

from .database import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision`` (default: the newest)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def upgrade_database(settings: Settings) -> Database:
    """Open the configured database and migrate it to the newest revision."""
    database = Database.open(settings)
    upgrade_engine(database.engine)
    return database


@contextmanager
def migrated_session(settings: Settings) -> Iterator[Session]:
    """One transaction on the configured database, migrated first and closed after: what a
    command-line call needs (the app keeps its ``Database`` open instead)."""
    database = upgrade_database(settings)
    try:
        with database.transaction() as session:
            yield session
    finally:
        database.close()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
