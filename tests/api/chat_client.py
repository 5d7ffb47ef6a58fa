"""An app over the test organisations whose model answers like a coach, and an SSE reader."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database
from service.testing import FakeModel


@contextmanager
def chat_client(
    settings: Settings, knowledge: KnowledgeBase, database: Database, model: FakeModel
) -> Iterator[TestClient]:
    app = create_app(settings, knowledge, model=model, database=database)
    with TestClient(app) as client:
        yield client


def sse_events(body: str) -> list[tuple[str, Any]]:
    """``(event, data)`` of each server-sent event, data parsed as JSON."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.splitlines():
            if line.startswith("event:"):
                name = line.removeprefix("event:").strip()
            elif line.startswith("data:"):
                data.append(line.removeprefix("data:").strip())
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events
