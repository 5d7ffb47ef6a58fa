"""Bad input over HTTP: a clear JSON error naming the field, and nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.store import Database, Role, Story
from tests.store.factories import Member

People = dict[Role, Member]
GOOD = {"title": "T", "text": "Body.", "language": "en"}


def stories_in(database: Database, org: str) -> int:
    with database.transaction() as session:
        return int(session.scalar(select(func.count()).where(Story.org_id == org)) or 0)


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        (b"{not json", 400, "malformed_json", "body"),
        ({**GOOD, "title": 5}, 422, "invalid_input", "title"),
        ({**GOOD, "language": "fr"}, 422, "invalid_input", "language"),
        ({**GOOD, "title": ""}, 422, "invalid_input", "title"),
        ({**GOOD, "title": "   "}, 422, "invalid_input", "title"),
        ({**GOOD, "values": ["Not An Id"]}, 422, "invalid_input", "values.0"),
        ({**GOOD, "surprise": 1}, 422, "invalid_input", "surprise"),
        ({**GOOD, "conversation_id": 2**40}, 422, "invalid_input", "conversation_id"),
        ({**GOOD, "conversation_id": 1}, 404, "not_found", None),
        ([1, 2], 422, "invalid_input", None),
    ],
)
def test_bad_story_bodies(
    client: TestClient,
    acme: People,
    database: Database,
    body: Any,
    status: int,
    code: str,
    field: str | None,
) -> None:
    headers = {**acme[Role.LEADER].headers, "Content-Type": "application/json"}
    if isinstance(body, bytes):
        response = client.post("/api/stories", content=body, headers=headers)
    else:
        response = client.post("/api/stories", json=body, headers=headers)
    assert response.status_code == status, response.json()
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field) and error["message"]
    assert stories_in(database, "acme") == 0


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/stories/0"),
        ("GET", "/api/stories/abc"),
        ("GET", "/api/lessons/99999999999999"),
        ("POST", "/api/lessons/-1/submit"),
    ],
)
def test_bad_ids_are_422(client: TestClient, acme: People, method: str, url: str) -> None:
    response = client.request(method, url, headers=acme[Role.ADMIN].headers)
    assert response.status_code == 422 and response.json()["error"]["field"]


def test_unknown_ids_are_404(client: TestClient, acme: People) -> None:
    response = client.get("/api/stories/12345", headers=acme[Role.ADMIN].headers)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_unknown_routes_and_methods_keep_the_error_shape(client: TestClient) -> None:
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = client.delete("/api/me")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"


def test_a_failing_step_rolls_back_the_request(
    client: TestClient, acme: People, database: Database
) -> None:
    """A lesson refused halfway (a 1:1 without its goal) leaves no lesson and no audit row."""
    leader = acme[Role.LEADER].headers
    story = client.post("/api/stories", json=GOOD, headers=leader).json()
    body = {"story_id": story["id"], "kind": "one_on_one", "text": "x"}
    assert client.post("/api/lessons", json=body, headers=leader).status_code == 422
    assert client.get("/api/lessons", headers=leader).json()["count"] == 0
    assert client.get("/api/audit", headers=acme[Role.ADMIN].headers).json()["count"] == 0
