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
from tests.helpers.follow_ups import (
    RECALLED,
    TRIED,
    answer,
    give,
)
from tests.store.factories import Member, add_lesson, add_story
from tests.web.conftest import sign_in, ui

TITLE = "The battery that got hot"


def page(desk_client: TestClient, url: str) -> str:
    response = desk_client.get(url)
    assert response.status_code == 200, response.text
    return response.text


def test_given_answered_replied_page_by_page(
    desk_client: TestClient,
    desk: dict[str, Member],
    lesson_id: int,
    clock: MovableClock,
) -> None:
    lea, tom = desk["lea"], desk["tom"]
    sign_in(desk_client, lea)
    lesson_page = page(desk_client, f"/lessons/{lesson_id}?lang=en")
    assert 'id="give-form"' in lesson_page and ui("en", "give_title") in lesson_page
    offered = re.findall(r'<option value="(\d+)">([^<]+)</option>', lesson_page)
    assert [name for _, name in offered] == ["Ann", "Tom"]
    made = give(desk_client, lea, lesson_id, tom).json()
    given_page = page(desk_client, f"/lessons/{lesson_id}?lang=en")
    assert 'id="give-form"' not in given_page
    assert f"{ui('en', 'given_to_member')} <strong>Tom</strong>" in given_page

    sign_in(desk_client, tom)
    home = page(desk_client, "/?lang=en")
    assert ui("en", "given_to_me") in home and f'href="/follow-ups/{made["id"]}"' in home
    assert 'id="due-follow-ups"' not in home
    before = page(desk_client, f"/follow-ups/{made['id']}?lang=en")
    assert 'id="given-lesson"' in before and "Call back the same day." in before
    assert 'id="comes-back"' in before and "2026-03-09" in before
    assert 'id="answer-form"' not in before

    clock.advance(days=7)
    home = page(desk_client, "/?lang=en")
    assert 'id="due-follow-ups"' in home and ui("en", "follow_up_due_now") in home
    due = page(desk_client, f"/follow-ups/{made['id']}?lang=en")
    assert 'id="answer-form"' in due
    assert f"{TITLE}" in due and ui("en", "the_practice_was") not in due  # no practice part
    assert answer(desk_client, tom, made["id"]).status_code == 200

    sign_in(desk_client, lea)
    home = page(desk_client, "/?lang=en")
    waiting = home.split('id="waiting"', 1)[1]
    assert RECALLED in waiting and TRIED.replace("'", "&#39;") in waiting
    assert f'data-api="/api/follow-ups/{made["id"]}/reply"' in waiting
    replied = desk_client.post(
        f"/api/follow-ups/{made['id']}/reply",
        json={"text": "Good. Next one alone?"},
        headers=lea.headers,
    )
    assert replied.status_code == 200
    assert 'id="waiting"' not in page(desk_client, "/?lang=en")
    answers = page(desk_client, f"/follow-ups/answers?lesson_id={lesson_id}&lang=en")
    assert "Good. Next one alone?" in answers and RECALLED in answers

    sign_in(desk_client, tom)
    home = page(desk_client, "/?lang=nl")
    assert ui("nl", "replies_title") in home and "Good. Next one alone?" in home


def test_a_teammate_finds_nothing_of_another_s_follow_up(
    desk_client: TestClient,
    desk: dict[str, Member],
    lesson_id: int,
    clock: MovableClock,
) -> None:
    made = give(desk_client, desk["lea"], lesson_id, desk["tom"]).json()
    clock.advance(days=7)
    assert answer(desk_client, desk["tom"], made["id"]).status_code == 200
    for other in ("ann", "joe"):
        sign_in(desk_client, desk[other])
        assert desk_client.get(f"/follow-ups/{made['id']}").status_code == 404
        for url in ("/", "/follow-ups", "/follow-ups/answers", f"/lessons/{lesson_id}"):
            shown = desk_client.get(url).text
            assert RECALLED not in shown and f'/follow-ups/{made["id"]}"' not in shown
    sign_in(desk_client, desk["rev"])  # reviewers see every answer
    assert RECALLED in page(desk_client, "/follow-ups/answers")
    assert page(desk_client, f"/follow-ups/{made['id']}").count('id="answer-form"') == 0


def test_the_follow_up_list_is_paged(
    desk_client: TestClient,
    database: Database,
    desk: dict[str, Member],
) -> None:
    with database.transaction() as session:
        story = add_story(session, desk["lea"])
        made = [
            add_lesson(session, desk["lea"], story.id, LessonKind.ONE_ON_ONE).id for _ in range(3)
        ]
    for lesson in made:
        assert give(desk_client, desk["lea"], lesson, desk["tom"]).status_code == 201
    sign_in(desk_client, desk["tom"])
    first = page(desk_client, "/follow-ups?limit=2&lang=en")
    assert first.count('class="follow-up-item"') == 2 and 'rel="next"' in first
    rest = page(desk_client, "/follow-ups?limit=2&offset=2&lang=en")
    assert rest.count('class="follow-up-item"') == 1 and 'rel="next"' not in rest
