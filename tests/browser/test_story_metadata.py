"""A demo leader tells their story to their team only, then retires it, from the story page;
a member of another team stops finding it; the form fits a phone's screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from service.store import Role, Story, StoryStatus, find_person
from service.vocabulary import Language
from service.web.i18n import translator
from tests.helpers.browser import PHONE, sign_in
from tests.helpers.live_server import ORG, LiveServer

pytestmark = pytest.mark.e2e
UI = translator(Language.EN)


def leaders_story(live: LiveServer) -> int:
    with live.database.transaction() as session:
        leader = find_person(session, ORG, "Demo Leader")
        assert leader is not None
        story = session.scalars(
            select(Story).where(
                Story.org_id == ORG,
                Story.author_id == leader.id,
                Story.status == StoryStatus.PUBLISHED,
            )
        ).first()
        assert story is not None
        return story.id


def test_the_author_narrows_and_retires_a_story(browser: Any, demo: LiveServer) -> None:
    story_id = leaders_story(demo)
    member = sign_in(browser, demo, Role.MEMBER)
    member.goto(f"{demo.url}/stories?lang=en")
    assert member.locator(f"a[href='/stories/{story_id}']").count() >= 1
    leader = sign_in(browser, demo, Role.LEADER)
    leader.goto(f"{demo.url}/stories/{story_id}?lang=en")
    leader.select_option("#visibility-choice", "team")
    leader.fill("#told-by-input", "Tom Hughes, customer desk")
    leader.click("#metadata button[type=submit]")
    leader.wait_for_url(f"{demo.url}/stories/{story_id}#metadata")
    assert leader.locator("#visibility").inner_text() == UI["visibility_team"]
    assert leader.locator("#told-by").inner_text() == "Tom Hughes, customer desk"
    member.goto(f"{demo.url}/stories?lang=en")  # the demo member works in another team
    assert member.locator(f"a[href='/stories/{story_id}']").count() == 0
    leader.uncheck("#metadata input[name=current]")
    leader.click("#metadata button[type=submit]")
    leader.wait_for_url(f"{demo.url}/stories/{story_id}#metadata")
    assert UI["story_retired"] in leader.locator("#retired").inner_text()
    assert leader.locator("#questions").count() == 0


def test_the_metadata_form_fits_a_phone(browser: Any, demo: LiveServer, tmp_path: Path) -> None:
    story_id = leaders_story(demo)
    phone = sign_in(browser, demo, Role.LEADER, viewport=PHONE)
    phone.goto(f"{demo.url}/stories/{story_id}?lang=nl")
    phone.locator("#metadata").scroll_into_view_if_needed()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    fits = phone.evaluate(
        """() => [...document.querySelectorAll('#metadata select, #metadata input, .card')]
             .every((node) => node.getBoundingClientRect().right <= window.innerWidth + 1)"""
    )
    assert fits, "a metadata field or a card is wider than a phone screen"
    phone.screenshot(path=str(tmp_path / "story-phone.png"), full_page=True)
    assert (tmp_path / "story-phone.png").stat().st_size > 10_000
