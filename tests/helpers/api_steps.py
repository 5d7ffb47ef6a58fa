"""Steps over the JSON API that many tests take on the way to what they test: a story, a
lesson in review, a published lesson, a reviewer's decision. Each checks its own answer, so a
test that fails here fails at the step that broke."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from service.store import Role
from tests.store.factories import LESSON_TEXT, STORY_TEXT, Member

People = dict[Role, Member]
"""One organisation's people, one per role (the ``acme`` fixture)."""


def story(client: TestClient, leader: Member, **fields: Any) -> dict[str, Any]:
    """A story saved by ``leader`` (a draft), with ``fields`` over the defaults."""
    body = {
        "title": "The battery that got hot",
        "text": STORY_TEXT,
        "language": "en",
        "values": ["value-care"],
        "citations": ["story-battery-scare"],
        **fields,
    }
    response = client.post("/api/stories", json=body, headers=leader.headers)
    assert response.status_code == 201, response.json()
    return dict(response.json())


def published_story(client: TestClient, leader: Member, **fields: Any) -> dict[str, Any]:
    """A story saved and published by ``leader``."""
    made = story(client, leader, **fields)
    done = client.post(f"/api/stories/{made['id']}/publish", headers=leader.headers)
    assert done.status_code == 200, done.text
    return dict(done.json())


def lesson_in_review(client: TestClient, people: People) -> dict[str, Any]:
    """A lesson made from a new story by the leader and submitted: scored, in the queue."""
    leader = people[Role.LEADER]
    made = story(client, leader)
    lesson = client.post(
        "/api/lessons",
        json={"story_id": made["id"], "text": LESSON_TEXT, "citations": ["story-battery-scare"]},
        headers=leader.headers,
    )
    assert lesson.status_code == 201 and lesson.json()["state"] == "draft"
    assert lesson.json()["title"] == made["title"]
    submitted = client.post(f"/api/lessons/{lesson.json()['id']}/submit", headers=leader.headers)
    assert submitted.status_code == 200, submitted.json()
    return dict(submitted.json())


def decide(client: TestClient, who: Member, lesson: int, decision: str, comment: str = "") -> None:
    """``who`` decides on ``lesson``: approve, reject or request_changes (with ``comment``)."""
    body = {"decision": decision, **({"comment": comment} if comment else {})}
    done = client.post(f"/api/lessons/{lesson}/decision", json=body, headers=who.headers)
    assert done.status_code == 200, done.text


def published(client: TestClient, people: People) -> dict[str, Any]:
    """A lesson in review, approved and published by the reviewer (indexed into the corpus)."""
    lesson = lesson_in_review(client, people)
    reviewer = people[Role.REVIEWER]
    decide(client, reviewer, lesson["id"], "approve")
    done = client.post(f"/api/lessons/{lesson['id']}/publish", headers=reviewer.headers)
    assert done.status_code == 200, done.json()
    assert done.json()["state"] == "published"
    return dict(done.json())
