"""The story page shows who told a story, who may read it and whether it is current; its
author changes them with a plain form."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.store import Role
from tests.helpers.api_steps import published_story
from tests.store.factories import Member
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]


def test_the_author_retires_the_story_and_names_who_told_it(
    client: TestClient, acme: People
) -> None:
    leader = acme[Role.LEADER]
    made = published_story(client, leader)
    csrf = sign_in(client, leader)
    page = client.get(f"/stories/{made['id']}?lang=en")
    assert 'id="metadata"' in page.text and ui("en", "visibility_organisation") in page.text
    assert ui("en", "story_retired") not in page.text
    form = {"csrf_token": csrf, "visibility": "organisation", "told_by": "Sanne de Vries"}
    saved = client.post(f"/stories/{made['id']}/metadata", data=form, follow_redirects=False)
    assert saved.status_code == 303  # "current" unticked: retired
    page = client.get(f"/stories/{made['id']}?lang=nl")
    assert 'id="retired"' in page.text and ui("nl", "story_retired") in page.text
    assert '<span id="told-by">Sanne de Vries</span>' in page.text
    assert 'id="questions"' not in page.text  # nothing new drawn on a retired story
    form["current"] = "true"
    client.post(f"/stories/{made['id']}/metadata", data=form)
    assert 'id="retired"' not in client.get(f"/stories/{made['id']}").text


def test_a_reader_sees_the_metadata_but_no_form(client: TestClient, acme: People) -> None:
    made = published_story(client, acme[Role.LEADER])
    csrf = sign_in(client, acme[Role.MEMBER])
    page = client.get(f"/stories/{made['id']}?lang=en")
    assert 'id="visibility"' in page.text and 'id="metadata"' not in page.text
    form = {"csrf_token": csrf, "visibility": "organisation"}
    refused = client.post(f"/stories/{made['id']}/metadata", data=form)
    assert refused.status_code == 403


def test_the_form_needs_the_csrf_token(client: TestClient, acme: People) -> None:
    made = published_story(client, acme[Role.LEADER])
    sign_in(client, acme[Role.LEADER])
    refused = client.post(f"/stories/{made['id']}/metadata", data={"visibility": "team"})
    assert refused.status_code == 403
