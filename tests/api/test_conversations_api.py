"""Chat drafting over the API: start, answer, stream the draft, reload, save, make a lesson."""

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
from tests.chat.models import QUESTIONS, coach_model, coach_reply
from tests.factories import ACCOUNT
from tests.helpers.coach_replies import STORY_TITLE
from tests.helpers.conversations import PRIORITY, say, start
from tests.helpers.wording import fixed_start
from tests.store.factories import Member

People = dict[Role, Member]


@pytest.fixture
def model() -> FakeModel:
    return coach_model()


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


def test_a_chat_from_priority_to_saved_story_persists(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    started = start(client, leader)
    messages = started["messages"]
    assert isinstance(messages, list) and [m["role"] for m in messages] == ["user", "assistant"]
    assert messages[0]["content"] == PRIORITY
    assert QUESTIONS[0] in messages[1]["content"] and started["draft"] is None
    conversation = started["id"]

    events = say(client, leader, conversation, ACCOUNT)
    names = [name for name, _ in events]
    assert names[0] == "delta" and names[-2:] == ["citations", "done"]
    title = "".join(d["text"] for n, d in events if n == "delta" and d["step"] == "story.title")  # type: ignore[index]
    assert title == STORY_TITLE
    done = events[-1][1]["message"]  # type: ignore[index]
    assert done["is_draft"] and "I asked the team to work two weekends" in done["content"]
    cited = events[-2][1]["citations"]  # type: ignore[index]
    assert cited and cited[0]["id"].startswith("value-") and cited[0]["title"] != cited[0]["id"]
    assert events[-2][1]["message_id"] == done["id"]  # type: ignore[index]

    # feedback: a redraft with the leader's new fact
    say(client, leader, conversation, "Add that Pieter took the Tuesday calls with me.")

    reloaded = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()
    assert [m["role"] for m in reloaded["messages"]] == ["user", "assistant"] * 3
    assert reloaded["messages"][3]["citations"] == cited
    draft = reloaded["draft"]
    assert draft["message_id"] == reloaded["messages"][-1]["id"]
    assert "Pieter took the Tuesday calls with me" in draft["text"]
    # The coach's notes are not the story.
    assert fixed_start("chat", "replies.redraft") not in draft["text"]
    listed = client.get("/api/conversations", headers=leader.headers).json()
    assert [c["id"] for c in listed["data"]] == [conversation]

    saved = client.post(f"/api/conversations/{conversation}/story", headers=leader.headers)
    assert saved.status_code == 201, saved.text
    story = saved.json()
    assert story["title"] == STORY_TITLE
    assert story["text"] == draft["text"] and story["conversation_id"] == conversation
    assert story["core_message"].startswith("I learned that working longer hides the real problem")
    assert story["values"] == [cited[0]["id"]] and story["status"] == "draft"


def test_a_model_failure_keeps_the_leaders_message(
    client: TestClient, acme: People, model: FakeModel
) -> None:
    leader = acme[Role.LEADER]
    conversation = start(client, leader)["id"]
    model.replies[:] = [ModelUnavailable("fake-model", "timed out")]
    events = say(client, leader, conversation, ACCOUNT)
    assert events[-1][0] == "error"
    assert events[-1][1]["code"] == "model_unavailable"  # type: ignore[index]
    kept = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()
    assert kept["messages"][-1]["role"] == "user"
    assert kept["messages"][-1]["content"] == ACCOUNT.strip()
    # the leader simply sends again once the model is back
    model.replies[:] = [coach_reply] * 100
    events = say(client, leader, conversation, "I also sat at the phones myself on Tuesdays.")
    assert events[-1][0] == "done" and "340 open complaints" in events[-1][1]["message"]["content"]  # type: ignore[index]


def test_saving_before_a_draft_is_a_conflict(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    conversation = start(client, leader)["id"]
    refused = client.post(f"/api/conversations/{conversation}/story", headers=leader.headers)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "no_draft"


def test_another_orgs_or_leaders_conversation_is_not_found(
    client: TestClient, acme: People, globex: People
) -> None:
    conversation = start(client, acme[Role.LEADER])["id"]
    for stranger in (globex[Role.LEADER], acme[Role.ADMIN]):
        path = f"/api/conversations/{conversation}"
        assert client.get(path, headers=stranger.headers).status_code == 404
        sent = client.post(f"{path}/messages", json={"content": ACCOUNT}, headers=stranger.headers)
        assert sent.status_code == 404
        assert client.post(f"{path}/story", headers=stranger.headers).status_code == 404
    assert (
        client.get("/api/conversations", headers=globex[Role.LEADER].headers).json()["count"] == 0
    )


def test_only_leaders_and_admins_chat(client: TestClient, acme: People) -> None:
    for role in (Role.MEMBER, Role.REVIEWER):
        refused = client.post(
            "/api/conversations", json={"priority": PRIORITY}, headers=acme[role].headers
        )
        assert refused.status_code == 403
    assert client.post("/api/conversations", json={"priority": PRIORITY}).status_code == 401
    assert start(client, acme[Role.ADMIN])["id"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"priority": ""}, "priority"),
        ({"priority": "   "}, "priority"),
        ({"priority": "priority-not-in-corpus"}, "priority"),
        ({"priority": PRIORITY, "language": "fr"}, "language"),
        ({"priority": PRIORITY, "extra": 1}, "extra"),
    ],
)
def test_a_bad_start_names_the_field_and_writes_nothing(
    client: TestClient, acme: People, body: dict[str, object], field: str
) -> None:
    leader = acme[Role.LEADER]
    refused = client.post("/api/conversations", json=body, headers=leader.headers)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["field"] == field
    assert client.get("/api/conversations", headers=leader.headers).json()["count"] == 0


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("", "content"),
        ("   \n ", "content"),
        ("x" * 12_001, "content"),
        ("word " * 1600, "content"),
    ],
)
def test_a_bad_message_names_the_field_and_is_not_kept(
    client: TestClient, acme: People, content: str, field: str
) -> None:
    leader = acme[Role.LEADER]
    conversation = start(client, leader)["id"]
    refused = client.post(
        f"/api/conversations/{conversation}/messages",
        json={"content": content},
        headers=leader.headers,
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["field"] == field
    kept = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()
    assert len(kept["messages"]) == 2


def test_a_thin_answer_gets_a_request_for_more(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    conversation = start(client, leader)["id"]
    events = say(client, leader, conversation, "It went wrong last year.")
    assert [name for name, _ in events] == ["citations", "done"]
    message = events[-1][1]["message"]  # type: ignore[index]
    assert not message["is_draft"] and "so far I have 5" in message["content"]
