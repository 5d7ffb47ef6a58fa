"""The app in a thread of the test process, over a seeded organisation, for a real browser.

uvicorn serves ``create_app`` on a free port over the demo corpus and one person of each role
with fresh keys (``seed_demo``); the caller passes the knowledge base and the model, so a test
can script the coach while the pages, the database and the browser are real. Used by the
browser tests (``tests/browser/conftest.py``) and by ``docs/screenshots.py``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from service.app import create_app
from service.coach.model import ChatModel
from service.http.deps import Clock
from service.knowledge import KnowledgeBase, load_corpus
from service.settings import Settings
from service.store import Database, Role, upgrade_database
from service.store.seed import seed_demo
from tests.helpers.processes import free_port

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ORG = "acme"


@dataclass(frozen=True)
class LiveServer:
    """The live server's address, a key per role of the seeded organisation, its database."""

    url: str
    keys: dict[Role, str]
    database: Database


def serve(
    settings: Settings,
    knowledge: KnowledgeBase,
    model: ChatModel | None,
    org: str = ORG,
    *,
    clock: Clock | None = None,
) -> Iterator[LiveServer]:
    """Seed ``org``, start uvicorn in a thread, yield its address and keys, stop it. A
    ``clock`` given is the app's (a test moves it instead of waiting)."""
    knowledge.ingest(org, load_corpus(CORPUS).documents)
    database = upgrade_database(settings)
    with database.transaction() as session:
        keys = {issued.person.role: issued.key for issued in seed_demo(session, org)}
    app = create_app(settings, knowledge, model=model, database=database, clock=clock)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
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
