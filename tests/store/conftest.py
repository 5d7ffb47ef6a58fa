from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.settings import Settings
from service.store import Database, upgrade_database


@pytest.fixture
def settings(settings_on_each_database: Settings) -> Settings:
    """Every test here runs on SQLite and on PostgreSQL (see ``tests/conftest.py``)."""
    return settings_on_each_database


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    """A real database (SQLite in the data folder, or PostgreSQL), migrated to the newest
    schema."""
    opened = upgrade_database(settings)
    yield opened
    opened.close()
