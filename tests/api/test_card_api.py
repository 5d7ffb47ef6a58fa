"""``GET /api/stories/{id}/card.pdf``: for any story the caller may read, and no other."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.store import Database, Role, update_story
from tests.cards.pdf_text import page_count, pdf_text
from tests.store.factories import Member, add_story

People = dict[Role, Member]


def test_a_member_prints_a_published_story_s_card(
    client: TestClient, database: Database, acme: People
) -> None:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER], title="The battery that got hot")
    response = client.get(f"/api/stories/{story.id}/card.pdf", headers=acme[Role.MEMBER].headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert f'filename="story-{story.id}-card.pdf"' in response.headers["content-disposition"]
    assert page_count(response.content) == 1
    printed = pdf_text(response.content)
    assert "The battery that got hot" in printed
    assert f"/stories/{story.id}" in printed  # where the whole story is read


def test_no_card_of_a_story_the_caller_may_not_read(
    client: TestClient, database: Database, acme: People, globex: People
) -> None:
    with database.transaction() as session:
        draft = add_story(session, acme[Role.LEADER], published=False)
    member = client.get(f"/api/stories/{draft.id}/card.pdf", headers=acme[Role.MEMBER].headers)
    assert member.status_code == 404  # a draft is its author's
    author = client.get(f"/api/stories/{draft.id}/card.pdf", headers=acme[Role.LEADER].headers)
    assert author.status_code == 200
    for who in globex.values():  # another organisation never finds it
        other = client.get(f"/api/stories/{draft.id}/card.pdf", headers=who.headers)
        assert other.status_code == 404
    assert client.get(f"/api/stories/{draft.id}/card.pdf").status_code == 401


def test_a_retired_story_has_no_card(client: TestClient, database: Database, acme: People) -> None:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
        update_story(session, "acme", story.id, current=False)
    response = client.get(f"/api/stories/{story.id}/card.pdf", headers=acme[Role.MEMBER].headers)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "story_retired"
