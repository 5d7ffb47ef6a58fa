"""The chat stream with the real embedded model (slow: minutes on 2 cores; CI runs it).

Only the draft's arrival is checked (the model's wording is not): the coach's questions come
back, the leader's answer streams a reply into the page, and it ends as a kept message."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest

from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Role
from tests.browser.scripted import ACCOUNT
from tests.helpers.browser import sign_in
from tests.helpers.live_server import LiveServer, serve

pytestmark = pytest.mark.e2e
MODEL_TIMEOUT_MS = int(os.environ.get("STORYCOACH_BROWSER_MODEL_TIMEOUT_S", "600")) * 1000


@pytest.fixture
def live_real(settings: Settings, knowledge: KnowledgeBase) -> Iterator[LiveServer]:
    yield from serve(settings, knowledge, None)  # None: the configured (embedded) model


def test_real_model_chat_streams_a_draft(browser: Any, live_real: LiveServer) -> None:
    leader = sign_in(browser, live_real, Role.LEADER)
    leader.set_default_timeout(MODEL_TIMEOUT_MS)
    leader.goto(f"{live_real.url}/chat?lang=en")
    leader.select_option("#priority", "priority-complaints-one-day")
    leader.click("#start-form button[type=submit]")
    # The interview takes the model half a minute; a failure shows at once as a problem.
    leader.wait_for_selector("#answer-form, #start-form .status.problem")
    problem = leader.locator("#start-form .status.problem")
    assert problem.count() == 0, f"the coach could not start: {problem.inner_text()}"
    assert re.search(r"/chat/\d+$", leader.url)
    leader.fill("#answer", ACCOUNT)
    leader.click("#answer-form button[type=submit]")
    try:
        # Choosing among the leader's sentences takes seconds, so the streaming phase can end
        # between two polls: wait for the kept draft (or a failure) instead.
        leader.wait_for_selector(".turn.assistant.draft:not(.streaming), .turn.assistant.failed")
    except Exception:
        print(leader.locator("main").inner_html()[-3000:])  # what the page shows instead
        raise
    last = leader.locator(".turn.assistant").last
    assert "failed" not in (last.get_attribute("class") or "")
    assert "two weekends" in last.inner_text()  # the leader's own words, kept in the draft


DUTCH_PRIORITY = "Nieuwe collega's voelen zich vanaf dag één welkom"
DUTCH_ACCOUNT = (
    "Vorige maand begon een nieuwe collega op mijn afdeling. Op haar eerste dag stond ze er "
    "alleen voor en heeft ze een uur formulieren ingevuld. Niemand heeft haar iets uitgelegd. "
    "Na een week zei ze dat ze bijna was gestopt. Ik schrok daarvan. Ik heb toen een inwerkplan "
    "van vier weken gemaakt met elke dag een vaste buddy. Op vrijdag hebben we nu een kort "
    "gesprek over wat goed ging en wat niet. Ik heb geleerd dat ik eerst moet kijken voordat ik "
    "iemand iets ga leren."
)


def test_a_dutch_leader_with_their_own_priority_ends_with_a_story_to_save(
    browser: Any, live_real: LiveServer
) -> None:
    """Issue #10's reproduction: this chat ended in a red error with nothing to save."""
    leader = sign_in(browser, live_real, Role.LEADER)
    leader.set_default_timeout(MODEL_TIMEOUT_MS)
    leader.goto(f"{live_real.url}/chat?lang=nl")
    leader.fill("#own-priority", DUTCH_PRIORITY)
    leader.select_option("#chat-language", "nl")
    leader.click("#start-form button[type=submit]")
    leader.wait_for_selector("#answer-form, #start-form .status.problem")
    assert leader.locator("#start-form .status.problem").count() == 0
    leader.fill("#answer", DUTCH_ACCOUNT)
    leader.click("#answer-form button[type=submit]")
    leader.wait_for_selector(".turn.assistant.draft:not(.streaming), .turn.assistant.failed")
    draft = leader.locator(".turn.assistant").last
    assert "failed" not in (draft.get_attribute("class") or ""), draft.inner_text()
    assert "Kernboodschap" in draft.inner_text()
    assert "eerst moet kijken voordat ik iemand iets ga leren" in draft.inner_text()
    leader.click("#save-story-form summary")
    leader.click("#save-story-form button[type=submit]")
    leader.wait_for_selector("#saved-story")
