"""The whole journey in a real browser, with a scripted coach (the UI is under test):
a leader drafts a story in the chat and watches it stream, sees which parts are their own
words and which the coach wrote, edits a part before saving, makes and submits a lesson; a
reviewer approves and publishes it; it is searchable; a team member asks for discussion
questions and reflects; the leader sees the reflection. And a reply that fails is told in
plain words and tried again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Role
from service.vocabulary import Language
from service.web.i18n import translator
from tests.browser.scripted import ACCOUNT, Hold, scripted_model
from tests.helpers.browser import PHONE, POLICY_ERRORS, sign_in, watch
from tests.helpers.live_server import LiveServer, serve
from tests.helpers.wording import wording

pytestmark = pytest.mark.e2e
UI = translator(Language.EN)
"""The pages' English words, as the journey's pages show them."""


@pytest.fixture
def hold() -> Hold:
    return Hold()


@pytest.fixture
def live(settings: Settings, knowledge: KnowledgeBase, hold: Hold) -> Iterator[LiveServer]:
    for server in serve(settings, knowledge, scripted_model(hold=hold)):
        try:
            yield server
        finally:
            hold.release()  # a test that failed before releasing it must not hold the server


@pytest.fixture
def failing_once(settings: Settings, knowledge: KnowledgeBase) -> Iterator[LiveServer]:
    yield from serve(settings, knowledge, scripted_model(fail_once=True))


FITS = """() => [...document.querySelectorAll(".origin-mark, .part, textarea")].every(
  (node) => node.getBoundingClientRect().right <= window.innerWidth + 1)"""


@pytest.fixture(autouse=True)
def no_policy_violations() -> Iterator[None]:
    """Every page the journey opens works under the Content-Security-Policy: chromium
    reports nothing it refused (an inline script or style, a remote image, a fetch)."""
    POLICY_ERRORS.clear()
    yield
    assert POLICY_ERRORS == []


def test_bad_key_is_a_friendly_error(browser: Any, live: LiveServer) -> None:
    page = watch(browser.new_page())
    page.goto(f"{live.url}/signin?lang=en")
    page.fill("input[name=key]", "sc_not-a-key")
    page.click("form[action='/signin'] button[type=submit]")
    alert = page.locator("[role=alert]")
    assert UI["signin_invalid_key"] in alert.inner_text()


def check_who_wrote_what(draft: Any) -> None:
    """The leader's words are plain; the coach's part and code's fallback say who wrote them."""
    assert "four days" in draft.locator(".draft-title").inner_text()
    assert UI["who_wrote"] in draft.locator(".legend").inner_text()
    assert draft.locator(".part[data-origin=leader]").count() >= 5
    assert draft.locator(".part[data-origin=leader] .origin-mark").count() == 0
    why = draft.locator(".part-why_it_matters")
    assert UI["origin_coach"] in why.locator(".origin-mark").inner_text()
    # The account asks the team nothing: the call to action is asked of the leader, not faked.
    action = draft.locator(".part-call_to_action")
    assert action.get_attribute("data-origin") == "missing"
    assert UI["origin_missing"] in action.locator(".origin-mark").inner_text()


def test_story_to_published_lesson_to_team_reflection(
    browser: Any, live: LiveServer, hold: Hold, tmp_path: Path
) -> None:
    leader = sign_in(browser, live, Role.LEADER)
    leader.goto(f"{live.url}/chat?lang=en")
    leader.select_option("#priority", "priority-complaints-one-day")
    leader.click("#start-form button[type=submit]")
    leader.wait_for_url(re.compile(r"/chat/\d+$"))
    assert leader.locator(".turn.assistant").count() == 1  # the coach's questions

    # Answer; the coach's draft streams into a live bubble, then is kept with its sources.
    # The coach is held before its core message (``hold``), so the parts written so far are
    # seen streaming on any machine, fast or loaded; then it is let go to finish.
    leader.fill("#answer", ACCOUNT)
    leader.click("#answer-form button[type=submit]")
    live_bubble = leader.locator(".turn.assistant.streaming .live")
    expect(live_bubble.locator(".part").first).to_be_visible()
    expect(live_bubble).to_contain_text("four days")  # the title, streamed
    assert leader.locator(".turn.assistant.draft").count() == 0  # nothing kept yet
    hold.release()
    leader.wait_for_selector(".turn.assistant.draft:not(.streaming)")
    expect(leader.locator(".turn.assistant.streaming")).to_have_count(0)
    draft = leader.locator(".turn.assistant.draft").last
    assert "I asked the team to work two weekends" in draft.inner_text()
    check_who_wrote_what(draft)  # as it streamed in...
    assert "The rider comes first" in draft.locator(".cited").inner_text()
    chat_url = leader.url
    leader.reload()
    check_who_wrote_what(leader.locator(".turn.assistant.draft").last)  # ...and as it was kept

    # On a phone the marks and the parts fit the screen.
    phone = sign_in(browser, live, Role.LEADER, viewport=PHONE)
    phone.goto(chat_url)
    phone.click("#save-story-form summary")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert phone.evaluate(FITS), "a mark, a part or a field is wider than a phone screen"
    phone.screenshot(path=str(tmp_path / "chat-phone.png"), full_page=True)
    assert (tmp_path / "chat-phone.png").stat().st_size > 10_000

    # Edit the fallback before saving; an emptied part is refused on the page, by name.
    leader.click("#save-story-form summary")
    own = "Sort your queue by bikes off the road every morning, and tell the team why."
    leader.fill("#part-call_to_action", own)
    core = leader.locator("#part-core_message").input_value()
    leader.fill("#part-core_message", "  ")
    leader.click("#save-story-form button[type=submit]")
    refused = leader.locator("#part-core_message")
    expect(refused).to_have_attribute("aria-invalid", "true")
    expect(leader.locator("#save-story-form")).to_contain_text(UI["part_empty"])
    leader.fill("#part-core_message", core)
    leader.click("#save-story-form button[type=submit]")
    leader.wait_for_selector("#saved-story")
    saved_url = leader.locator("#saved-story").get_attribute("href")
    leader.click(".make-lesson button")
    leader.wait_for_url(re.compile(r"/lessons/\d+$"))
    lesson_url = leader.url
    assert "Objective" in leader.locator("#lesson-text").inner_text()
    leader.click("#submit-form button")
    leader.wait_for_selector(".state-in_review")

    # The reviewer (Dutch by their locale) sees it in the queue with its rubric, approves it.
    reviewer = sign_in(browser, live, Role.REVIEWER)
    assert reviewer.locator("html").get_attribute("lang") == "nl"
    reviewer.goto(f"{live.url}/review")
    reviewer.click(".queue-item a.button")
    reviewer.wait_for_url(lesson_url)
    assert reviewer.locator(".criterion").count() > 0
    assert "Zaandam" in reviewer.locator("details.source-story").inner_text()  # the source story
    reviewer.fill("#decision-comment", "Clear and faithful to the story.")
    reviewer.click("button[value=approve]")
    reviewer.wait_for_selector("#publish-form")
    reviewer.click("#publish-form button")
    reviewer.wait_for_selector("#published-as")
    corpus_id = reviewer.locator("#published-as code").inner_text()

    # Published into the corpus: searchable at once.
    reviewer.goto(f"{live.url}/search?q=weekends+backlog+huddle&kind=lesson&lang=en")
    assert reviewer.locator(f".hit[data-id='{corpus_id}']").count() == 1

    # The leader publishes the story to the team; a member on a phone asks for questions.
    leader.goto(f"{live.url}{saved_url}")
    story_url = leader.url
    assert own in leader.locator("article.story").inner_text()  # saved with the leader's edit
    leader.click("form[data-api$='/publish'] button")
    leader.wait_for_selector("#questions")

    member = sign_in(browser, live, Role.MEMBER, viewport=PHONE)
    member.goto(story_url)
    member.click("#questions button")
    member.wait_for_selector("#question-list li.question")
    assert member.locator("#question-list li").count() >= 3
    assert "?" in member.locator("#question-list li").first.inner_text()
    member.fill("#reflection", "I will ask the newest person how they would sort the queue.")
    member.click("form[action$='/reflections'] button")
    member.wait_for_selector("#reflections .ok")
    no_overflow = member.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow, "the story page fits a phone screen"

    leader.goto(f"{live.url}/")
    assert "I will ask the newest person" in leader.locator(".reflections").inner_text()


def test_a_failed_reply_is_plain_and_can_be_tried_again(
    browser: Any, failing_once: LiveServer
) -> None:
    leader = sign_in(browser, failing_once, Role.LEADER)
    leader.goto(f"{failing_once.url}/chat?lang=en")
    leader.select_option("#priority", "priority-complaints-one-day")
    leader.click("#start-form button[type=submit]")
    leader.wait_for_url(re.compile(r"/chat/\d+$"))
    leader.fill("#answer", ACCOUNT)
    leader.click("#answer-form button[type=submit]")
    failed = leader.locator(".turn.assistant.failed")
    failed.wait_for()
    told = failed.inner_text()
    assert wording("chat", "failures.generation_failed") in told
    assert not re.search(r"story\.\w|model|invalid", told)  # no step ids, no internals
    assert failed.locator(".part").count() == 0  # nothing half-written is shown as a draft
    assert "Zaandam" in leader.locator(".turn.user").last.inner_text()  # the answer is kept

    leader.click(".turn.assistant.failed .try-again")
    leader.wait_for_selector(".turn.assistant.draft:not(.streaming) .draft-parts")
    assert leader.locator(".turn.assistant.failed").count() == 0
    leader.reload()
    assert leader.locator(".turn.assistant.draft").count() == 1  # one reply, kept once
