"""Every list is read a page at a time: ``limit`` (default 50, at most 200) and ``offset``,
answered as ``{data, count, next}``; the pages show the first page and a link to the next."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.errors import InvalidInput
from service.http.paging import DEFAULT_LIMIT, MAX_LIMIT
from service.store import (
    Database,
    MessageRole,
    Role,
    add_message,
    add_reflection,
    keep_questions,
)
from service.store import create_conversation as new_conversation
from service.vocabulary import Language
from tests.store.factories import Member, add_lesson, add_story
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]


def walk(client: TestClient, url: str, who: Member, limit: int) -> list[list[Any]]:
    """Every page of ``url``, following ``next`` to the end: the ids on each page."""
    pages, offset = [], 0
    while True:
        body = client.get(url, params={"limit": limit, "offset": offset}, headers=who.headers)
        assert body.status_code == 200, body.json()
        page = body.json()
        assert page["count"] == len(page["data"]) <= limit
        pages.append(
            [row["lesson"]["id"] if "lesson" in row else row["id"] for row in page["data"]]
        )
        if page["next"] is None:
            return pages
        assert page["next"] == offset + limit
        offset = page["next"]


def stories(database: Database, acme: People, count: int, *, drafts: bool = False) -> None:
    with database.transaction() as session:
        for number in range(count):
            add_story(session, acme[Role.LEADER], title=f"Story {number}")
            if drafts:  # a leader's draft between every two published stories
                add_story(session, acme[Role.LEADER], title=f"Draft {number}", published=False)


def lessons_in_review(database: Database, acme: People, count: int) -> int:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
        for _ in range(count):
            lesson = add_lesson(session, acme[Role.LEADER], story.id)
            lesson.state = lesson.state.IN_REVIEW
        return story.id


def reflections(database: Database, acme: People, count: int) -> int:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
        for number in range(count):
            add_reflection(session, "acme", story.id, acme[Role.MEMBER].id, f"Thought {number}")
        return story.id


def question_sets(database: Database, acme: People, count: int) -> int:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
        for number in range(count):
            asked = [f"Question {number}?"]
            keep_questions(session, "acme", story.id, acme[Role.MEMBER].id, Language.EN, asked)
        return story.id


def conversations(database: Database, acme: People, count: int) -> int:
    with database.transaction() as session:
        for number in range(count):
            made = new_conversation(
                session, "acme", acme[Role.LEADER].id, title=f"Chat {number}", language=Language.EN
            )
            for turn in range(3):
                add_message(session, "acme", made.id, MessageRole.USER, f"Turn {turn}")
        return made.id


LISTS: dict[str, tuple[Callable[[Database, People, int], Any], Role, str]] = {
    "stories": (stories, Role.MEMBER, "/api/stories"),
    "lessons": (lessons_in_review, Role.REVIEWER, "/api/lessons"),
    "review queue": (lessons_in_review, Role.REVIEWER, "/api/review/queue"),
    "reflections": (reflections, Role.LEADER, "/api/stories/{made}/reflections"),
    "question sets": (question_sets, Role.MEMBER, "/api/stories/{made}/questions"),
    "conversations": (conversations, Role.LEADER, "/api/conversations"),
    "messages": (conversations, Role.LEADER, "/api/conversations/{made}/messages"),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_list_is_paged_to_its_end_without_a_row_twice(
    name: str, client: TestClient, database: Database, acme: People
) -> None:
    make, role, url = LISTS[name]
    made = make(database, acme, 7)
    pages = walk(client, url.format(made=made), acme[role], limit=3)
    rows = [row for page in pages for row in page]
    assert [len(page) for page in pages[:-1]] == [3] * (len(pages) - 1)
    assert len(rows) == len(set(rows)) >= 3  # nothing twice
    everything = client.get(url.format(made=made), headers=acme[role].headers).json()["data"]
    assert len(rows) == len(everything)  # nothing lost


@pytest.mark.parametrize("url", sorted({url for _, _, url in LISTS.values()}))
@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": MAX_LIMIT + 1}, "limit"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset")],
)
def test_a_limit_out_of_range_is_422_naming_the_field(
    client: TestClient,
    database: Database,
    acme: People,
    url: str,
    params: dict[str, int],
    field: str,
) -> None:
    made = (
        conversations(database, acme, 1)
        if "conversations" in url
        else reflections(database, acme, 1)
    )
    who = acme[Role.REVIEWER] if "review" in url else acme[Role.LEADER]
    refused = client.get(url.format(made=made), params=params, headers=who.headers)
    assert refused.status_code == 422
    assert refused.json()["error"]["field"] == field


def test_the_default_page_is_fifty_and_drafts_do_not_shorten_it(
    client: TestClient, database: Database, acme: People
) -> None:
    stories(database, acme, DEFAULT_LIMIT + 1, drafts=True)
    first = client.get("/api/stories", headers=acme[Role.MEMBER].headers).json()
    assert first["count"] == DEFAULT_LIMIT and first["next"] == DEFAULT_LIMIT
    assert all(s["status"] == "published" for s in first["data"])
    rest = client.get(
        "/api/stories", params={"offset": first["next"]}, headers=acme[Role.MEMBER].headers
    ).json()
    assert rest["next"] is None
    # acme's published story from the fixtures, plus the 51 made here
    assert rest["count"] >= 1 and {s["status"] for s in rest["data"]} == {"published"}


def test_a_conversation_holds_a_bounded_number_of_messages(
    database: Database, acme: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.store.conversations.MAX_MESSAGES", 4)
    made = conversations(database, acme, 1)  # three messages
    with database.transaction() as session:
        with pytest.raises(InvalidInput) as refused:  # it would leave no room for a reply
            add_message(session, "acme", made, MessageRole.USER, "one too many")
        add_message(session, "acme", made, MessageRole.ASSISTANT, "the coach's reply fits")
        with pytest.raises(InvalidInput):
            add_message(session, "acme", made, MessageRole.ASSISTANT, "but no more")
    assert refused.value.field == "content" and "new conversation" in refused.value.reason


def test_the_stories_page_shows_the_first_page_and_a_link_to_the_next(
    client: TestClient, database: Database, acme: People
) -> None:
    stories(database, acme, DEFAULT_LIMIT + 2)
    sign_in(client, acme[Role.MEMBER])
    first = client.get("/stories?lang=en").text
    assert first.count('class="hit story-item"') == DEFAULT_LIMIT
    assert f'<a href="?offset={DEFAULT_LIMIT}" rel="next">{ui("en", "more")}</a>' in first
    rest = client.get(f"/stories?offset={DEFAULT_LIMIT}").text
    assert 'rel="next"' not in rest and rest.count('class="hit story-item"') >= 2
