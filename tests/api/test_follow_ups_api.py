"""Follow-ups over the API, on a clock the test moves: a leader gives a 1:1 lesson to a
member of their team; a week later the member answers; the leader replies; the member reads
the reply. Nobody else sees any of it; every list is paged."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from service.testing import FakeModel, MovableClock
from service.vocabulary import LessonKind
from tests.helpers.follow_ups import (
    RECALLED,
    START,
    TEAM,
    TRIED,
    answer,
    give,
    walk,
)
from tests.learning_record.fake_lrs import fake_lrs
from tests.store.factories import Member, add_lesson, add_person, add_story

PUBLIC_URL = "https://coach.example.com"


def test_given_then_due_a_week_later_answered_and_replied(
    desk_client: TestClient, desk: dict[str, Member], lesson_id: int, clock: MovableClock
) -> None:
    lea, tom = desk["lea"], desk["tom"]
    team = desk_client.get("/api/team-members", headers=lea.headers).json()
    assert [p["name"] for p in team["data"]] == ["Ann", "Tom"]
    given = give(desk_client, lea, lesson_id, tom)
    assert given.status_code == 201, given.json()
    made = given.json()
    assert made["kind"] == "lesson" and made["lesson_id"] == lesson_id
    assert made["member"]["name"] == "Tom" and made["leader"]["name"] == "Lea"
    assert made["since"].startswith("2026-03-02T09:00")
    assert made["due_at"].startswith("2026-03-09T09:00") and made["due"] is False
    assert "What to do" not in made["questions"]["recall"]  # the test lesson has no recall part
    assert "The battery that got hot" in made["questions"]["recall"]

    mine = desk_client.get("/api/follow-ups", headers=tom.headers).json()["data"]
    assert [f["id"] for f in mine] == [made["id"]]  # given: on the member's list at once
    early = answer(desk_client, tom, made["id"])
    assert early.status_code == 422 and early.json()["error"]["field"] == "follow_up"
    assert desk_client.get("/api/follow-ups?due=true", headers=tom.headers).json()["data"] == []

    clock.advance(days=7)
    due = desk_client.get("/api/follow-ups?due=true&answered=false", headers=tom.headers).json()
    assert [f["id"] for f in due["data"]] == [made["id"]] and due["data"][0]["due"] is True
    answered = answer(desk_client, tom, made["id"])
    assert answered.status_code == 200, answered.json()
    assert answered.json()["answer"]["tried"] == TRIED

    waiting = desk_client.get(
        "/api/follow-ups?answered=true&replied=false", headers=lea.headers
    ).json()["data"]
    assert [(f["member"]["name"], f["answer"]["recalled"]) for f in waiting] == [("Tom", RECALLED)]
    replied = desk_client.post(
        f"/api/follow-ups/{made['id']}/reply",
        json={"text": "Good start.\nTake the next one alone?"},
        headers=lea.headers,
    )
    assert replied.status_code == 200, replied.json()
    seen = desk_client.get(f"/api/follow-ups/{made['id']}", headers=tom.headers).json()
    assert seen["answer"]["reply"] == "Good start. Take the next one alone?"
    assert seen["answer"]["replied_at"].startswith("2026-03-09")
    assert (
        desk_client.get("/api/follow-ups?replied=false", headers=lea.headers).json()["data"] == []
    )


def test_nobody_else_sees_a_given_lesson_or_its_answer(
    desk_client: TestClient, desk: dict[str, Member], lesson_id: int, clock: MovableClock
) -> None:
    made = give(desk_client, desk["lea"], lesson_id, desk["tom"]).json()
    clock.advance(days=8)
    assert answer(desk_client, desk["tom"], made["id"]).status_code == 200
    url = f"/api/follow-ups/{made['id']}"
    for reader in ("tom", "lea", "rev"):
        assert desk_client.get(url, headers=desk[reader].headers).status_code == 200
    for other in ("ann", "joe", "gus"):  # a teammate, another team's leader, another org
        who = desk[other]
        assert desk_client.get(url, headers=who.headers).status_code == 404
        listed = desk_client.get("/api/follow-ups", headers=who.headers).json()["data"]
        assert made["id"] not in [f["id"] for f in listed]
        assert answer(desk_client, who, made["id"]).status_code == 404
        reply = desk_client.post(f"{url}/reply", json={"text": "Mine now"}, headers=who.headers)
        assert reply.status_code == 404
    by_member = desk_client.get(
        "/api/follow-ups", params={"member_id": desk["tom"].id}, headers=desk["ann"].headers
    ).json()
    assert by_member["data"] == []
    reviewer = desk_client.get("/api/follow-ups?answered=true", headers=desk["rev"].headers).json()
    assert [f["id"] for f in reviewer["data"]] == [made["id"]]


def test_bad_input_names_the_field_and_writes_nothing(
    desk_client: TestClient, desk: dict[str, Member], lesson_id: int, clock: MovableClock
) -> None:
    lea, tom = desk["lea"], desk["tom"]
    for member in (desk["joe"], desk["gus"], desk["rev"]):
        refused = give(desk_client, lea, lesson_id, member)
        assert refused.status_code == 422 and refused.json()["error"]["field"] == "member_id"
    assert (
        give(desk_client, tom, lesson_id, desk["ann"]).status_code == 403
    )  # a member gives nothing
    assert give(desk_client, desk["joe"], lesson_id, tom).status_code == 404  # not Joe's lesson
    huge = desk_client.post(
        f"/api/lessons/{lesson_id}/give", json={"member_id": 2**40}, headers=lea.headers
    )
    assert huge.status_code == 422 and huge.json()["error"]["field"] == "member_id"
    assert desk_client.get("/api/follow-ups", headers=tom.headers).json()["data"] == []

    made = give(desk_client, lea, lesson_id, tom).json()
    again = give(desk_client, lea, lesson_id, desk["ann"])
    assert again.status_code == 422 and "Tom" in again.json()["error"]["message"]
    clock.advance(days=7)
    url = f"/api/follow-ups/{made['id']}"
    early_reply = desk_client.post(f"{url}/reply", json={"text": "Well?"}, headers=lea.headers)
    assert early_reply.status_code == 422
    for body, field in [
        ({"recalled": "", "tried": TRIED}, "recalled"),
        ({"recalled": RECALLED}, "tried"),
        ({"recalled": RECALLED, "tried": "x" * 4001}, "tried"),
    ]:
        refused = desk_client.post(f"{url}/answer", json=body, headers=tom.headers)
        assert refused.status_code == 422 and refused.json()["error"]["field"] == field
    assert desk_client.get(url, headers=tom.headers).json()["answer"] is None
    assert answer(desk_client, tom, made["id"]).status_code == 200
    long = desk_client.post(f"{url}/reply", json={"text": "x" * 501}, headers=lea.headers)
    assert long.status_code == 422 and long.json()["error"]["field"] == "text"


def test_the_lists_are_paged(
    desk_client: TestClient, database: Database, desk: dict[str, Member], clock: MovableClock
) -> None:
    with database.transaction() as session:
        for number in range(7):
            add_person(session, "acme", f"Member {number}", Role.MEMBER, team=TEAM)
        story = add_story(session, desk["lea"])
        lessons = [
            add_lesson(session, desk["lea"], story.id, LessonKind.ONE_ON_ONE).id for _ in range(7)
        ]
    for lesson in lessons:
        assert give(desk_client, desk["lea"], lesson, desk["tom"]).status_code == 201
    pages = walk(desk_client, "/api/follow-ups", desk["tom"], limit=3)
    assert [len(page) for page in pages] == [3, 3, 1]
    team = walk(desk_client, "/api/team-members", desk["lea"], limit=4)
    assert sum(len(page) for page in team) == 9  # Ann, Tom and the seven
    refused = desk_client.get("/api/follow-ups?limit=201", headers=desk["tom"].headers)
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "limit"


def test_an_answer_is_sent_to_the_lrs_as_answered_with_its_response(
    settings: Settings,
    loaded: KnowledgeBase,
    database: Database,
    desk: dict[str, Member],
    lesson_id: int,
    clock: MovableClock,
) -> None:
    with fake_lrs() as lrs:
        on = settings.model_copy(update={"lrs_endpoint": lrs.endpoint, "public_url": PUBLIC_URL})
        app = create_app(on, loaded, model=FakeModel(), database=database, clock=clock)
        with TestClient(app) as desk_client:
            made = give(desk_client, desk["lea"], lesson_id, desk["tom"]).json()
            clock.advance(days=7, hours=1)
            assert answer(desk_client, desk["tom"], made["id"]).status_code == 200
    answered = [s for s in lrs.statements if s["verb"]["id"].endswith("/answered")]
    assert len(answered) == 1
    sent = answered[0]
    assert sent["actor"]["account"] == {"homePage": PUBLIC_URL, "name": str(desk["tom"].id)}
    assert sent["object"]["id"] == f"{PUBLIC_URL}/lessons/{lesson_id}/follow-up"
    assert sent["result"]["response"] == f"{RECALLED}\n\n{TRIED}"
    assert sent["timestamp"] == (START + timedelta(days=7, hours=1)).strftime(
        "%Y-%m-%dT%H:%M:%S.000Z"
    )


def test_analytics_counts_what_stuck_and_the_csv_has_every_answer(
    desk_client: TestClient, database: Database, desk: dict[str, Member], clock: MovableClock
) -> None:
    with database.transaction() as session:
        story = add_story(session, desk["lea"])
        lessons = [
            add_lesson(session, desk["lea"], story.id, LessonKind.ONE_ON_ONE).id for _ in range(2)
        ]
    first = give(desk_client, desk["lea"], lessons[0], desk["tom"]).json()
    give(desk_client, desk["lea"], lessons[1], desk["ann"])
    clock.advance(days=9)
    formula = '=HYPERLINK("http://evil")'
    body = {"recalled": RECALLED, "tried": formula}
    assert desk_client.post(
        f"/api/follow-ups/{first['id']}/answer", json=body, headers=desk["tom"].headers
    ).is_success

    figures = desk_client.get("/api/analytics", headers=desk["rev"].headers).json()["follow_ups"]
    assert (figures["due"], figures["answered"], figures["rate"]) == (2, 1, 0.5)
    assert figures["median_days_to_answer"] == 2.0  # came back on day 7, answered on day 9
    assert {s["subject_id"]: s["answered"] for s in figures["subjects"]} == {
        lessons[0]: 1,
        lessons[1]: 0,
    }

    csv = desk_client.get("/api/analytics/follow-ups.csv", headers=desk["rev"].headers)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.splitlines()
    assert lines[0].startswith("due_at,kind,subject_id,title,language,member,leader")
    assert len(lines) == 3  # both came back; one answered
    assert "'=HYPERLINK" in csv.text  # typed text is never a formula in a spreadsheet
    for who in ("tom", "lea"):
        assert (
            desk_client.get("/api/analytics/follow-ups.csv", headers=desk[who].headers).status_code
            == 403
        )
