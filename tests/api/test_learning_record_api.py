"""The app sends a statement for each learning act, from the API and the pages alike, once its
transaction has committed; with no LRS set it starts nothing; a hanging LRS delays nobody."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter

from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from tests.api.conftest import answering_model
from tests.helpers.api_steps import published
from tests.learning_record.fake_lrs import fake_lrs
from tests.store.factories import Member, add_story

People = dict[Role, Member]
PUBLIC_URL = "https://coach.example.com"
REFLECTION = "I never call back late since reading this; my own story is similar."


def lrs_app(settings: Settings, knowledge: KnowledgeBase, database: Database, lrs: str) -> FastAPI:
    on = settings.model_copy(
        update={"default_org": "acme", "lrs_endpoint": lrs, "public_url": PUBLIC_URL}
    )
    return create_app(on, knowledge, model=answering_model(), database=database)


def published_story(database: Database, author: Member) -> int:
    with database.transaction() as session:
        return add_story(session, author).id


def test_each_learning_act_is_sent_once_from_the_api_and_the_pages(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People
) -> None:
    from tests.web.conftest import sign_in

    member, leader = acme[Role.MEMBER], acme[Role.LEADER]
    story_id = published_story(database, leader)
    with fake_lrs() as lrs:
        app = lrs_app(settings, loaded, database, lrs.endpoint)
        with TestClient(app) as client:
            assert client.get(f"/api/stories/{story_id}", headers=member.headers).is_success
            assert client.get(f"/api/stories/{story_id}", headers=leader.headers).is_success
            asked = client.post(
                f"/api/stories/{story_id}/questions", json={"count": 3}, headers=member.headers
            )
            assert asked.status_code == 200, asked.json()
            lesson = published(client, acme)
            csrf = sign_in(client, member)
            assert client.get(f"/stories/{story_id}").status_code == 200
            reflected = client.post(
                f"/stories/{story_id}/reflections",
                data={"text": REFLECTION, "csrf_token": csrf},
                follow_redirects=False,
            )
            assert reflected.status_code == 303
        # the app has stopped: what was queued has been flushed

    verbs = Counter(s["verb"]["id"].rsplit("/", 1)[1] for s in lrs.statements)
    assert verbs == {"experienced": 2, "interacted": 1, "commented": 1, "published": 1}
    by_verb = {s["verb"]["id"].rsplit("/", 1)[1]: s for s in lrs.statements}
    story_iri = f"{PUBLIC_URL}/stories/{story_id}"
    assert by_verb["commented"]["object"]["id"] == story_iri
    assert by_verb["commented"]["actor"]["account"] == {
        "homePage": PUBLIC_URL,
        "name": str(member.id),
    }
    assert by_verb["interacted"]["object"]["id"] == f"{story_iri}/questions"
    assert by_verb["published"]["object"]["id"] == f"{PUBLIC_URL}/lessons/{lesson['id']}"
    assert by_verb["published"]["actor"]["account"]["name"] == str(acme[Role.REVIEWER].id)
    opened = [s for s in lrs.statements if s["verb"]["id"].endswith("experienced")]
    # the member, by the API and the page; the leader opening their own story is no
    # learning event
    assert {s["actor"]["account"]["name"] for s in opened} == {str(member.id)}
    assert {s["object"]["id"] for s in opened} == {story_iri}
    assert len({s["id"] for s in lrs.statements}) == len(lrs.statements)
    sent = json.dumps(lrs.statements)
    assert REFLECTION not in sent and "secret" not in sent
    assert all(h["X-Experience-API-Version"] == "1.0.3" for h in lrs.headers_seen)


def test_with_no_lrs_nothing_is_started(app: FastAPI, database: Database) -> None:
    def senders() -> int:
        return sum(t.name == "lrs-sender" for t in threading.enumerate())

    before = senders()
    with TestClient(app):
        assert app.state.settings.lrs_endpoint is None
        assert app.state.learning_record is None
        assert senders() == before
        with database.transaction() as session:
            assert not session.info  # nothing listens, so nothing is noted


def test_a_hanging_lrs_delays_no_request_and_no_shutdown(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People
) -> None:
    member = acme[Role.MEMBER]
    story_id = published_story(database, acme[Role.LEADER])
    # A request or a shutdown that waited on this LRS would take at least its full timeout
    # (the LRS holds every POST until the test ends). The bounds are half that timeout, so
    # they say "did not wait" on any machine, however loaded, and never "was fast enough".
    timeout = 60.0
    with fake_lrs(hang=True) as lrs:
        on = settings.model_copy(update={"lrs_timeout": timeout})
        client = TestClient(lrs_app(on, loaded, database, lrs.endpoint))
        with client:
            took = []
            for _ in range(5):
                started = time.perf_counter()
                opened = client.get(f"/api/stories/{story_id}", headers=member.headers)
                reflected = client.post(
                    f"/api/stories/{story_id}/reflections",
                    json={"text": REFLECTION},
                    headers=member.headers,
                )
                took.append(time.perf_counter() - started)
                assert opened.status_code == 200 and reflected.status_code == 201
            stopping = time.perf_counter()
        stopped = time.perf_counter() - stopping
        assert max(took) < timeout / 2, took
        assert stopped < timeout / 2, stopped  # the shutdown flush has its own deadline
        assert lrs.statements == []
