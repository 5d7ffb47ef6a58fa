"""Browser tests: Debian's chromium driven by Playwright against a live uvicorn server.

The server runs in a thread on a free port over a seeded organisation (the demo corpus, one
person of each role with fresh keys). Skipped, with the reason, when chromium is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.demo import seed_history
from service.knowledge import KnowledgeBase
from service.review.rubrics import review_rubrics
from service.settings import Settings
from tests.conftest import RUBRICS
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS
from tests.helpers.live_server import ORG, LiveServer, serve


@pytest.fixture(autouse=True)
def needs_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: `apt-get install chromium` to run the browser tests")


@pytest.fixture
def demo(settings: Settings, knowledge: KnowledgeBase) -> Iterator[LiveServer]:
    """The server as ``make run`` leaves it: the demo organisation with its seeded history."""
    for live in serve(settings, knowledge, None):
        seed_history(live.database, ORG, knowledge, review_rubrics(RUBRICS))
        yield live


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
