"""The coach writes a lesson from a saved story: validation and failure write nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.errors import ModelUnavailable
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from service.testing import FakeModel
from tests.api.chat_client import chat_client
from tests.store.factories import STORY_TEXT, Member

People = dict[Role, Member]


@pytest.fixture
def model() -> FakeModel:
    return FakeModel()


@pytest.fixture
def client(
    settings: Settings,
    loaded: KnowledgeBase,
    database: Database,
    acme: People,
    globex: People,
    model: FakeModel,
) -> Iterator[TestClient]:
    with chat_client(settings, loaded, database, model) as client:
        yield client


def story(client: TestClient, leader: Member) -> int:
    body = {"title": "The hot battery", "text": STORY_TEXT, "language": "en"}
    return int(client.post("/api/stories", json=body, headers=leader.headers).json()["id"])


def lessons(client: TestClient, leader: Member) -> int:
    return int(client.get("/api/lessons", headers=leader.headers).json()["count"])


def test_a_one_on_one_lesson_needs_the_goal_and_role(
    client: TestClient, acme: People, model: FakeModel
) -> None:
    leader = acme[Role.LEADER]
    story_id = story(client, leader)
    for body, field in (
        ({"kind": "one_on_one", "role": "mechanic"}, "goal"),
        ({"kind": "one_on_one", "goal": "read logs"}, "role"),
        ({"kind": "quiz"}, "kind"),
    ):
        refused = client.post(f"/api/stories/{story_id}/lessons", json=body, headers=leader.headers)
        assert refused.status_code == 422 and refused.json()["error"]["field"] == field
    assert model.calls == [] and lessons(client, leader) == 0


def test_the_coach_writes_the_lesson_and_a_model_failure_keeps_nothing(
    client: TestClient, acme: People, model: FakeModel
) -> None:
    leader = acme[Role.LEADER]
    story_id = story(client, leader)
    model.replies[:] = [ModelUnavailable("fake-model", "down")]
    failed = client.post(f"/api/stories/{story_id}/lessons", json={}, headers=leader.headers)
    assert failed.status_code == 503 and failed.json()["error"]["code"] == "model_unavailable"
    assert len(model.calls) == 1  # the coach was asked
    assert "choice" in str(model.calls[0].schema)  # choosing the objective's sentence
    assert lessons(client, leader) == 0


def test_another_orgs_story_is_not_found(client: TestClient, acme: People, globex: People) -> None:
    story_id = story(client, acme[Role.LEADER])
    refused = client.post(
        f"/api/stories/{story_id}/lessons", json={}, headers=globex[Role.LEADER].headers
    )
    assert refused.status_code == 404
