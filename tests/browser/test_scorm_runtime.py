"""An exported lesson in real runtimes, driven in chromium: the SCORM 1.2 package in
scorm-again's runtime (the LMS's side, from npm), and the cmi5 AU against a stand-in LMS and
LRS that record what the AU sends."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from service.demo import load_history
from service.export import ExportableLesson, ExportFormat, export_file
from service.vocabulary import Language
from tests.browser.lms import lms_folder, scorm_again, serve_folder
from tests.helpers.browser import TIMEOUT_MS

pytestmark = pytest.mark.e2e
ANSWER = "Fiona's ticket: I gave her Thursday, and called her on Thursday."


def demo_lesson() -> ExportableLesson:
    """The demo's published English lesson, with its recall question as the reviewer saw it."""
    fixture = next(x for x in load_history().lessons if x.key == "first-answer-part-or-no-part")
    edit = next(step for step in fixture.steps if step.action == "edit")
    assert edit.replace is not None and edit.with_ is not None
    text = fixture.text.replace(edit.replace.strip(), edit.with_.strip())
    assert fixture.title is not None
    return ExportableLesson("demo", "lesson-first-answer-1", fixture.title, Language.EN, text)


def packaged(tmp_path: Path, format: ExportFormat) -> Path:
    exported = export_file(demo_lesson(), format)
    path = tmp_path / exported.filename
    path.write_bytes(exported.content)
    return path


def test_the_scorm_package_completes_in_scorm_again(browser: Any, tmp_path: Path) -> None:
    folder = lms_folder(tmp_path, packaged(tmp_path, ExportFormat.SCORM12), scorm_again())
    with serve_folder(folder) as url:
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{url}/index.html")
        sco = page.frame_locator("#sco")
        assert "Fiona MacLeod" in sco.locator("#lesson").inner_text()
        sco.locator("#recall-answer").fill(ANSWER)
        sco.locator("#finish").click()
        sco.locator("#status").filter(has_text="recorded").wait_for()
        calls = page.evaluate("window.calls")
        status = page.evaluate("window.API.cmi.core.lesson_status")
        # The runtime's own record, as it would commit it (write-only elements included).
        cmi = page.evaluate("JSON.parse(JSON.stringify(window.API.cmi))")
    assert calls[0] == {"call": "LMSInitialize", "args": [""], "result": "true"}
    assert calls[-1] == {"call": "LMSFinish", "args": [""], "result": "true"}
    set_values = {c["args"][0]: c["args"][1] for c in calls if c["call"] == "LMSSetValue"}
    assert all(c["result"] == "true" for c in calls if c["call"] == "LMSSetValue"), calls
    assert set_values["cmi.interactions.0.id"] == "recall-question"
    assert set_values["cmi.interactions.0.type"] == "fill-in"
    assert set_values["cmi.interactions.0.student_response"] == ANSWER
    assert set_values["cmi.core.lesson_status"] == "completed"
    assert [c["call"] for c in calls[-2:]] == ["LMSCommit", "LMSFinish"]
    assert status == "completed"
    recorded = cmi["interactions"]["0"]
    assert (recorded["id"], recorded["type"]) == ("recall-question", "fill-in")
    assert recorded["student_response"] == ANSWER
    assert cmi["core"]["lesson_status"] == "completed"


def test_leaving_without_finishing_ends_the_session_incomplete(
    browser: Any, tmp_path: Path
) -> None:
    folder = lms_folder(tmp_path, packaged(tmp_path, ExportFormat.SCORM12), scorm_again())
    with serve_folder(folder) as url:
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{url}/index.html")
        page.frame_locator("#sco").locator("#finish").wait_for()
        page.evaluate("document.getElementById('sco').src = 'about:blank'")
        page.wait_for_function("window.calls.some((c) => c.call === 'LMSFinish')")
        calls = page.evaluate("window.calls")
        status = page.evaluate("window.API.cmi.core.lesson_status")
    assert calls[0]["call"] == "LMSInitialize"
    assert status == "incomplete"
    assert not any(
        c["args"][:1] == ["cmi.core.lesson_status"] and c["args"][1] == "completed"
        for c in calls
        if c["call"] == "LMSSetValue"
    )


def test_the_cmi5_au_reports_to_the_lms_s_lrs(browser: Any, tmp_path: Path) -> None:
    package = packaged(tmp_path, ExportFormat.CMI5)
    folder = tmp_path / "cmi5"
    zipfile.ZipFile(io.BytesIO(package.read_bytes())).extractall(folder)
    sent: list[dict[str, Any]] = []
    actor = {"objectType": "Agent", "account": {"homePage": "https://lms.test", "name": "m-1"}}
    activity = "https://lms.test/activities/lesson-first-answer-1"

    def lms(route: Any) -> None:
        request = route.request
        if request.url.endswith("/fetch"):
            route.fulfill(json={"auth-token": "dG9rZW4="})
        elif "activities/state" in request.url:
            route.fulfill(json={"launchMode": "Normal", "contextTemplate": {"extensions": {}}})
        else:
            assert request.headers["authorization"] == "Basic dG9rZW4="
            sent.append(json.loads(request.post_data))
            route.fulfill(status=200, json=[sent[-1]["id"]])

    with serve_folder(folder) as url:
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.route("**/lrs/**", lms)
        page.route("**/fetch", lms)
        query = urlencode(
            {
                "endpoint": f"{url}/lrs/",
                "fetch": f"{url}/fetch",
                "actor": json.dumps(actor),
                "registration": "7a1d0e52-8f5f-4f83-9c1a-5d1f0f7c0b11",
                "activityId": activity,
            }
        )
        page.goto(f"{url}/index.html?{query}")
        page.wait_for_function("document.readyState === 'complete'")
        page.fill("#recall-answer", ANSWER)
        page.click("#finish")
        page.locator("#status").filter(has_text="recorded").wait_for()
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in sent]
    assert verbs == ["initialized", "answered", "completed", "terminated"]
    assert all(s["actor"] == actor for s in sent)
    assert all(s["context"]["registration"].startswith("7a1d0e52") for s in sent)
    cmi5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
    categories = [
        [c["id"] for c in s["context"]["contextActivities"].get("category", [])] for s in sent
    ]
    assert cmi5 in categories[0] and cmi5 in categories[2] and cmi5 in categories[3]
    assert cmi5 not in categories[1]  # "answered" is an allowed statement, not a cmi5 one
    assert sent[1]["result"]["response"] == ANSWER
    assert sent[1]["object"]["definition"]["interactionType"] == "fill-in"
    assert sent[2]["result"]["completion"] is True
    assert sent[0]["object"]["id"] == activity
