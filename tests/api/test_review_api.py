"""The lesson flow over HTTP: create, submit (scored), review, publish into the corpus."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.store import Role
from tests.helpers.api_steps import People, lesson_in_review, story
from tests.store.factories import LESSON_TEXT, STORY_TEXT


def test_the_whole_review_flow(client: TestClient, acme: People) -> None:
    lesson = lesson_in_review(client, acme)
    assert lesson["state"] == "in_review"
    assert lesson["score"]["rubric"] == "lesson@v2" and lesson["score"]["criteria"]
    assert lesson["allowed_actions"] == ["approve", "reject", "request_changes"]
    reviewer = acme[Role.REVIEWER].headers

    queue = client.get("/api/review/queue", headers=reviewer).json()
    assert queue["count"] == 1  # globex's lesson is not in acme's queue
    item = queue["data"][0]
    assert item["lesson"]["id"] == lesson["id"] and item["story"]["text"] == STORY_TEXT
    assert item["lesson"]["citations"] == ["story-battery-scare"]

    edited = client.patch(
        f"/api/lessons/{lesson['id']}",
        json={"text": LESSON_TEXT + "\n3. Write down what you promised.\n", "comment": "step 3"},
        headers=reviewer,
    )
    assert edited.status_code == 200 and "Write down" in edited.json()["text"]
    # The reviewer's edit makes them a writer of the text: another reviewer (here the admin)
    # approves and publishes it (tests/api/test_four_eyes_api.py).
    admin = acme[Role.ADMIN].headers
    approved = client.post(
        f"/api/lessons/{lesson['id']}/decision", json={"decision": "approve"}, headers=admin
    )
    assert approved.json()["state"] == "approved"
    published = client.post(f"/api/lessons/{lesson['id']}/publish", headers=admin)
    assert published.status_code == 200, published.json()
    corpus_id = published.json()["corpus_id"]

    hits = client.get(
        "/api/search",
        params={"q": "write down what you promised", "kind": "lesson"},
        headers=acme[Role.MEMBER].headers,
    ).json()
    assert hits["data"][0]["id"] == corpus_id

    trail = client.get(f"/api/lessons/{lesson['id']}/audit", headers=acme[Role.LEADER].headers)
    assert [(e["action"], e["actor"]["name"], e["comment"]) for e in trail.json()["data"]] == [
        ("create", "acme leader", None),
        ("submit", "acme leader", None),
        ("edit", "acme reviewer", "step 3"),
        ("approve", "acme admin", None),
        ("start_publish", "acme admin", None),
        ("publish", "acme admin", None),
    ]
    org_trail = client.get("/api/audit", headers=reviewer).json()
    assert {e["action"] for e in org_trail["data"]} == {
        "create",
        "submit",
        "edit",
        "approve",
        "start_publish",
        "publish",
    }


def test_invalid_transitions_are_409_and_write_nothing(client: TestClient, acme: People) -> None:
    lesson = lesson_in_review(client, acme)
    reviewer = acme[Role.REVIEWER].headers
    early = client.post(f"/api/lessons/{lesson['id']}/publish", headers=reviewer)
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "invalid_transition"
    assert "in_review → published" in early.json()["error"]["message"]
    again = client.post(f"/api/lessons/{lesson['id']}/submit", headers=acme[Role.LEADER].headers)
    assert again.status_code == 409 and "in_review → in_review" in again.json()["error"]["message"]
    late_edit = client.patch(
        f"/api/lessons/{lesson['id']}", json={"text": "mine"}, headers=acme[Role.LEADER].headers
    )
    assert late_edit.status_code == 409
    trail = client.get(f"/api/lessons/{lesson['id']}/audit", headers=reviewer).json()
    assert [e["action"] for e in trail["data"]] == ["create", "submit"]


def test_reject_and_request_changes_need_a_comment(client: TestClient, acme: People) -> None:
    lesson = lesson_in_review(client, acme)
    reviewer = acme[Role.REVIEWER].headers
    url = f"/api/lessons/{lesson['id']}/decision"
    bare = client.post(url, json={"decision": "reject"}, headers=reviewer)
    assert bare.status_code == 422 and bare.json()["error"]["field"] == "comment"
    sent_back = client.post(
        url, json={"decision": "request_changes", "comment": "Add a step."}, headers=reviewer
    )
    assert sent_back.json()["state"] == "changes_requested"
    leader = acme[Role.LEADER].headers
    fixed = client.patch(f"/api/lessons/{lesson['id']}", json={"text": "# Better"}, headers=leader)
    assert fixed.status_code == 200
    assert client.post(f"/api/lessons/{lesson['id']}/submit", headers=leader).is_success


def test_lessons_are_visible_to_author_and_reviewers_only(
    client: TestClient, acme: People, globex: People
) -> None:
    lesson = lesson_in_review(client, acme)
    url = f"/api/lessons/{lesson['id']}"
    assert client.get(url, headers=acme[Role.REVIEWER].headers).status_code == 200
    assert client.get(url, headers=acme[Role.MEMBER].headers).status_code == 403
    other = client.get(url, headers=globex[Role.REVIEWER].headers)
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"
    listed = client.get("/api/lessons", headers=globex[Role.REVIEWER].headers).json()
    assert lesson["id"] not in [x["id"] for x in listed["data"]]
    mine = client.get("/api/lessons", headers=acme[Role.LEADER].headers).json()
    assert [x["id"] for x in mine["data"]] == [lesson["id"]]


def test_another_orgs_ids_are_404_everywhere(
    client: TestClient, acme: People, globex: People
) -> None:
    theirs = client.get("/api/lessons", headers=globex[Role.ADMIN].headers).json()["data"][0]
    their_story = theirs["story_id"]
    reviewer, leader = acme[Role.REVIEWER].headers, acme[Role.LEADER].headers
    for method, url, body, headers in [
        ("GET", f"/api/lessons/{theirs['id']}", None, reviewer),
        ("PATCH", f"/api/lessons/{theirs['id']}", {"text": "x"}, reviewer),
        ("POST", f"/api/lessons/{theirs['id']}/submit", None, leader),
        ("POST", f"/api/lessons/{theirs['id']}/decision", {"decision": "approve"}, reviewer),
        ("POST", f"/api/lessons/{theirs['id']}/publish", None, reviewer),
        ("GET", f"/api/lessons/{theirs['id']}/audit", None, reviewer),
        ("GET", f"/api/stories/{their_story}", None, reviewer),
        ("PATCH", f"/api/stories/{their_story}", {"title": "x"}, leader),
        ("POST", f"/api/stories/{their_story}/publish", None, leader),
        ("POST", f"/api/stories/{their_story}/reflections", {"text": "x"}, reviewer),
        ("GET", f"/api/stories/{their_story}/reflections", None, reviewer),
        ("POST", f"/api/stories/{their_story}/questions", {}, reviewer),
        ("POST", "/api/lessons", {"story_id": their_story, "text": "x"}, leader),
        ("GET", "/api/lessons/999999", None, reviewer),
    ]:
        response = client.request(method, url, json=body, headers=headers)
        assert response.status_code == 404, (method, url, response.json())
        assert "Globex" not in response.text
    stories = client.get("/api/stories", headers=reviewer).json()["data"]
    assert all(s["title"] != "Globex secret story" for s in stories)
    assert "globex" not in client.get("/api/audit", headers=reviewer).text


def test_one_on_one_needs_the_goal(client: TestClient, acme: People) -> None:
    made = story(client, acme[Role.LEADER])
    body = {"story_id": made["id"], "kind": "one_on_one", "text": LESSON_TEXT}
    missing = client.post("/api/lessons", json=body, headers=acme[Role.LEADER].headers)
    assert missing.status_code == 422 and missing.json()["error"]["field"] == "team_member_goal"
    body |= {"team_member_goal": "Calm phone calls", "team_member_role": "mechanic"}
    made_1on1 = client.post("/api/lessons", json=body, headers=acme[Role.LEADER].headers)
    assert made_1on1.status_code == 201 and made_1on1.json()["kind"] == "one_on_one"
