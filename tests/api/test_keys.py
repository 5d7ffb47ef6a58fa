"""Keys (issue 11, "Keys"): an expired key is refused everywhere, a key's last use is
recorded without a write per request, and wrong keys are logged (never the key) and slowed
per client with 429 and Retry-After."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from service.http.attempts import FREE_FAILURES, failed_sign_ins
from service.store import ApiKey, Database, Role
from service.store.columns import utcnow
from tests.store.factories import Member

People = dict[Role, Member]
WRONG = "sc_0123456789-not-anyones-key-0123456789abcd"


class Clock:
    """A monotonic clock the test moves by hand: no sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app: FastAPI, client: TestClient) -> Clock:
    ticking = Clock()
    failed_sign_ins(app).clock = ticking
    return ticking


def expire(database: Database, member: Member) -> None:
    with database.transaction() as session:
        session.execute(
            update(ApiKey)
            .where(ApiKey.person_id == member.id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )


def last_used(database: Database, member: Member) -> datetime | None:
    with database.transaction() as session:
        return session.scalar(select(ApiKey.last_used_at).where(ApiKey.person_id == member.id))


def test_an_expired_key_is_401_on_every_surface(
    client: TestClient, acme: People, database: Database
) -> None:
    member = acme[Role.LEADER]
    expire(database, member)
    api = client.get("/api/me", headers=member.headers)
    assert api.status_code == 401 and api.json()["error"]["code"] == "key_expired"
    assert client.get("/v1/models", headers=member.headers).status_code == 401
    script = client.post("/signin", data={"key": member.key}, follow_redirects=False)
    assert script.status_code == 401 and "set-cookie" not in script.headers
    form = client.post(
        "/signin",
        data={"key": member.key},
        headers={"Accept": "text/html"},
        follow_redirects=True,
    )
    assert form.url.path == "/signin" and "expired" in form.text


def test_last_use_is_recorded_by_the_key_and_its_browser_at_most_once_a_minute(
    client: TestClient, acme: People, database: Database
) -> None:
    member = acme[Role.MEMBER]
    assert last_used(database, member) is None
    client.get("/api/me", headers=member.headers)
    first = last_used(database, member)
    assert first is not None
    client.get("/api/me", headers=member.headers)
    assert last_used(database, member) == first  # within the minute: not written again
    long_ago = utcnow() - timedelta(hours=3)
    with database.transaction() as session:
        session.execute(update(ApiKey).values(last_used_at=long_ago))
    client.post("/signin", data={"key": member.key}, follow_redirects=False)
    with database.transaction() as session:
        session.execute(update(ApiKey).values(last_used_at=long_ago))
    assert client.get("/api/me").json()["authenticated_by"] == "session"
    assert (last_used(database, member) or long_ago) > long_ago


def test_wrong_keys_are_slowed_per_client_with_429_and_retry_after(
    client: TestClient, acme: People, clock: Clock
) -> None:
    member = acme[Role.MEMBER]
    for _ in range(FREE_FAILURES):
        assert client.post("/signin", data={"key": WRONG}).status_code == 401
    assert client.get("/api/me", headers={"Authorization": f"Bearer {WRONG}"}).status_code == 401
    shut = client.post("/signin", data={"key": member.key}, follow_redirects=False)
    assert shut.status_code == 429 and "set-cookie" not in shut.headers  # even a good key
    assert shut.json()["error"]["code"] == "too_many_failed_sign_ins"
    wait = int(shut.headers["retry-after"])
    assert wait >= 1 and str(wait) in shut.json()["error"]["message"]
    api = client.get("/api/me", headers=member.headers)
    assert api.status_code == 429 and api.headers["retry-after"] == str(wait)
    v1 = client.get("/v1/models", headers=member.headers)
    assert v1.status_code == 429 and v1.json()["error"]["type"] == "rate_limit_error"

    clock.now += wait
    assert client.post("/signin", data={"key": WRONG}).status_code == 401
    longer = int(client.get("/api/me", headers=member.headers).headers["retry-after"])
    assert longer > wait  # each further failure doubles the wait
    clock.now += longer
    signed_in = client.post("/signin", data={"key": member.key}, follow_redirects=False)
    assert signed_in.status_code == 303
    assert client.post("/signin", data={"key": WRONG}).status_code == 401  # count cleared


def test_failed_sign_ins_are_logged_without_the_key(
    client: TestClient, acme: People, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("WARNING", logger="service.http.attempts")
    client.post("/signin", data={"key": WRONG})
    member = acme[Role.REVIEWER]
    expire(database, member)
    client.get("/api/me", headers=member.headers)
    logged = [r.getMessage() for r in caplog.records if r.name == "service.http.attempts"]
    assert len(logged) == 2 and all("testclient" in line for line in logged)
    assert "invalid_key" in logged[0] and "key_expired" in logged[1]
    assert member.key[:10] in logged[1]  # the known key's shown prefix, to find it
    assert WRONG not in caplog.text and WRONG[:10] not in caplog.text
    assert member.key not in caplog.text
