from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.settings import Settings
from service.store import Database, upgrade_database


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    """A real SQLite database in the test's data folder, migrated to the newest schema."""
    opened = upgrade_database(settings)
    yield opened
    opened.close()
