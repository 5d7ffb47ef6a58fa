"""A database with one organisation, and a real LRS (Ralph) for the tests that need one."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .ralph import RalphMissing, RalphServer, ensure_ralph


@pytest.fixture(scope="session")
def ralph() -> Iterator[RalphServer]:
    """Ralph on a free port, installed into its own virtual environment first if needed.

    Skipped where it cannot be installed (no package index), except in CI, where a missing
    LRS fails instead of passing quietly."""
    try:
        python = ensure_ralph()
    except RalphMissing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"Ralph is required in CI: {missing}")
        pytest.skip(f"Ralph could not be installed: {missing}")
    server = RalphServer.start(python)
    yield server
    server.stop()
