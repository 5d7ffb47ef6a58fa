"""A team member (Dutch pages) opens an English demo story's session card from its page: the
card is the story's, in English, under the strict page policy, and its PDF is one page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from service.store import Role, StoryStatus, find_person, list_stories
from service.vocabulary import Language
from service.web.i18n import translator
from service.words import load_words
from tests.cards.pdf_text import page_count, pdf_text
from tests.helpers.browser import POLICY_ERRORS, sign_in
from tests.helpers.live_server import ORG, LiveServer

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def no_policy_violations() -> Iterator[None]:
    """The story page and its card work under the Content-Security-Policy."""
    POLICY_ERRORS.clear()
    yield
    assert POLICY_ERRORS == []


def leaders_story(live: LiveServer) -> int:
    """A published story of the Demo Leader's (in English)."""
    with live.database.transaction() as session:
        leader = find_person(session, ORG, "Demo Leader")
        assert leader is not None
        stories = list_stories(session, ORG, author_id=leader.id, status=StoryStatus.PUBLISHED)
        return stories[0].id


def test_a_member_opens_and_downloads_a_story_s_card(browser: Any, demo: LiveServer) -> None:
    from playwright.sync_api import expect

    story_id = leaders_story(demo)  # the Demo Leader's, in English
    member = sign_in(browser, demo, Role.MEMBER)  # Demo Member reads Dutch
    member.goto(f"{demo.url}/stories/{story_id}")
    member.click("#session-card")
    member.wait_for_url(f"{demo.url}/stories/{story_id}/card")
    card = member.locator("#session-card")
    assert card.get_attribute("lang") == "en"
    words = load_words("card", Language.EN)
    expect(card).to_contain_text(words["try_this_week"])
    expect(member.locator("button[data-print]")).to_have_text(translator(Language.NL)["card_print"])
    title = card.locator("h1").inner_text()

    href = member.locator("#card-pdf").get_attribute("href")
    pdf = member.request.get(f"{demo.url}{href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert page_count(pdf.body()) == 1
    assert " ".join(title.split()) in pdf_text(pdf.body())
