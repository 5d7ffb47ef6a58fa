"""Who wrote each part of a lesson, a 1:1 lesson and a question set survives into the API: a
reviewer sees which parts are code's stand-ins, with their notes, and an edit makes a part
the editor's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.coach.making.sampling import SAMPLES
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.api.chat_client import chat_client
from tests.api.conftest import answering_model
from tests.choices import choosing_all_but
from tests.store.factories import LESSON_TEXT, STORY_TEXT, Member

People = dict[Role, Member]
RECALL = "Which battery complaint did you answer first this week, and what happened then?"


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


def coach_failing(failing: str) -> Any:
    """A coach that chooses the story's sentences for every part but ``failing`` (its choice
    never parses, so code falls back) and writes the recall question."""
    refused = load_words("lesson", Language.EN)[f"choices.{failing}"]
    return choosing_all_but(refused, json.dumps({"question": RECALL}))


TWO_DEEDS = (
    f"{STORY_TEXT} I also took the phones myself every Tuesday that month. We now check every "
    "charger in the shop each Monday. We also phone every customer back before noon."
)
"""The story with more routines of the storyteller's: with a single one the practice takes it
without asking the model, and no stand-in is made; the next step needs one left as well."""


def story(client: TestClient, leader: Member) -> int:
    body = {"title": "The hot battery", "text": TWO_DEEDS, "language": "en"}
    made = client.post("/api/stories", json=body, headers=leader.headers)
    return int(made.json()["id"])


def part(body: dict[str, Any], key: str) -> dict[str, Any]:
    return next(p for p in body["parts"] if p["key"] == key)


def test_a_reviewer_sees_the_stand_in_and_an_edit_makes_it_the_editors(
    client: TestClient, acme: People, model: FakeModel
) -> None:
    leader, reviewer = acme[Role.LEADER], acme[Role.REVIEWER]
    model.answer = coach_failing("practice")
    made = client.post(
        f"/api/stories/{story(client, leader)}/lessons", json={}, headers=leader.headers
    )
    assert made.status_code == 201, made.json()
    lesson = made.json()

    keys = [p["key"] for p in lesson["parts"]]
    assert keys[:2] == ["objective", "why_it_matters"] and keys[-3:] == [
        "practice",
        "reflection",
        "recall",
    ]
    practice = part(lesson, "practice")
    assert practice["origin"] == "fallback" and practice["label"] == "Practice"
    assert "practice" in practice["note"] and practice["note"] in lesson["notes"]
    assert practice["text"] in lesson["text"]
    assert "practice" in lesson["fallbacks"]
    for key in lesson["fallbacks"]:  # every stand-in is marked and explained
        assert part(lesson, key)["origin"] == "fallback" and part(lesson, key)["note"]
    assert part(lesson, "objective")["origin"] == "leader"  # a sentence of the story, chosen
    assert part(lesson, "recall") == {**part(lesson, "recall"), "origin": "coach", "note": None}
    assert lesson["missing"] == []
    url = f"/api/lessons/{lesson['id']}"
    assert client.get(url, headers=reviewer.headers).json()["parts"] == lesson["parts"]

    assert client.post(f"{url}/submit", headers=leader.headers).status_code == 200
    own = "Tomorrow, call back every customer with a hot battery before noon."
    text = lesson["text"].replace(practice["text"], own)
    changed = client.patch(url, json={"text": text}, headers=reviewer.headers)
    assert changed.status_code == 200, changed.json()
    after = changed.json()
    assert part(after, "practice") == {**practice, "text": own, "origin": "edited", "note": None}
    assert "practice" not in after["fallbacks"] and practice["note"] not in after["notes"]
    others = [p for p in after["parts"] if p["key"] != "practice"]
    assert others == [p for p in lesson["parts"] if p["key"] != "practice"]
    listed = client.get("/api/lessons", headers=reviewer.headers).json()["data"]
    assert next(x for x in listed if x["id"] == lesson["id"])["parts"] == after["parts"]


def test_a_one_on_one_shows_its_meeting_point_and_asks_for_a_next_step_it_has_no_deed_for(
    client: TestClient, acme: People, model: FakeModel
) -> None:
    leader = acme[Role.LEADER]
    model.answer = coach_failing("next_step")
    body = {"kind": "one_on_one", "goal": "I want to handle battery complaints", "role": "mechanic"}
    made = client.post(
        f"/api/stories/{story(client, leader)}/lessons", json=body, headers=leader.headers
    )
    assert made.status_code == 201, made.json()
    lesson = made.json()
    keys = [p["key"] for p in lesson["parts"]]
    assert "goal_and_priority" in keys and "practice" in keys
    # every deed of the story is quoted by another part: the next step is asked of the leader
    asked = load_words("lesson", Language.EN)["missing.next_step"]
    assert lesson["missing"] == [{"name": "next_step", "label": "Next step", "question": asked}]
    assert "next_step" not in keys and asked in lesson["text"]


def test_a_lesson_a_leader_wrote_whole_has_no_parts(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    body = {"story_id": story(client, leader), "text": LESSON_TEXT}
    lesson = client.post("/api/lessons", json=body, headers=leader.headers).json()
    assert (lesson["parts"], lesson["fallbacks"], lesson["notes"], lesson["missing"]) == (
        [],
        [],
        [],
        [],
    )
    edited = client.patch(
        f"/api/lessons/{lesson['id']}",
        json={"text": LESSON_TEXT + "\nMore."},
        headers=leader.headers,
    )
    assert edited.status_code == 200 and edited.json()["parts"] == []


def test_a_question_built_from_the_story_is_marked_and_kept_so(
    client: TestClient, acme: People, globex: People, model: FakeModel
) -> None:
    leader, member = acme[Role.LEADER], acme[Role.MEMBER]
    story_id = story(client, leader)
    assert (
        client.post(f"/api/stories/{story_id}/publish", headers=leader.headers).status_code == 200
    )
    model.writes_freely = True  # a model that writes questions (the embedded one writes none)
    model.replies[:] = ["not json"] * SAMPLES  # every candidate for the first question
    model.answer = answering_model().answer
    asked = client.post(f"/api/stories/{story_id}/questions", json={}, headers=member.headers)
    assert asked.status_code == 200, asked.json()
    body = asked.json()

    first = body["parts"][0]
    assert first["key"] == "question-1" and first["origin"] == "fallback"
    assert first["text"] == body["questions"][0]["question"] and first["note"] in body["notes"]
    assert body["fallbacks"][0] == "question-1"  # a later one may be framed too
    for p in body["parts"]:
        assert p["origin"] == ("fallback" if p["key"] in body["fallbacks"] else "coach"), p

    kept = client.get(f"/api/stories/{story_id}/questions", headers=member.headers).json()
    assert kept["count"] == 1
    assert kept["data"][0]["parts"] == body["parts"]
    assert kept["data"][0]["fallbacks"] == body["fallbacks"]
    assert kept["data"][0]["questions"] == [q["question"] for q in body["questions"]]
    other = client.get(f"/api/stories/{story_id}/questions", headers=globex[Role.MEMBER].headers)
    assert other.status_code == 404
