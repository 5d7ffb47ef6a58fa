"""Unpublishing over HTTP, and the app settling a publish cut short before it serves."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.review import publish_lesson
from service.settings import Settings
from service.store import Database, Role, get_person
from tests.api.conftest import answering_model
from tests.helpers.api_steps import People, lesson_in_review, published
from tests.helpers.knowledge_faults import Interrupted


def search_ids(client: TestClient, acme: People) -> list[str]:
    hits = client.get(
        "/api/search",
        params={"q": "answer battery complaints within a day", "kind": "lesson", "k": 20},
        headers=acme[Role.MEMBER].headers,
    ).json()
    return [hit["id"] for hit in hits["data"]]


def test_a_reviewer_unpublishes_and_the_lesson_is_no_longer_found(
    client: TestClient, acme: People
) -> None:
    lesson = published(client, acme)
    corpus_id = lesson["corpus_id"]
    assert corpus_id in search_ids(client, acme)
    url = f"/api/lessons/{lesson['id']}/unpublish"
    refused = client.post(url, headers=acme[Role.LEADER].headers)
    assert refused.status_code == 403

    done = client.post(url, json={"comment": "outdated"}, headers=acme[Role.REVIEWER].headers)
    assert done.status_code == 200, done.json()
    assert done.json()["state"] == "approved" and done.json()["corpus_id"] is None
    assert corpus_id not in search_ids(client, acme)
    trail = client.get(f"/api/lessons/{lesson['id']}/audit", headers=acme[Role.REVIEWER].headers)
    assert [(e["action"], e["comment"]) for e in trail.json()["data"]][-2:] == [
        ("start_unpublish", "outdated"),
        ("unpublish", "outdated"),
    ]
    again = client.post(url, headers=acme[Role.REVIEWER].headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "invalid_transition"


def test_the_lesson_page_offers_unpublish_to_reviewers(client: TestClient, acme: People) -> None:
    from tests.web.conftest import sign_in, ui

    lesson = published(client, acme)
    sign_in(client, acme[Role.REVIEWER])
    page = client.get(f"/lessons/{lesson['id']}?lang=en").text
    assert 'id="unpublish-form"' in page and ui("en", "unpublish") in page


@pytest.mark.parametrize("after_write", [False, True], ids=["before-index", "after-index"])
def test_the_app_finishes_a_publish_cut_short_before_it_serves(
    settings: Settings,
    loaded: KnowledgeBase,
    database: Database,
    acme: People,
    client: TestClient,
    after_write: bool,
) -> None:
    lesson = lesson_in_review(client, acme)
    reviewer = acme[Role.REVIEWER]
    url = f"/api/lessons/{lesson['id']}"
    client.post(f"{url}/decision", json={"decision": "approve"}, headers=reviewer.headers)
    with database.transaction() as session:
        person = get_person(session, "acme", reviewer.id)
    with pytest.raises(SystemExit):
        cut = Interrupted(loaded, after_write=after_write)
        publish_lesson(database, person, int(str(lesson["id"])), knowledge=cut)
    assert client.get(url, headers=reviewer.headers).json()["state"] == "publishing"

    restarted = create_app(settings, loaded, model=answering_model(), database=database)
    with TestClient(restarted) as fresh:
        after = fresh.get(url, headers=reviewer.headers).json()
        assert after["state"] == "published"
        assert after["corpus_id"] in search_ids(fresh, acme)
        trail = fresh.get(f"{url}/audit", headers=reviewer.headers).json()["data"]
        assert trail[-1]["action"] == "publish"
        assert trail[-1]["comment"].startswith("finished when the service started")
