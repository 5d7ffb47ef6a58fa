"""Keys, sessions, CSRF, roles and the body limit: each refusal a clear JSON error."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from service.store import Database, Role, Story, WebSession
from service.store.columns import utcnow
from tests.store.factories import Member

People = dict[Role, Member]
STORY = {"title": "A late callback", "text": "I missed a callback once.", "language": "en"}


def error(response: object) -> dict[str, object]:
    body = response.json()  # type: ignore[attr-defined]
    assert set(body["error"]) == {"code", "message", "field"} and body["error"]["message"]
    return dict(body["error"])


def sign_in(client: TestClient, member: Member) -> str:
    response = client.post("/signin", data={"key": member.key}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    me = client.get("/api/me").json()
    assert me["authenticated_by"] == "session"
    return str(me["csrf_token"])


def test_me_by_key(client: TestClient, acme: People) -> None:
    body = client.get("/api/me", headers=acme[Role.REVIEWER].headers).json()
    assert (body["org"], body["role"], body["authenticated_by"]) == ("acme", "reviewer", "key")
    assert body["csrf_token"] is None


def test_missing_malformed_and_wrong_keys_are_401(client: TestClient, acme: People) -> None:
    for headers, code in [
        ({}, "not_authenticated"),
        ({"Authorization": "Basic abc"}, "invalid_key"),
        ({"Authorization": "Bearer "}, "invalid_key"),
        ({"Authorization": "Bearer sc_not-a-real-key"}, "invalid_key"),
    ]:
        response = client.get("/api/me", headers=headers)
        assert response.status_code == 401, headers
        assert error(response)["code"] == code
        assert response.headers["www-authenticate"] == "Bearer"


def test_a_revoked_key_stops_working(client: TestClient, acme: People, database: Database) -> None:
    from service.store import revoke_api_key

    with database.transaction() as session:
        revoke_api_key(session, "acme", acme[Role.MEMBER].key[:10])
    assert client.get("/api/me", headers=acme[Role.MEMBER].headers).status_code == 401


def test_the_wrong_role_is_403(client: TestClient, acme: People, database: Database) -> None:
    response = client.post("/api/stories", json=STORY, headers=acme[Role.MEMBER].headers)
    assert response.status_code == 403 and error(response)["code"] == "forbidden"
    assert client.get("/api/review/queue", headers=acme[Role.LEADER].headers).status_code == 403
    assert client.get("/api/audit", headers=acme[Role.MEMBER].headers).status_code == 403
    assert client.get("/api/review/queue", headers=acme[Role.ADMIN].headers).status_code == 200
    with database.transaction() as session:
        assert all(s.org_id == "globex" for s in session.scalars(select(Story)))


def test_signed_in_browser_needs_the_csrf_token(client: TestClient, acme: People) -> None:
    csrf = sign_in(client, acme[Role.LEADER])
    refused = client.post("/api/stories", json=STORY)
    assert refused.status_code == 403 and error(refused)["code"] == "csrf_failed"
    wrong = client.post("/api/stories", json=STORY, headers={"X-CSRF-Token": "guess"})
    assert wrong.status_code == 403
    made = client.post("/api/stories", json=STORY, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201
    assert client.get("/api/stories").status_code == 200  # safe methods need no token
    # A key request carries no ambient credential and needs no token.
    client.cookies.clear()
    assert client.post("/api/stories", json=STORY, headers=acme[Role.LEADER].headers).is_success


def test_csrf_token_in_a_form_field(client: TestClient, acme: People) -> None:
    csrf = sign_in(client, acme[Role.MEMBER])
    assert client.post("/signout", data={}, follow_redirects=False).status_code == 403
    out = client.post("/signout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/api/me").status_code == 401


def test_a_token_from_an_earlier_session_is_refused(client: TestClient, acme: People) -> None:
    old = sign_in(client, acme[Role.LEADER])
    new = sign_in(client, acme[Role.LEADER])
    assert old != new
    response = client.post("/api/stories", json=STORY, headers={"X-CSRF-Token": old})
    assert response.status_code == 403 and error(response)["code"] == "csrf_failed"


def test_an_expired_session_is_401(client: TestClient, acme: People, database: Database) -> None:
    csrf = sign_in(client, acme[Role.LEADER])
    with database.transaction() as session:
        session.execute(update(WebSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    response = client.post("/api/stories", json=STORY, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 401 and error(response)["code"] == "session_expired"
    assert client.get("/api/me").status_code == 401


def test_a_wrong_key_on_the_form(client: TestClient) -> None:
    html = client.post(
        "/signin", data={"key": "nope"}, headers={"Accept": "text/html"}, follow_redirects=False
    )
    assert html.status_code == 303 and html.headers["location"] == "/signin?error=invalid_key"
    script = client.post("/signin", data={"key": "nope"})
    assert script.status_code == 401 and error(script)["code"] == "invalid_key"
    assert "set-cookie" not in script.headers


def test_sign_in_only_redirects_within_the_site(client: TestClient, acme: People) -> None:
    for target, expected in [
        ("/stories/3", "/stories/3"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
    ]:
        response = client.post(
            "/signin", data={"key": acme[Role.MEMBER].key, "next": target}, follow_redirects=False
        )
        assert response.headers["location"] == expected


def test_oversized_bodies_are_413(client: TestClient, acme: People) -> None:
    big = {**STORY, "text": "x" * (300 * 1024)}
    response = client.post("/api/stories", json=big, headers=acme[Role.LEADER].headers)
    assert response.status_code == 413 and error(response)["code"] == "body_too_large"

    def chunks() -> object:
        for _ in range(40):
            yield b"x" * 8192

    streamed = client.post(
        "/api/stories",
        content=chunks(),
        headers=acme[Role.LEADER].headers,  # type: ignore[arg-type]
    )
    assert streamed.status_code == 413
