from __future__ import annotations

import pytest

from service.settings import Settings


@pytest.fixture
def settings(settings_on_each_database: Settings) -> Settings:
    """Every test here runs on SQLite and on PostgreSQL (see ``tests/conftest.py``)."""
    return settings_on_each_database
