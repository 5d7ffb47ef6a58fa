"""Bad input is told in the caller's language: the reason of an ``InvalidInput`` is a code whose
words (``service/words/invalid/``) the API answers in, with the field it is about."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import update

from service.store import Database, Person, Role
from service.vocabulary import Language
from tests.helpers.wording import wording
from tests.store.factories import Member

People = dict[Role, Member]


def unknown_tag(language: Language) -> str:
    return wording("invalid", "unknown_tag", language).format(tag="nope")


def speaks(database: Database, member: Member, language: Language) -> None:
    with database.transaction() as session:
        session.execute(update(Person).where(Person.id == member.id).values(locale=language))


def search_with_an_unknown_tag(client: TestClient, member: Member, **params: str) -> dict[str, str]:
    query = {"q": "bikes", "tag": "nope", **params}
    response = client.get("/api/search", params=query, headers=member.headers)
    assert response.status_code == 422
    error: dict[str, str] = response.json()["error"]
    return error


def test_a_dutch_member_is_told_the_reason_in_dutch_with_the_field(
    client: TestClient, acme: People, database: Database
) -> None:
    member = acme[Role.MEMBER]
    speaks(database, member, Language.NL)
    error = search_with_an_unknown_tag(client, member)
    assert (error["code"], error["field"]) == ("invalid_input", "tag")
    assert error["message"] == unknown_tag(Language.NL) != unknown_tag(Language.EN)


def test_the_reason_follows_the_language_the_request_asks_for(
    client: TestClient, acme: People
) -> None:
    member = acme[Role.MEMBER]
    assert search_with_an_unknown_tag(client, member)["message"] == unknown_tag(Language.EN)
    dutch = search_with_an_unknown_tag(client, member, lang="nl")
    assert dutch["message"] == unknown_tag(Language.NL)


def test_a_reflection_on_an_unpublished_story_is_refused_in_dutch(
    client: TestClient, acme: People, database: Database
) -> None:
    leader = acme[Role.LEADER]
    speaks(database, leader, Language.NL)
    story = client.post(
        "/api/stories",
        json={"title": "T", "text": "Body.", "language": "nl"},
        headers=leader.headers,
    ).json()
    response = client.post(
        f"/api/stories/{story['id']}/reflections", json={"text": "Mooi."}, headers=leader.headers
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "story"
    assert error["message"] == wording("invalid", "reflections_need_published", Language.NL)
