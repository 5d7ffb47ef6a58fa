"""The chat page when the model breaks mid-stream, against a real server process
(``tests.e2e.fault_server``, no language model): what was streamed stays in view, marked
unfinished; the page says what happened in plain words and offers to try again, which works;
the leader's answer is kept across a reload."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from service.vocabulary import Language
from service.web.i18n import translator
from service.words import load_words
from tests.browser.scripted import ACCOUNT
from tests.helpers.fault_process import served

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 30_000
UI = translator(Language.EN)


def test_a_reply_broken_mid_stream_keeps_what_was_written_and_can_be_tried_again(
    browser: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with served(data) as server:
        page = browser.new_context().new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{server.url}/signin?lang=en")
        page.fill("input[name=key]", server.keys["leader"])
        page.click("form[action='/signin'] button[type=submit]")
        page.goto(f"{server.url}/chat?lang=en")
        page.select_option("#priority", "priority-complaints-one-day")
        page.click("#start-form button[type=submit]")
        page.wait_for_url(re.compile(r"/chat/\d+$"))

        (data / "break-stream").write_text("1")
        page.fill("#answer", ACCOUNT)
        page.click("#answer-form button[type=submit]")
        failed = page.locator(".turn.assistant.failed")
        failed.wait_for()
        told = load_words("chat", Language.EN)["failures.model_unavailable"]
        assert failed.locator(".problem-text").inner_text() == told
        partial = failed.locator(".partial-draft")
        assert UI["partial_draft"] in partial.inner_text()
        assert partial.locator(".said").inner_text().strip()  # what was streamed, in view
        assert failed.locator(".part").count() == 0  # and not as a draft's parts

        failed.locator(".try-again").click()
        page.wait_for_selector(".turn.assistant.draft:not(.streaming) .draft-parts")
        page.reload()
        assert "Zaandam" in page.locator(".turn.user").last.inner_text()
        assert page.locator(".turn.assistant.draft").count() == 1
