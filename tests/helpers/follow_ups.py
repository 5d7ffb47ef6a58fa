"""What the follow-up tests share: a clock the test moves, a desk of people in teams, a 1:1
lesson, an app on that clock, and the steps of giving, answering and walking a paged list.

The fixtures are made available by ``tests/api/conftest.py`` and ``tests/web/conftest.py``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from service.testing import FakeModel, MovableClock
from service.vocabulary import LessonKind
from tests.store.factories import Member, add_lesson, add_person, add_story, seed_org

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""A Monday morning: the lesson comes back on the next Monday, 2026-03-09."""
TEAM = "Customer desk"
RECALLED = "Sort the queue by bikes off the road."
TRIED = "I answered the two oldest complaints first; one rider came back the same day."


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


@pytest.fixture
def desk(database: Database) -> dict[str, Member]:
    """Lea leads the customer desk (Tom and Ann); Joe leads the workshop; Rev reviews; Gus
    is in another organisation's team of the same name."""
    seed_org(database, "globex")
    with database.transaction() as session:
        return {
            "lea": add_person(session, "acme", "Lea", Role.LEADER, team=TEAM),
            "tom": add_person(session, "acme", "Tom", Role.MEMBER, team=TEAM),
            "ann": add_person(session, "acme", "Ann", Role.MEMBER, team=TEAM),
            "joe": add_person(session, "acme", "Joe", Role.LEADER, team="Workshop"),
            "rev": add_person(session, "acme", "Rev", Role.REVIEWER),
            "gus": add_person(session, "globex", "Gus", Role.LEADER, team=TEAM),
        }


@pytest.fixture
def lesson_id(database: Database, desk: dict[str, Member]) -> int:
    """Lea's 1:1 lesson (a draft, as the coach leaves it)."""
    with database.transaction() as session:
        story = add_story(session, desk["lea"])
        return add_lesson(session, desk["lea"], story.id, LessonKind.ONE_ON_ONE).id


@pytest.fixture
def desk_client(
    settings: Settings, loaded: KnowledgeBase, database: Database, clock: MovableClock
) -> Iterator[TestClient]:
    """The app on the test's clock (no model call is made by follow-ups)."""
    app = create_app(settings, loaded, model=FakeModel(), database=database, clock=clock)
    with TestClient(app) as client:
        yield client


def give(client: TestClient, leader: Member, lesson_id: int, member: Member) -> Any:
    return client.post(
        f"/api/lessons/{lesson_id}/give", json={"member_id": member.id}, headers=leader.headers
    )


def answer(client: TestClient, member: Member, follow_up_id: int) -> Any:
    body = {"recalled": RECALLED, "tried": TRIED}
    return client.post(f"/api/follow-ups/{follow_up_id}/answer", json=body, headers=member.headers)


def walk(client: TestClient, url: str, who: Member, limit: int) -> list[list[int]]:
    """Every page of ``url``, following ``next`` to the end: the ids on each page."""
    pages, offset = [], 0
    while True:
        response = client.get(url, params={"limit": limit, "offset": offset}, headers=who.headers)
        assert response.status_code == 200, response.json()
        page = response.json()
        assert page["count"] == len(page["data"]) <= limit
        pages.append([row["id"] for row in page["data"]])
        if page["next"] is None:
            return pages
        assert page["next"] == offset + limit
        offset = page["next"]
