"""Against a real LRS (Ralph, file-system backend): the app, driven through its API and pages,
sends each learning act as a statement the LRS accepts, stores and gives back."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from tests.api.conftest import answering_model
from tests.helpers.api_steps import published, story
from tests.store.factories import Member
from tests.web.conftest import sign_in

from .ralph import PASSWORD, USER, RalphServer

pytestmark = pytest.mark.e2e

REFLECTION = "Ik bel voortaan altijd dezelfde dag terug; dit is mijn eigen verhaal ook."
Statements = list[dict[str, Any]]


def wait_for(read: Callable[[], Statements], count: int, within: float = 60.0) -> Statements:
    deadline = time.monotonic() + within
    while True:
        found = read()
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_a_members_learning_and_a_published_lesson_reach_the_lrs(
    settings: Settings,
    loaded: KnowledgeBase,
    database: Database,
    acme: dict[Role, Member],
    ralph: RalphServer,
) -> None:
    public_url = f"https://coach-{uuid.uuid4().hex[:8]}.example.com"  # this test's statements
    on = settings.model_copy(
        update={
            "default_org": "acme",
            "public_url": public_url,
            "lrs_endpoint": ralph.endpoint,
            "lrs_key": USER,
            "lrs_secret": SecretStr(PASSWORD),
        }
    )

    def ours() -> Statements:
        return [s for s in ralph.statements() if s["actor"]["account"]["homePage"] == public_url]

    member, leader, reviewer = acme[Role.MEMBER], acme[Role.LEADER], acme[Role.REVIEWER]
    app = create_app(on, loaded, model=answering_model(), database=database)
    with TestClient(app) as client:
        dutch = story(client, leader, title="De accu die te heet werd", language="nl")
        english = story(client, leader)
        for made in (dutch, english):
            done = client.post(f"/api/stories/{made['id']}/publish", headers=leader.headers)
            assert done.status_code == 200, done.json()
        csrf = sign_in(client, member)
        assert csrf and client.get(f"/stories/{dutch['id']}").status_code == 200
        assert client.get(f"/api/stories/{english['id']}", headers=member.headers).is_success
        asked = client.post(
            f"/api/stories/{english['id']}/questions", json={"count": 3}, headers=member.headers
        )
        assert asked.status_code == 200, asked.json()
        reflected = client.post(
            f"/api/stories/{dutch['id']}/reflections",
            json={"text": REFLECTION},
            headers=member.headers,
        )
        assert reflected.status_code == 201, reflected.json()
        lesson = published(client, acme)
        # Still serving: the statements arrive in the background, not at shutdown.
        arrived = wait_for(ours, 5)

    assert len(arrived) == 5, json.dumps(arrived, indent=1)
    by_verb = {s["verb"]["id"]: s for s in arrived}
    experienced = [s for s in arrived if s["verb"]["id"].endswith("/experienced")]
    assert sorted(by_verb) == [
        "http://adlnet.gov/expapi/verbs/commented",
        "http://adlnet.gov/expapi/verbs/experienced",
        "http://adlnet.gov/expapi/verbs/interacted",
        "https://w3id.org/xapi/dod-isd/verbs/published",
    ]
    dutch_iri = f"{public_url}/stories/{dutch['id']}"
    english_iri = f"{public_url}/stories/{english['id']}"

    assert {(s["object"]["id"], s["context"]["language"]) for s in experienced} == {
        (dutch_iri, "nl"),
        (english_iri, "en"),
    }
    page_opened = next(s for s in experienced if s["object"]["id"] == dutch_iri)
    assert page_opened["object"]["definition"]["name"] == {"nl": "De accu die te heet werd"}

    discussed = by_verb["http://adlnet.gov/expapi/verbs/interacted"]
    assert discussed["object"]["id"] == f"{english_iri}/questions"
    assert discussed["context"]["contextActivities"]["parent"][0]["id"] == english_iri

    commented = by_verb["http://adlnet.gov/expapi/verbs/commented"]
    assert commented["object"]["id"] == dutch_iri and commented["context"]["language"] == "nl"
    assert "result" not in commented

    lesson_published = by_verb["https://w3id.org/xapi/dod-isd/verbs/published"]
    assert lesson_published["object"]["id"] == f"{public_url}/lessons/{lesson['id']}"
    assert lesson_published["actor"]["account"]["name"] == str(reviewer.id)

    members = [s for s in arrived if s is not lesson_published]
    assert {s["actor"]["account"]["name"] for s in members} == {str(member.id)}
    assert all(s["actor"]["objectType"] == "Agent" for s in arrived)
    assert all(s["authority"]["account"]["name"] == USER for s in arrived)  # Ralph's auth
    assert all(
        s["context"]["contextActivities"]["grouping"][0]["id"].endswith("/orgs/acme")
        for s in arrived
    )
    assert len({s["id"] for s in arrived}) == 5
    assert REFLECTION not in json.dumps(arrived)
    assert len(ours()) == 5  # the shutdown flush sent nothing twice
