"""Revoking a key signs out every browser signed in with it: through the admin command, at
once (issue 11, point 1). Before, the key got 401 but its cookie session stayed for 12 hours."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from service.cli import app as cli
from service.store import ApiKey, Database, Role, create_api_key, get_person
from service.store.columns import utcnow
from tests.store.factories import Member

People = dict[Role, Member]


def browser_signed_in(client: TestClient, key: str) -> None:
    response = client.post("/signin", data={"key": key}, follow_redirects=False)
    assert response.status_code == 303 and "storycoach_session" in client.cookies
    assert client.get("/api/me").json()["authenticated_by"] == "session"


def test_revoke_key_signs_out_the_browsers_signed_in_with_it(
    app: FastAPI, acme: People, database: Database
) -> None:
    member = acme[Role.MEMBER]
    with database.transaction() as session:
        _, second_key = create_api_key(session, get_person(session, "acme", member.id))
    with TestClient(app) as revoked, TestClient(app) as other:
        browser_signed_in(revoked, member.key)
        browser_signed_in(other, second_key)  # the same person, another key

        result = CliRunner().invoke(cli, ["admin", "revoke-key", member.key[:10], "--org", "acme"])
        assert result.exit_code == 0, result.output

        me = revoked.get("/api/me")
        assert me.status_code == 401 and me.json()["error"]["code"] == "invalid_session"
        page = revoked.get("/stories", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/signin")
        assert revoked.get("/signin").status_code == 200  # the form, not a redirect onward
        assert other.get("/api/me").status_code == 200  # a key that was not revoked
        assert revoked.get("/api/me", headers=member.headers).status_code == 401


def test_a_session_ends_when_its_key_expires(
    client: TestClient, acme: People, database: Database
) -> None:
    browser_signed_in(client, acme[Role.LEADER].key)
    with database.transaction() as session:
        session.execute(update(ApiKey).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get("/api/me").status_code == 401
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/signin")
