"""Login CSRF: a sign-in posted from another site's page is refused, and sets no cookie
(issue 11, point 3); the same check guards every cookie-authenticated unsafe request."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role, WebSession
from service.testing import FakeModel
from service.vocabulary import Language
from tests.helpers.wording import wording
from tests.store.factories import Member

People = dict[Role, Member]
OURS = "http://testserver"  # what TestClient sends as the Host


def sessions(database: Database) -> int:
    with database.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(WebSession)) or 0)


def sign_in(client: TestClient, member: Member, **headers: str) -> Response:
    return client.post("/signin", data={"key": member.key}, headers=headers, follow_redirects=False)


def test_a_sign_in_from_another_site_is_403_and_sets_no_cookie(
    client: TestClient, acme: People, database: Database
) -> None:
    member = acme[Role.MEMBER]
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "https://testserver"},  # another scheme is another origin
        {"Origin": "http://testserver:8080"},
        {"Origin": "null"},  # a sandboxed page, or a no-referrer one
        {"Referer": "http://evil.example/page.html"},  # no Origin: the Referer counts
        {"Origin": "http://evil.example", "Referer": f"{OURS}/signin"},
    ):
        response = sign_in(client, member, **headers)
        assert response.status_code == 403, headers
        error = response.json()["error"]
        assert error["code"] == "csrf_failed" and error["field"] == "origin"
        assert error["message"] == wording("errors", "cross_site") and "{" not in error["message"]
        assert "set-cookie" not in response.headers
    assert sessions(database) == 0 and not client.cookies


def test_the_refusal_is_in_the_callers_language(client: TestClient, acme: People) -> None:
    response = sign_in(
        client, acme[Role.MEMBER], Origin="http://evil.example", **{"Accept-Language": "nl"}
    )
    assert response.json()["error"]["message"] == wording("errors", "cross_site", Language.NL)


def test_a_sign_in_from_our_own_pages_still_works(
    client: TestClient, acme: People, database: Database
) -> None:
    member = acme[Role.MEMBER]
    for headers in (
        {"Origin": OURS},
        {"Origin": "HTTP://TestServer:80"},  # the same origin, spelled otherwise
        {"Referer": f"{OURS}/signin?next=/stories"},
        {},  # no browser page at all: curl, a script
    ):
        response = sign_in(client, member, **headers)
        assert response.status_code == 303, headers
        assert "storycoach_session" in response.headers["set-cookie"]
    assert sessions(database) == 4


def test_cookie_requests_from_another_site_are_refused_even_with_the_token(
    client: TestClient, acme: People
) -> None:
    sign_in(client, acme[Role.LEADER])
    csrf = client.get("/api/me").json()["csrf_token"]
    story = {"title": "A late callback", "text": "I missed a callback once.", "language": "en"}
    foreign = {"X-CSRF-Token": csrf, "Origin": "http://evil.example"}
    refused = client.post("/api/stories", json=story, headers=foreign)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    ours = client.post("/api/stories", json=story, headers={**foreign, "Origin": OURS})
    assert ours.status_code == 201
    # A key carries no ambient authority: any page's Origin is fine for it.
    client.cookies.clear()
    keyed = {**acme[Role.LEADER].headers, "Origin": "http://evil.example"}
    assert client.post("/api/stories", json=story, headers=keyed).status_code == 201


def test_behind_a_proxy_the_public_url_is_our_origin(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People
) -> None:
    public = settings.model_copy(update={"public_url": "https://coach.example.com/"})
    app: FastAPI = create_app(public, loaded, model=FakeModel(), database=database)
    with TestClient(app) as client:
        member = acme[Role.MEMBER]
        ok = sign_in(client, member, Origin="https://coach.example.com")
        assert ok.status_code == 303
        host_only = sign_in(client, member, Origin=OURS)  # what the server itself sees
        assert host_only.status_code == 403
