"""Browser tests: Debian's chromium driven by Playwright against a live uvicorn server.

The server runs in a thread on a free port over a seeded organisation (the demo corpus, one
person of each role with fresh keys). Skipped, with the reason, when chromium is missing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import expect

from service.app import create_app
from service.coach.model import ChatModel
from service.demo import seed_history
from service.knowledge import KnowledgeBase, load_corpus
from service.review.rubrics import review_rubrics
from service.settings import Settings
from service.store import Database, Role, upgrade_database
from service.store.seed import seed_demo
from tests.conftest import RUBRICS
from tests.e2e.conftest import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ORG = "acme"
START_SECONDS = 120
"""How long the live server may take to start: generous, for a loaded 2-core machine."""
STEP_TIMEOUT_MS = 90_000
"""How long one step (a page, a click's result, an expectation) may take before a test fails:
generous, since a loaded 2-core machine is slow. Every wait is for a condition, so a passing
test never waits this long; it only bounds how long a failing one takes."""
expect.set_options(timeout=STEP_TIMEOUT_MS)


@pytest.fixture(autouse=True)
def needs_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: `apt-get install chromium` to run the browser tests")


@dataclass(frozen=True)
class LiveServer:
    url: str
    keys: dict[Role, str]
    database: Database


def serve(
    settings: Settings, knowledge: KnowledgeBase, model: ChatModel | None
) -> Iterator[LiveServer]:
    """Seed ``ORG``, start uvicorn in a thread, yield its address and keys, stop it."""
    knowledge.ingest(ORG, load_corpus(CORPUS).documents)
    database = upgrade_database(settings)
    with database.transaction() as session:
        keys = {issued.person.role: issued.key for issued in seed_demo(session, ORG)}
    app = create_app(settings, knowledge, model=model, database=database)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", keys, database)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        database.close()


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
