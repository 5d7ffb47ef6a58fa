from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.settings import Settings
from service.store import Database, Role, upgrade_database
from tests.store.factories import Member, seed_org


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    opened = upgrade_database(settings)
    yield opened
    opened.close()


@pytest.fixture
def acme(database: Database) -> dict[Role, Member]:
    return seed_org(database, "acme")
