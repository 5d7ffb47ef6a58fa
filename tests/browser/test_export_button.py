"""The demo as a reviewer finds it after ``make run``: a published lesson with an export card
that downloads a SCORM package, shown to reviewers only, and fitting a phone's screen."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from service.store import LessonState, Role, list_lessons
from service.vocabulary import Language
from service.web.i18n import translator
from tests.helpers.browser import PHONE, sign_in
from tests.helpers.live_server import ORG, LiveServer

pytestmark = pytest.mark.e2e
UI = translator(Language.EN)


def published_lesson(live: LiveServer) -> tuple[int, str]:
    with live.database.transaction() as session:
        lesson = next(
            x
            for x in list_lessons(session, ORG, state=LessonState.PUBLISHED)
            if x.author.name == "Demo Leader"
        )
        return lesson.id, lesson.corpus_id or ""


def test_a_reviewer_downloads_the_scorm_package(browser: Any, demo: LiveServer) -> None:
    lesson_id, corpus_id = published_lesson(demo)
    reviewer = sign_in(browser, demo, Role.REVIEWER)
    reviewer.goto(f"{demo.url}/lessons/{lesson_id}?lang=en")
    card = reviewer.locator("#export")
    assert UI["export_title"] in card.inner_text()
    with reviewer.expect_download() as download:
        reviewer.click("#export-scorm12")
    assert download.value.suggested_filename == f"{corpus_id}.scorm12.zip"
    content = Path(download.value.path()).read_bytes()
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert "imsmanifest.xml" in names and "index.html" in names
    with reviewer.expect_download() as markdown:
        reviewer.click("#export-markdown")
    assert "Fiona MacLeod" in Path(markdown.value.path()).read_text(encoding="utf-8")


def test_the_author_sees_the_lesson_but_no_export(browser: Any, demo: LiveServer) -> None:
    lesson_id, _ = published_lesson(demo)
    leader = sign_in(browser, demo, Role.LEADER)
    leader.goto(f"{demo.url}/lessons/{lesson_id}?lang=en")
    assert leader.locator("#published-as").count() == 1
    assert leader.locator("#export").count() == 0
    refused = leader.request.get(f"{demo.url}/api/lessons/{lesson_id}/export?format=scorm12")
    assert refused.status == 403


def test_the_lesson_page_fits_a_phone(browser: Any, demo: LiveServer, tmp_path: Path) -> None:
    lesson_id, _ = published_lesson(demo)
    phone = sign_in(browser, demo, Role.REVIEWER, viewport=PHONE)
    phone.goto(f"{demo.url}/lessons/{lesson_id}?lang=en")
    phone.locator("#export").scroll_into_view_if_needed()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    fits = phone.evaluate(
        """() => [...document.querySelectorAll('#export .button, .card')].every(
             (node) => node.getBoundingClientRect().right <= window.innerWidth + 1)"""
    )
    assert fits, "an export button or a card is wider than a phone screen"
    phone.screenshot(path=str(tmp_path / "lesson-phone.png"), full_page=True)
    assert (tmp_path / "lesson-phone.png").stat().st_size > 10_000


def test_every_role_finds_the_demo_populated(browser: Any, demo: LiveServer) -> None:
    member = sign_in(browser, demo, Role.MEMBER)
    member.goto(f"{demo.url}/stories?lang=en")
    assert member.locator(".story-item:not(.corpus-story)").count() >= 6
    assert member.locator(".corpus-story").count() == 34
    assert UI["no_stories"] not in member.locator("main").inner_text()
    reviewer = sign_in(browser, demo, Role.REVIEWER)
    assert int(reviewer.locator("#queue-count").inner_text()) >= 2
    leader = sign_in(browser, demo, Role.LEADER)
    assert UI["nothing_yet"] not in leader.locator("main").inner_text()
    assert leader.locator(".reflections li").count() >= 1
