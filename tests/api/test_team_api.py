"""Members read published stories, ask for questions and reflect; leaders read the reflections."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.store import Role
from tests.helpers.wording import wording
from tests.store.factories import STORY_TEXT, Member

People = dict[Role, Member]


def published_story(client: TestClient, leader: Member, publish: bool = True) -> int:
    body = {"title": "The hot battery", "text": STORY_TEXT, "language": "en"}
    story_id = int(client.post("/api/stories", json=body, headers=leader.headers).json()["id"])
    if publish:
        done = client.post(f"/api/stories/{story_id}/publish", headers=leader.headers)
        assert done.json()["status"] == "published"
    return story_id


def test_members_see_published_stories_only(client: TestClient, acme: People) -> None:
    shown = published_story(client, acme[Role.LEADER])
    hidden = published_story(client, acme[Role.LEADER], publish=False)
    member = acme[Role.MEMBER].headers
    listed = [s["id"] for s in client.get("/api/stories", headers=member).json()["data"]]
    assert shown in listed and hidden not in listed
    assert client.get(f"/api/stories/{hidden}", headers=member).status_code == 404
    own = client.get("/api/stories", params={"mine": True}, headers=acme[Role.LEADER].headers)
    assert {s["id"] for s in own.json()["data"]} == {shown, hidden}
    assert (
        client.patch(
            f"/api/stories/{shown}", json={"title": "Mine now"}, headers=member
        ).status_code
        == 403
    )


def test_questions_for_a_story_in_its_language_with_a_note_when_another_was_asked(
    client: TestClient, acme: People
) -> None:
    story_id = published_story(client, acme[Role.LEADER])
    member = acme[Role.MEMBER].headers
    english = client.post(f"/api/stories/{story_id}/questions", json={}, headers=member)
    assert english.status_code == 200, english.json()
    body = english.json()
    assert body["language"] == "en" and len(body["questions"]) == 4
    assert [q["type"] for q in body["questions"][:3]] == [
        "understanding",
        "reflection",
        "application",
    ]
    assert f"## {wording('questions', 'heading')}" in body["text"]
    dutch = client.post(
        f"/api/stories/{story_id}/questions", json={"count": 3, "language": "nl"}, headers=member
    )
    # The questions quote the English story: asked in Dutch, they stay English and say why
    # in Dutch (frames of one language around quotes of the other: labels-v9).
    assert dutch.status_code == 200 and dutch.json()["language"] == "en"
    assert dutch.json()["notes"][0].startswith("Dit staat in het Engels")
    too_many = client.post(f"/api/stories/{story_id}/questions", json={"count": 9}, headers=member)
    assert too_many.status_code == 422 and too_many.json()["error"]["field"] == "count"


def test_reflections_reach_the_storys_leader(client: TestClient, acme: People) -> None:
    story_id = published_story(client, acme[Role.LEADER])
    url = f"/api/stories/{story_id}/reflections"
    made = client.post(
        url, json={"text": "I missed a callback too."}, headers=acme[Role.MEMBER].headers
    )
    assert made.status_code == 201 and made.json()["person"]["name"] == "acme member"
    client.post(url, json={"text": "As a reviewer: useful."}, headers=acme[Role.REVIEWER].headers)
    leader_view = client.get(url, headers=acme[Role.LEADER].headers).json()
    assert [r["text"] for r in leader_view["data"]] == [
        "I missed a callback too.",
        "As a reviewer: useful.",
    ]
    member_view = client.get(url, headers=acme[Role.MEMBER].headers).json()
    assert [r["text"] for r in member_view["data"]] == ["I missed a callback too."]


def test_reflections_need_a_published_story(client: TestClient, acme: People) -> None:
    draft = published_story(client, acme[Role.LEADER], publish=False)
    response = client.post(
        f"/api/stories/{draft}/reflections", json={"text": "x"}, headers=acme[Role.LEADER].headers
    )
    assert response.status_code == 422 and response.json()["error"]["field"] == "story"
