"""The chat page: a draft shows who wrote what, its parts can be edited, a missing reply can be
tried again."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from service.store import Database, Role
from service.vocabulary import Language
from tests.helpers.conversations import seeded
from tests.store.factories import Member
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]


ORIGIN_KEYS = [
    "who_wrote",
    "origin_leader",
    "origin_coach",
    "origin_fallback_company_value",
    "origin_fallback_own_words",
    "draft_notes_title",
]
"""The legend and marks that say who wrote which part of the seeded draft, and the notes."""


@pytest.mark.parametrize(
    ("lang", "keys"),
    [
        ("en", [*ORIGIN_KEYS, "origin_translated", "edit_before_saving"]),
        ("nl", ORIGIN_KEYS),
    ],
)
def test_a_draft_shows_who_wrote_what(
    client: TestClient, acme: People, database: Database, lang: str, keys: list[str]
) -> None:
    leader = acme[Role.LEADER]
    conversation, _ = seeded(database, leader)
    sign_in(client, leader)
    page = client.get(f"/chat/{conversation}?lang={lang}").text
    for key in keys:
        assert ui(lang, key) in page, key
    draft = page[page.index('class="draft-parts"') :]
    origins = re.findall(r'class="part part-(\w+)" data-key="([\w-]+)" data-origin="(\w+)"', draft)
    assert origins[0] == ("title", "title", "coach")
    assert ("section", "section-1", "leader") in origins
    assert origins[-1] == ("call_to_action", "call_to_action", "fallback")
    # the leader's own words carry no mark: the first section's text follows its label plainly
    first = draft[draft.index('data-key="section-1"') : draft.index('data-key="section-2"')]
    assert "origin-mark" not in first
    # the coach's notes after the story are kept apart from it
    assert "Tell me what to change." in page[page.index('class="prose coach-notes"') :]


def test_the_save_form_is_filled_with_every_part(
    client: TestClient, acme: People, database: Database
) -> None:
    leader = acme[Role.LEADER]
    conversation, draft_id = seeded(database, leader)
    sign_in(client, leader)
    page = client.get(f"/chat/{conversation}?lang=en").text
    form = page[page.index('id="save-story-form"') :]
    assert f'data-message-id="{draft_id}"' in form
    keys = re.findall(r'<textarea id="part-([\w-]+)" data-key="\1"', form)
    assert keys == [
        "title",
        "section-1",
        "section-2",
        "section-3",
        "core_message",
        "why_it_matters",
        "call_to_action",
    ]
    assert ">Working longer hides the real problem.</textarea>" in form


def test_a_reply_that_never_came_can_be_tried_again(
    client: TestClient, acme: People, database: Database
) -> None:
    leader = acme[Role.LEADER]
    conversation, _ = seeded(database, leader, language=Language.NL, draft=False)
    sign_in(client, leader)
    page = client.get(f"/chat/{conversation}?lang=nl").text
    assert ui("nl", "no_reply_yet") in page
    assert 'class="secondary try-again"' in page and ui("nl", "try_again") in page
    assert "edit-parts" in page and 'id="draft-actions" hidden' in page
