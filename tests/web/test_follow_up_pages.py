"""The follow-up pages on a clock the test moves: the leader gives a 1:1 lesson from its
page; the member finds it on their home page; a week later they answer on the follow-up's
page; the leader replies from their home page; the member reads the reply. Nobody else
finds any of it, and the lists are paged."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from service.store import Database
from service.testing import MovableClock
from service.vocabulary import LessonKind
from tests.api.test_follow_ups_api import (  # noqa: F401 (fixtures)
    RECALLED,
    TRIED,
    answer,
    client,
    clock,
    desk,
    give,
    lesson_id,
)
from tests.store.factories import Member, add_lesson, add_story
from tests.web.conftest import sign_in, ui

TITLE = "The battery that got hot"


def page(client: TestClient, url: str) -> str:  # noqa: F811 (the fixture's name)
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.text


def test_given_answered_replied_page_by_page(
    client: TestClient,  # noqa: F811
    desk: dict[str, Member],  # noqa: F811
    lesson_id: int,  # noqa: F811
    clock: MovableClock,  # noqa: F811
) -> None:
    lea, tom = desk["lea"], desk["tom"]
    sign_in(client, lea)
    lesson_page = page(client, f"/lessons/{lesson_id}?lang=en")
    assert 'id="give-form"' in lesson_page and ui("en", "give_title") in lesson_page
    offered = re.findall(r'<option value="(\d+)">([^<]+)</option>', lesson_page)
    assert [name for _, name in offered] == ["Ann", "Tom"]
    made = give(client, lea, lesson_id, tom).json()
    given_page = page(client, f"/lessons/{lesson_id}?lang=en")
    assert 'id="give-form"' not in given_page
    assert f"{ui('en', 'given_to_member')} <strong>Tom</strong>" in given_page

    sign_in(client, tom)
    home = page(client, "/?lang=en")
    assert ui("en", "given_to_me") in home and f'href="/follow-ups/{made["id"]}"' in home
    assert 'id="due-follow-ups"' not in home
    before = page(client, f"/follow-ups/{made['id']}?lang=en")
    assert 'id="given-lesson"' in before and "Call back the same day." in before
    assert 'id="comes-back"' in before and "2026-03-09" in before
    assert 'id="answer-form"' not in before

    clock.advance(days=7)
    home = page(client, "/?lang=en")
    assert 'id="due-follow-ups"' in home and ui("en", "follow_up_due_now") in home
    due = page(client, f"/follow-ups/{made['id']}?lang=en")
    assert 'id="answer-form"' in due
    assert f"{TITLE}" in due and ui("en", "the_practice_was") not in due  # no practice part
    assert answer(client, tom, made["id"]).status_code == 200

    sign_in(client, lea)
    home = page(client, "/?lang=en")
    waiting = home.split('id="waiting"', 1)[1]
    assert RECALLED in waiting and TRIED.replace("'", "&#39;") in waiting
    assert f'data-api="/api/follow-ups/{made["id"]}/reply"' in waiting
    replied = client.post(
        f"/api/follow-ups/{made['id']}/reply",
        json={"text": "Good. Next one alone?"},
        headers=lea.headers,
    )
    assert replied.status_code == 200
    assert 'id="waiting"' not in page(client, "/?lang=en")
    answers = page(client, f"/follow-ups/answers?lesson_id={lesson_id}&lang=en")
    assert "Good. Next one alone?" in answers and RECALLED in answers

    sign_in(client, tom)
    home = page(client, "/?lang=nl")
    assert ui("nl", "replies_title") in home and "Good. Next one alone?" in home


def test_a_teammate_finds_nothing_of_another_s_follow_up(
    client: TestClient,  # noqa: F811
    desk: dict[str, Member],  # noqa: F811
    lesson_id: int,  # noqa: F811
    clock: MovableClock,  # noqa: F811
) -> None:
    made = give(client, desk["lea"], lesson_id, desk["tom"]).json()
    clock.advance(days=7)
    assert answer(client, desk["tom"], made["id"]).status_code == 200
    for other in ("ann", "joe"):
        sign_in(client, desk[other])
        assert client.get(f"/follow-ups/{made['id']}").status_code == 404
        for url in ("/", "/follow-ups", "/follow-ups/answers", f"/lessons/{lesson_id}"):
            shown = client.get(url).text
            assert RECALLED not in shown and f'/follow-ups/{made["id"]}"' not in shown
    sign_in(client, desk["rev"])  # reviewers see every answer
    assert RECALLED in page(client, "/follow-ups/answers")
    assert page(client, f"/follow-ups/{made['id']}").count('id="answer-form"') == 0


def test_the_follow_up_list_is_paged(
    client: TestClient,  # noqa: F811
    database: Database,
    desk: dict[str, Member],  # noqa: F811
) -> None:
    with database.transaction() as session:
        story = add_story(session, desk["lea"])
        made = [
            add_lesson(session, desk["lea"], story.id, LessonKind.ONE_ON_ONE).id for _ in range(3)
        ]
    for lesson in made:
        assert give(client, desk["lea"], lesson, desk["tom"]).status_code == 201
    sign_in(client, desk["tom"])
    first = page(client, "/follow-ups?limit=2&lang=en")
    assert first.count('class="follow-up-item"') == 2 and 'rel="next"' in first
    rest = page(client, "/follow-ups?limit=2&offset=2&lang=en")
    assert rest.count('class="follow-up-item"') == 1 and 'rel="next"' not in rest
