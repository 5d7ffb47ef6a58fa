"""The chat stream with the real embedded model (slow: minutes on 2 cores; CI runs it).

Only the draft's arrival is checked (the model's wording is not): the coach's questions come
back, the leader's answer streams a reply into the page, and it ends as a kept message."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from service.knowledge import KnowledgeBase
from service.quality.publishable import PartContext, ReadPart, judge_part
from service.settings import Settings
from service.store import Role
from service.vocabulary import Language
from service.words import load_words
from tests.browser.scripted import ACCOUNT
from tests.helpers.accounts import BIKE_ACCOUNT
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


def dutch_draft(
    leader: Any, live: LiveServer, account: str, *, priority: str = "", own_priority: str = ""
) -> Any:
    """A Dutch chat started on ``priority`` (or the leader's ``own_priority``), answered with
    ``account``, waited for until its draft is kept: the draft's turn."""
    leader.set_default_timeout(MODEL_TIMEOUT_MS)
    leader.goto(f"{live.url}/chat?lang=nl")
    if own_priority:
        leader.fill("#own-priority", own_priority)
    else:
        leader.select_option("#priority", priority)
    leader.select_option("#chat-language", "nl")
    leader.click("#start-form button[type=submit]")
    leader.wait_for_selector("#answer-form, #start-form .status.problem")
    assert leader.locator("#start-form .status.problem").count() == 0
    leader.fill("#answer", account)
    leader.click("#answer-form button[type=submit]")
    leader.wait_for_selector(".turn.assistant.draft:not(.streaming), .turn.assistant.failed")
    draft = leader.locator(".turn.assistant").last
    assert "failed" not in (draft.get_attribute("class") or ""), draft.inner_text()
    return draft


def test_a_dutch_leader_with_their_own_priority_ends_with_a_story_to_save(
    browser: Any, live_real: LiveServer
) -> None:
    """Issue #10's reproduction: this chat ended in a red error with nothing to save."""
    leader = sign_in(browser, live_real, Role.LEADER)
    draft = dutch_draft(leader, live_real, DUTCH_ACCOUNT, own_priority=DUTCH_PRIORITY)
    assert "Kernboodschap" in draft.inner_text()
    assert "eerst moet kijken voordat ik iemand iets ga leren" in draft.inner_text()
    leader.click("#save-story-form summary")
    leader.click("#save-story-form button[type=submit]")
    leader.wait_for_selector("#saved-story")


def test_the_bike_account_gives_parts_a_reviewer_would_publish(
    browser: Any, live_real: LiveServer
) -> None:
    leader = sign_in(browser, live_real, Role.LEADER)
    draft = dutch_draft(leader, live_real, BIKE_ACCOUNT, priority="priority-first-time-fix")
    fields = leader.locator("#save-story-form .part-field")  # the draft's parts, to edit
    expect(fields.first).to_be_attached()
    parts = {
        fields.nth(i).locator("textarea").get_attribute("data-key"): (
            fields.nth(i).locator("textarea").input_value(),
            fields.nth(i).get_attribute("data-origin"),
        )
        for i in range(fields.count())
    }
    context = PartContext(Language.NL, BIKE_ACCOUNT)
    for key in ("title", "core_message"):
        text, origin = parts[key]
        verdict = judge_part(ReadPart(key, text, origin), context)
        assert verdict.publishable, (key, text, verdict.found)
    action, origin = parts["call_to_action"]
    if origin == "missing":  # the account asks nothing of the team: the coach asks the leader
        assert action == load_words("story", Language.NL)["missing.call_to_action"]
    else:
        verdict = judge_part(ReadPart("call_to_action", action, origin), context)
        assert verdict.publishable, (action, verdict.found)
    assert "Ik een middag zelf meekeek" not in draft.inner_text()
