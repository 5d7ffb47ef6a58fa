"""The pages: sign-in redirects and errors, both languages, CSRF on forms, escaping, roles."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.store import Database, Role
from tests.store.factories import Member, add_story
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]
PAGES = ["/", "/search", "/stories", "/review", "/chat", "/lessons/1", "/stories/1"]


@pytest.mark.parametrize("path", PAGES)
def test_signed_out_pages_redirect_to_signin(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/signin?next=")
    assert path.replace("/", "%2F") in response.headers["location"]


def test_signin_form_then_back_to_where_you_were(client: TestClient, acme: People) -> None:
    form = client.get("/signin?next=/stories")
    assert form.status_code == 200 and 'name="key"' in form.text
    assert 'name="next" value="/stories"' in form.text
    response = client.post(
        "/signin",
        data={"key": acme[Role.MEMBER].key, "next": "/stories"},
        headers={"Accept": "text/html"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/stories"
    assert client.get("/signin", follow_redirects=False).headers["location"] == "/"


def test_a_bad_key_shows_a_friendly_error(client: TestClient) -> None:
    response = client.post(
        "/signin", data={"key": "sc_wrong"}, headers={"Accept": "text/html"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert response.url.path == "/signin"
    assert 'role="alert"' in response.text and ui("en", "signin_invalid_key") in response.text
    dutch = client.get("/signin?error=invalid_key&lang=nl")
    assert ui("nl", "signin_invalid_key") in dutch.text


def test_an_unknown_next_never_leaves_the_site(client: TestClient) -> None:
    form = client.get("/signin", params={"next": "//evil.example/x"})
    assert 'name="next" value="/"' in form.text


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_pages_render_in_both_languages(client: TestClient, acme: People, lang: str) -> None:
    words = [ui(lang, key) for key in ("search_title", "sign_out", "latest_stories")]
    sign_in(client, acme[Role.ADMIN])
    search = client.get("/search", params={"lang": lang})
    assert f'lang="{lang}"' in search.text
    assert words[0] in search.text and words[1] in search.text
    home = client.get("/")  # the choice is remembered in a cookie
    assert f'lang="{lang}"' in home.text and words[2] in home.text
    for path in ("/stories", "/review", "/chat"):
        page = client.get(path)
        assert page.status_code == 200 and f'lang="{lang}"' in page.text, path


def test_language_follows_the_browser_then_the_person(client: TestClient, acme: People) -> None:
    assert 'lang="nl"' in client.get("/signin", headers={"Accept-Language": "nl-NL,nl;q=0.9"}).text
    sign_in(client, acme[Role.MEMBER])
    assert 'lang="en"' in client.get("/", headers={"Accept-Language": "en"}).text


def test_search_needs_signin_and_is_scoped_to_the_callers_org(
    client: TestClient, acme: People, globex: People
) -> None:
    sign_in(client, acme[Role.MEMBER])
    found = client.get("/search", params={"q": "hot battery"})
    assert "The battery scare" in found.text and 'class="hit"' in found.text
    client.cookies.clear()
    sign_in(client, globex[Role.MEMBER])  # globex has no corpus: never acme's documents
    other = client.get("/search", params={"q": "hot battery"})
    assert other.status_code == 200
    assert "The battery scare" not in other.text and ui("en", "empty_org") in other.text


def test_forms_need_the_csrf_token(client: TestClient, acme: People, database: Database) -> None:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
    token = sign_in(client, acme[Role.MEMBER])
    path = f"/stories/{story.id}/reflections"
    refused = client.post(path, data={"text": "Useful."}, follow_redirects=False)
    assert refused.status_code == 403
    assert client.post("/signout", follow_redirects=False).status_code == 403
    stale = client.post(path, data={"text": "x", "csrf_token": "nope"}, follow_redirects=False)
    assert stale.status_code == 403
    accepted = client.post(
        path,
        data={"text": "I will ask for help sooner.", "csrf_token": token},
        follow_redirects=True,
    )
    assert accepted.status_code == 200 and "I will ask for help sooner." in accepted.text
    api = client.post(f"/api/stories/{story.id}/reflections", json={"text": "no token"})
    assert api.status_code == 403
    out = client.post("/signout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_story_text_is_escaped(client: TestClient, acme: People) -> None:
    token = sign_in(client, acme[Role.LEADER])
    evil = "<script>alert(1)</script>"
    created = client.post(
        "/api/stories",
        json={
            "title": f"T {evil}",
            "text": f"Hello {evil} [x](javascript:alert(1))",
            "language": "en",
        },
        headers={"X-CSRF-Token": token},
    )
    assert created.status_code == 201, created.text
    page = client.get(f"/stories/{created.json()['id']}")
    assert evil not in page.text and "&lt;script&gt;" in page.text
    assert 'href="javascript:' not in page.text


def test_roles_see_their_pages(client: TestClient, acme: People) -> None:
    sign_in(client, acme[Role.MEMBER])
    for path in ("/review", "/chat"):
        refused = client.get(path)
        assert refused.status_code == 403 and ui("en", "forbidden_title") in refused.text
    assert client.get("/lessons/999").status_code == 404
    assert client.get("/stories/999").status_code == 404
