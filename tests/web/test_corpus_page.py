"""The corpus page: where a citation in a story or a lesson links to, for the caller's
organisation only."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.knowledge.citations import cite
from service.store import Role
from tests.store.factories import Member
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]


def test_signed_out_the_corpus_page_redirects_to_signin(client: TestClient) -> None:
    response = client.get("/corpus/value-care", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/signin?next=")


def test_a_cited_document_of_the_callers_organisation_is_shown(
    client: TestClient, acme: People
) -> None:
    sign_in(client, acme[Role.MEMBER])
    story = client.get("/corpus/story-battery-scare")
    assert story.status_code == 200
    assert "<h1>The battery scare</h1>" in story.text
    assert "A customer reported a hot battery." in story.text  # the document's own text
    value = client.get("/corpus/value-care")
    assert value.status_code == 200 and "We care for customers" in value.text
    dutch = client.get("/corpus/story-klachten")
    assert (
        dutch.status_code == 200 and 'lang="nl"' in dutch.text and "De klachtenberg" in dutch.text
    )


def test_an_unknown_id_or_another_organisations_document_is_not_found(
    client: TestClient, acme: People, globex: People
) -> None:
    sign_in(client, acme[Role.MEMBER])
    for path in ("/corpus/story-never-happened", "/corpus/Not%20an%20id"):
        missing = client.get(path)
        assert missing.status_code == 404, path
        assert ui("en", "not_found") in missing.text
    client.cookies.clear()
    sign_in(client, globex[Role.MEMBER])  # globex has no corpus: never acme's documents
    other = client.get("/corpus/story-battery-scare")
    assert other.status_code == 404 and "The battery scare" not in other.text


def test_a_citation_in_a_story_is_a_link_to_its_page(client: TestClient, acme: People) -> None:
    token = sign_in(client, acme[Role.LEADER])
    why = f"This story shows what our value “{cite('We care for customers', 'value-care')}” means."
    created = client.post(
        "/api/stories",
        json={
            "title": "A late answer",
            "text": f"I answered a week late.\n\n{why}",
            "language": "en",
        },
        headers={"X-CSRF-Token": token},
    )
    assert created.status_code == 201, created.text
    page = client.get(f"/stories/{created.json()['id']}")
    assert 'href="/corpus/value-care"' in page.text
    assert "(/corpus/value-care)" not in page.text  # read as a link, not as Markdown
    assert client.get("/corpus/value-care").status_code == 200  # and the link leads somewhere
