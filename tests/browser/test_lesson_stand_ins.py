"""A reviewer sees a lesson's stand-in in chromium (issue 18, point 3): the coach could not
choose a practice, so code wrote a plain one; the review queue counts it, the lesson page
marks it with the coach's note (the marks in the reviewer's language, the note in the
lesson's), and once the reviewer rewrites it, it is theirs and no longer marked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest
from playwright.sync_api import expect

from service.knowledge import KnowledgeBase
from service.settings import Settings, get_settings
from service.store import Role
from service.testing import FakeModel
from service.vocabulary import Language
from service.web.i18n import translator
from service.words import load_words
from tests.choices import choosing_all_but
from tests.helpers.browser import PHONE, TIMEOUT_MS, sign_in
from tests.helpers.live_server import LiveServer, serve

pytestmark = pytest.mark.e2e
EN, NL = translator(Language.EN), translator(Language.NL)
RECALL = "Which ticket did you answer first this week, and what happened then?"
ACCOUNT = (
    "Last March our complaints queue had 340 open tickets. But I made it worse: I asked the "
    "team to work two weekends and told nobody why. Sanne told me people were exhausted. So I "
    "stopped the overtime and we started a fifteen-minute huddle every morning. We sorted the "
    "tickets by bike off the road first. We answered those customers before anything else. I "
    "also sat at the phones myself every Tuesday. Since then we answer most customers within a "
    "day. By May the queue was down to 40 tickets. I learned that working longer hides the "
    "real problem."
)
"""An account with several sentences a practice could quote: the model is asked to choose
among them (and refuses), so the practice is code's stand-in. (With one sentence left, code
takes it without asking.) Its result is left for "why it matters"."""
OWN = "Tomorrow morning, answer the customers whose bike is off the road first."


@pytest.fixture
def live(
    settings: Settings, knowledge: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LiveServer]:
    """A coach that chooses the story's sentences for every part but the practice. The account
    is read with the word lists: that it has several sentences a practice could quote is what
    this test sets up, not what it measures (the sure reader is sure of fewer)."""
    monkeypatch.setenv("STORYCOACH_SENTENCE_READER", "words")
    get_settings.cache_clear()
    refused = load_words("lesson", Language.EN)["choices.practice"]
    model = FakeModel(answer=choosing_all_but(refused, json.dumps({"question": RECALL})))
    yield from serve(settings, knowledge, model)


def api(live: LiveServer, role: Role, path: str, body: dict[str, Any] | None = None) -> Any:
    request = Request(
        f"{live.url}/api{path}",
        data=json.dumps(body or {}).encode(),
        headers={"Authorization": f"Bearer {live.keys[role]}", "Content-Type": "application/json"},
    )
    with urlopen(request, timeout=TIMEOUT_MS / 1000) as response:
        return json.load(response)


def lesson_in_review(live: LiveServer) -> dict[str, Any]:
    """The leader's story, a lesson the coach wrote from it, submitted for review."""
    story = api(
        live,
        Role.LEADER,
        "/stories",
        {"title": "The hot battery", "text": ACCOUNT, "language": "en"},
    )
    lesson = api(live, Role.LEADER, f"/stories/{story['id']}/lessons")
    assert lesson["fallbacks"] == ["practice"], lesson["fallbacks"]
    api(live, Role.LEADER, f"/lessons/{lesson['id']}/submit")
    return dict(lesson)


def test_a_reviewer_sees_the_stand_in_marked_and_rewrites_it(
    browser: Any, live: LiveServer
) -> None:
    lesson = lesson_in_review(live)
    practice = next(p for p in lesson["parts"] if p["key"] == "practice")
    reviewer = sign_in(browser, live, Role.REVIEWER)  # Dutch, by their locale

    reviewer.goto(f"{live.url}/review")
    item = reviewer.locator(".queue-item").filter(has_text=lesson["title"])
    expect(item.locator(".stand-in-count")).to_have_text(
        NL["stand_ins_count"].replace("{count}", "1")
    )
    item.locator("a.button").click()
    reviewer.wait_for_url(f"{live.url}/lessons/{lesson['id']}")

    marked = reviewer.locator("#stand-ins .part-check[data-key=practice]")
    expect(marked).to_be_visible()
    expect(marked.locator(".origin-mark")).to_have_text(NL["part_origin_fallback"])
    expect(marked.locator(".part-note")).to_have_text(practice["note"])  # the lesson's English
    expect(marked.locator("blockquote")).to_have_text(practice["text"])
    assert reviewer.locator("#stand-ins .part-check").count() == 1  # only the stand-in
    reviewer.goto(f"{live.url}/lessons/{lesson['id']}?lang=en")
    expect(marked.locator(".origin-mark")).to_have_text(EN["part_origin_fallback"])
    assert EN["stand_ins_title"] in reviewer.locator("#stand-ins h2").inner_text()

    # The reviewer rewrites the practice in the lesson's text: it is theirs now.
    reviewer.click("#edit summary")
    text = reviewer.locator("#edit-text").input_value()
    assert practice["text"] in text
    reviewer.fill("#edit-text", text.replace(practice["text"], OWN))
    reviewer.click("#edit button[type=submit]")
    rewritten = reviewer.locator("#who-wrote .part[data-key=practice]")
    expect(rewritten).to_have_attribute("data-origin", "edited")
    expect(reviewer.locator("#stand-ins")).to_have_count(0)
    expect(rewritten.locator(".part-text")).to_have_text(OWN)
    reviewer.click("#who-wrote summary")
    expect(rewritten.locator(".origin-mark")).to_have_text(EN["part_origin_edited"])


def test_the_stand_ins_fit_a_phone(browser: Any, live: LiveServer, tmp_path: Path) -> None:
    lesson = lesson_in_review(live)
    phone = sign_in(browser, live, Role.REVIEWER, viewport=PHONE)
    phone.goto(f"{live.url}/lessons/{lesson['id']}?lang=nl")
    expect(phone.locator("#stand-ins")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    fits = phone.evaluate(
        """() => [...document.querySelectorAll('#stand-ins, .part-check, .origin-mark')].every(
             (node) => node.getBoundingClientRect().right <= window.innerWidth + 1)"""
    )
    assert fits, "a stand-in or its mark is wider than a phone screen"
    phone.screenshot(path=str(tmp_path / "stand-ins-phone.png"), full_page=True)
    assert (tmp_path / "stand-ins-phone.png").stat().st_size > 10_000
