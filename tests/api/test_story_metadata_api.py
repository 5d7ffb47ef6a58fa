"""Story-bank metadata: who may read a story (team or organisation), whether it is current,
who told it; shown to readers, changed by its author only."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.store import Database, Person, Role
from tests.helpers.api_steps import People, published_story
from tests.store.factories import LESSON_TEXT, Member, add_person


def put_in_team(database: Database, *members: Member, team: str) -> None:
    with database.transaction() as session:
        for member in members:
            person = session.get(Person, member.id)
            assert person is not None
            person.team = team


def change(client: TestClient, who: Member, story_id: int, **fields: Any) -> Any:
    return client.patch(f"/api/stories/{story_id}", json=fields, headers=who.headers)


def listed(client: TestClient, who: Member, **params: Any) -> list[int]:
    answer = client.get("/api/stories", params=params, headers=who.headers)
    assert answer.status_code == 200, answer.text
    return [s["id"] for s in answer.json()["data"]]


def test_a_new_story_is_current_for_everyone_and_told_by_its_author(
    client: TestClient, acme: People
) -> None:
    made = published_story(client, acme[Role.LEADER])
    assert (made["visibility"], made["current"], made["told_by"]) == ("organisation", True, None)
    assert made["retired_at"] is None


def test_the_author_says_who_told_it(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    made = published_story(client, leader)
    told = change(client, leader, made["id"], told_by="  Sanne de Vries, workshop Utrecht ")
    assert told.json()["told_by"] == "Sanne de Vries, workshop Utrecht"
    seen = client.get(f"/api/stories/{made['id']}", headers=acme[Role.MEMBER].headers).json()
    assert seen["told_by"] == "Sanne de Vries, workshop Utrecht"
    assert change(client, leader, made["id"], told_by="").json()["told_by"] is None


@pytest.mark.parametrize("role", [Role.MEMBER, Role.REVIEWER, Role.ADMIN])
def test_only_the_author_changes_it(client: TestClient, acme: People, role: Role) -> None:
    made = published_story(client, acme[Role.LEADER])
    for fields in ({"current": False}, {"visibility": "team"}, {"told_by": "x"}):
        refused = change(client, acme[role], made["id"], **fields)
        assert refused.status_code == 403, fields


def test_a_team_story_is_read_by_its_team_only(
    client: TestClient, acme: People, database: Database
) -> None:
    leader, member = acme[Role.LEADER], acme[Role.MEMBER]
    with database.transaction() as session:
        outsider = add_person(session, "acme", "acme other member", Role.MEMBER)
    put_in_team(database, leader, member, team="workshop")
    put_in_team(database, outsider, team="warehouse")
    made = published_story(client, leader)
    assert change(client, leader, made["id"], visibility="team").json()["visibility"] == "team"
    assert made["id"] in listed(client, member)
    assert client.get(f"/api/stories/{made['id']}", headers=member.headers).status_code == 200
    assert made["id"] not in listed(client, outsider)
    hidden = client.get(f"/api/stories/{made['id']}", headers=outsider.headers)
    assert hidden.status_code == 404  # as if it did not exist
    reviewer = acme[Role.REVIEWER]
    assert made["id"] in listed(client, reviewer)  # reviewers read every story
    back = change(client, leader, made["id"], visibility="organisation")
    assert back.json()["visibility"] == "organisation"
    assert made["id"] in listed(client, outsider)


def test_a_team_story_needs_a_team(client: TestClient, acme: People) -> None:
    made = published_story(client, acme[Role.LEADER])
    refused = change(client, acme[Role.LEADER], made["id"], visibility="team")
    assert refused.status_code == 422
    assert refused.json()["error"]["field"] == "visibility"
    assert "no team" in refused.json()["error"]["message"]
    unknown = change(client, acme[Role.LEADER], made["id"], visibility="everyone")
    assert unknown.status_code == 422


def test_a_retired_story_is_listed_nowhere_and_nothing_new_draws_on_it(
    client: TestClient, acme: People
) -> None:
    leader, member = acme[Role.LEADER], acme[Role.MEMBER]
    made = published_story(client, leader)
    retired = change(client, leader, made["id"], current=False).json()
    assert retired["current"] is False and retired["retired_at"] is not None
    assert made["id"] not in listed(client, member)
    assert made["id"] not in listed(client, acme[Role.REVIEWER])
    assert made["id"] in listed(client, leader, mine=True)  # its author still finds it
    # Its page still opens, and says it is retired.
    assert client.get(f"/api/stories/{made['id']}", headers=member.headers).status_code == 200
    lesson = client.post(
        "/api/lessons", json={"story_id": made["id"], "text": LESSON_TEXT}, headers=leader.headers
    )
    assert lesson.status_code == 409
    assert lesson.json()["error"] == {
        **lesson.json()["error"],
        "code": "story_retired",
        "field": "story",
    }
    questions = client.post(
        f"/api/stories/{made['id']}/questions", json={"count": 3}, headers=member.headers
    )
    assert questions.status_code == 409
    again = change(client, leader, made["id"], current=True).json()
    assert again["current"] is True and again["retired_at"] is None
    assert made["id"] in listed(client, member)


def test_retiring_twice_keeps_the_first_moment(client: TestClient, acme: People) -> None:
    leader = acme[Role.LEADER]
    made = published_story(client, leader)
    first = change(client, leader, made["id"], current=False).json()["retired_at"]
    assert change(client, leader, made["id"], current=False).json()["retired_at"] == first
