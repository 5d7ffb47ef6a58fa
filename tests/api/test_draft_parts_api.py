"""A draft shows who wrote what (live and after reload), the leader edits any part before
saving, and a failed reply is told in plain words and can be tried again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.chat.drafts import DraftParts
from service.coach.making.parts import Origin
from service.errors import GenerationFailed, ModelUnavailable
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import (
    Database,
    Role,
    list_messages,
)
from service.testing import FakeModel
from service.vocabulary import Language
from tests.api.chat_client import chat_client, sse_events
from tests.chat.drafts import draft_parts
from tests.chat.models import coach_model, coach_reply
from tests.factories import ACCOUNT
from tests.helpers.conversations import PRIORITY, say, seeded, start
from tests.helpers.wording import fixed_start, wording
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


def save(client: TestClient, leader: Member, conversation: int, body: dict[str, Any]) -> Any:
    return client.post(
        f"/api/conversations/{conversation}/story", json=body, headers=leader.headers
    )


def test_a_draft_carries_its_parts_live_and_after_reload(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    conversation = start(client, leader)["id"]
    done = say(client, leader, conversation, ACCOUNT)[-1]
    assert done[0] == "done"
    message: dict[str, Any] = done[1]["message"]  # type: ignore[index]
    parts = message["parts"]
    assert parts and parts[0]["name"] == "title" and parts[-1]["name"] == "call_to_action"
    assert len({p["key"] for p in parts}) == len(parts)
    assert {p["origin"] for p in parts} <= {o.value for o in Origin}
    sections = [p for p in parts if p["name"] == "section"]
    assert sections and all(p["origin"] == "leader" for p in sections)
    assert all(p["text"] in message["content"] for p in sections)
    assert isinstance(message["notes"], list) and isinstance(message["fallbacks"], list)

    reloaded = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()
    assert reloaded["messages"][-1]["parts"] == parts
    assert reloaded["draft"]["parts"] == parts and reloaded["draft"]["notes"] == message["notes"]
    assert reloaded["messages"][0]["parts"] is None  # the leader's messages have none


def test_kept_parts_name_their_keys_fallbacks_and_notes(
    client: TestClient, acme: People, database: Database
) -> None:
    leader = acme[Role.LEADER]
    conversation, _ = seeded(database, leader)
    draft = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()["draft"]
    assert [p["key"] for p in draft["parts"]][:3] == ["title", "section-1", "section-2"]
    assert [p["fallback_from"] for p in draft["parts"]][-2:] == ["company_value", "own_words"]
    assert draft["fallbacks"] == ["why_it_matters", "call_to_action"]
    edit_it = wording("fallbacks", "note").rsplit(". ", 1)[1]  # "Edit it to say what you mean."
    assert draft["notes"] and draft["notes"][0].endswith(edit_it)


def test_saving_with_edits_keeps_them_as_the_leaders_words(
    client: TestClient, acme: People, database: Database
) -> None:
    leader = acme[Role.LEADER]
    conversation, draft_id = seeded(database, leader)
    core = "Working longer hid the problem; looking together solved it."
    saved = save(
        client,
        leader,
        conversation,
        {
            "message_id": draft_id,
            "parts": {"core_message": core, "title": "Two weekends too many", "section-2": "New."},
        },
    )
    assert saved.status_code == 201, saved.text
    story = saved.json()
    assert story["title"] == "Two weekends too many" and story["core_message"] == core
    assert story["text"].startswith("# Two weekends too many\n\n## Once\n\nLast March")
    assert f"**{wording('story', 'labels.core')}:** {core}" in story["text"]
    assert "New." in story["text"]
    assert fixed_start("chat", "replies.redraft") not in story["text"]
    origins = {p["key"]: p["origin"] for p in story["parts"]}
    assert origins["core_message"] == origins["title"] == origins["section-2"] == "leader"
    assert origins["why_it_matters"] == "fallback" and origins["section-1"] == "leader"
    assert story["values"] == ["value-customer-focus"]
    # rewritten as a whole, the story is the author's own text: the parts no longer apply
    patched = client.patch(
        f"/api/stories/{story['id']}", json={"text": "# Mine\n\nAll mine."}, headers=leader.headers
    )
    assert patched.status_code == 200 and patched.json()["parts"] is None


def test_saving_without_edits_saves_the_draft_as_it_is(
    client: TestClient, acme: People, database: Database
) -> None:
    leader = acme[Role.LEADER]
    conversation, _ = seeded(database, leader)
    unchanged = {"title": "I asked the team to work two weekends"}  # the same text is not an edit
    story = save(client, leader, conversation, {"parts": unchanged}).json()
    draft = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()["draft"]
    assert story["text"] == draft["text"]
    assert [p["origin"] for p in story["parts"]] == [p["origin"] for p in draft["parts"]]
    assert story["core_message"] == "Working longer hides the real problem."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"parts": {"core_message": "   "}}, "parts.core_message"),
        ({"parts": {"title": "x" * 201}}, "parts.title"),
        ({"parts": {"section-1": "x" * 4_001}}, "parts.section-1"),
        ({"parts": {"section-9": "A part the draft does not have."}}, "parts.section-9"),
        ({"parts": {"core_message": 3}}, "parts.core_message"),
        ({"parts": ["core_message"]}, "parts"),
        ({"message_id": 1}, "message_id"),  # the priority: not a draft
        ({"message_id": 0}, "message_id"),
        ({"edits": {}}, "edits"),
    ],
)
def test_a_bad_edit_names_the_field_and_saves_nothing(
    client: TestClient, acme: People, database: Database, body: dict[str, Any], field: str
) -> None:
    leader = acme[Role.LEADER]
    conversation, _ = seeded(database, leader)
    refused = save(client, leader, conversation, body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["field"] == field
    mine = client.get("/api/stories?mine=true", headers=leader.headers).json()
    assert mine["count"] == 0


def test_a_draft_kept_without_parts_is_saved_as_it_is_but_not_edited(
    client: TestClient, acme: People, database: Database
) -> None:
    leader = acme[Role.LEADER]
    conversation, _ = seeded(database, leader, with_parts=False)
    draft = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()["draft"]
    assert draft["parts"] is None and draft["notes"] == []
    refused = save(client, leader, conversation, {"parts": {"title": "New"}})
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "parts"
    story = save(client, leader, conversation, {}).json()
    assert story["text"] == draft["text"] and story["parts"] is None


def test_a_failed_reply_is_told_in_plain_words_in_the_chats_language(
    client: TestClient, acme: People, database: Database, model: FakeModel
) -> None:
    leader = acme[Role.LEADER]
    conversation, _ = seeded(database, leader, language=Language.NL, draft=False)
    model.replies[:] = [GenerationFailed("story.why", "it is not in Dutch (Nederlands)")]
    sent = client.post(
        f"/api/conversations/{conversation}/reply", headers=leader.headers
    )  # the account is kept; the coach owes its reply
    assert sent.status_code == 200, sent.text
    name, error = sse_events(sent.text)[-1]
    assert name == "error" and error["code"] == "generation_failed"
    assert error["message"] == wording("chat", "failures.generation_failed", Language.NL)
    assert "story." not in error["message"] and "Nederlands" not in error["message"]
    assert error["detail"] == "story.why" and error["retry"] is True and error["field"] is None
    assert "Nederlands" not in sent.text  # the reason is logged, never sent
    kept = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()
    assert kept["messages"][-1]["role"] == "user" and kept["draft"] is None


def test_a_failed_reply_can_be_tried_again_from_the_kept_messages(
    client: TestClient, acme: People, model: FakeModel
) -> None:
    leader = acme[Role.LEADER]
    conversation = start(client, leader)["id"]
    model.replies[:] = [ModelUnavailable("fake-model", "timed out")]
    failed = say(client, leader, conversation, ACCOUNT)
    assert [name for name, _ in failed] == ["error"]  # no draft was streamed
    assert failed[-1][1]["message"] == wording("chat", "failures.model_unavailable")  # type: ignore[index]

    model.replies[:] = [coach_reply] * 100
    again = client.post(f"/api/conversations/{conversation}/reply", headers=leader.headers)
    events = sse_events(again.text)
    assert events[-1][0] == "done" and events[-1][1]["message"]["is_draft"]
    kept = client.get(f"/api/conversations/{conversation}", headers=leader.headers).json()
    assert [m["role"] for m in kept["messages"]] == ["user", "assistant"] * 2  # one reply only
    once_more = client.post(f"/api/conversations/{conversation}/reply", headers=leader.headers)
    assert once_more.status_code == 409
    assert once_more.json()["error"]["code"] == "nothing_to_answer"


def test_a_model_failure_outside_the_stream_is_plain_with_the_step_apart(
    client: TestClient, acme: People, model: FakeModel
) -> None:
    model.replies[:] = [GenerationFailed("interview.question", "it is not a question")]
    failed = client.post(
        "/api/conversations", json={"priority": PRIORITY}, headers=acme[Role.LEADER].headers
    )
    assert failed.status_code == 502
    error = failed.json()["error"]
    assert error["code"] == "generation_failed" and error["field"] is None
    assert "interview" not in error["message"] and "try again" in error["message"]
    assert error["detail"] == "interview.question"  # the step's id, never its reason
    assert "not a question" not in failed.text


def test_parts_survive_a_round_trip_through_the_store(database: Database, acme: People) -> None:
    leader = acme[Role.LEADER]
    conversation, draft_id = seeded(database, leader)
    with database.transaction() as session:
        kept = list_messages(session, leader.org, conversation)[-1]
        assert kept.id == draft_id
        assert DraftParts.model_validate(kept.parts) == draft_parts()
