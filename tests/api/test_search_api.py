from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.store import Role
from tests.store.factories import Member

People = dict[Role, Member]


@pytest.fixture
def member(acme: People) -> dict[str, str]:
    return acme[Role.MEMBER].headers


def test_search_returns_hits_best_first(client: TestClient, member: dict[str, str]) -> None:
    response = client.get("/api/search", params={"q": "hot battery", "k": 2}, headers=member)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["data"][0]["id"] == "story-battery-scare"


def test_filters_through_the_api(client: TestClient, member: dict[str, str]) -> None:
    response = client.get(
        "/api/search",
        params={"q": "bikes", "language": "nl", "tag": ["workshop"]},
        headers=member,
    )
    assert [h["id"] for h in response.json()["data"]] == ["story-junior-idea"]


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"q": ""}, 422, "q"),
        ({}, 422, "q"),
        ({"q": "x", "k": 0}, 422, "k"),
        ({"q": "x", "k": "many"}, 422, "k"),
        ({"q": "x", "kind": "poem"}, 422, "kind"),
        ({"q": "x", "value": "value-nope"}, 422, "value"),
    ],
)
def test_bad_input_is_a_clear_json_error(
    client: TestClient, member: dict[str, str], params: dict[str, object], status: int, field: str
) -> None:
    response = client.get("/api/search", params=params, headers=member)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["field"] == field
    assert error["message"]


def test_search_needs_a_key(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "battery"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_search_is_scoped_to_the_callers_organisation(client: TestClient, globex: People) -> None:
    # globex has no corpus: its member gets globex's (empty) result, never acme's documents,
    # and naming another organisation in the query changes nothing.
    response = client.get(
        "/api/search", params={"q": "battery", "org": "acme"}, headers=globex[Role.MEMBER].headers
    )
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "empty_organisation",
        "message": response.json()["error"]["message"],
        "field": "org",
    }
    assert "globex" in response.json()["error"]["message"]


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


def test_markdown_markers_do_not_leak_into_the_page() -> None:
    from service.web.markdown import plain_text

    assert plain_text("## Goal\n**Why.** It `matters`.\n- one") == "Goal\nWhy. It matters.\none"
