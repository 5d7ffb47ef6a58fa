"""The Content-Security-Policy in chromium (issue 11, point 4): it is enforced and what it
refuses is seen (so the journey's "no violations" check is not vacuous), a story's tracking
pixel is never fetched, and the API docs page works under its own policy."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest

from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Role
from tests.browser.scripted import scripted_model
from tests.helpers.browser import TIMEOUT_MS, sign_in
from tests.helpers.live_server import LiveServer, serve

pytestmark = pytest.mark.e2e
TRACKER = "tracker.example"
_LITELLM = importlib.util.find_spec("litellm")  # found, not imported (slow, and not needed)
SWAGGER = Path(_LITELLM.origin or "").parent / "proxy" / "swagger" if _LITELLM else Path()
"""A copy of Swagger UI that happens to ship in an installed package: the docs page loads
it from a CDN, which this machine cannot reach, so the test serves these files in its place."""


@pytest.fixture
def live(settings: Settings, knowledge: KnowledgeBase) -> Iterator[LiveServer]:
    yield from serve(settings, knowledge, scripted_model())


def refused(page: Any) -> list[str]:
    seen: list[str] = []
    page.on(
        "console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None
    )
    return seen


def test_inline_script_and_remote_images_are_refused_and_reported(
    browser: Any, live: LiveServer
) -> None:
    page = sign_in(browser, live, Role.MEMBER)
    seen = refused(page)
    failed: dict[str, str] = {}
    page.on("requestfailed", lambda request: failed.update({request.url: request.failure}))
    page.goto(f"{live.url}/stories")
    with page.expect_console_message(lambda m: "inline script" in m.text):
        page.evaluate(
            """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.append(script);
            }"""
        )
    with page.expect_console_message(lambda m: "img-src" in m.text):
        page.evaluate(
            """() => new Promise((done) => {
            const img = document.createElement("img");
            img.onerror = done;
            img.src = "http://tracker.example/pixel.gif";
            document.body.append(img);
            })"""
        )
    assert page.evaluate("window.injected === undefined")
    assert len(seen) == 2  # what the journey's watcher would see, too
    # Stopped by the policy before the network (offline, a fetch would fail anyway).
    assert failed.get("http://tracker.example/pixel.gif") == "csp"


def test_a_storys_tracking_pixel_is_never_fetched(browser: Any, live: LiveServer) -> None:
    body = {
        "title": "Forty bikes by Friday",
        "text": "I promised forty bikes by Friday.\n\n![](http://tracker.example/pixel.gif?who=me)",
        "language": "en",
    }
    request = Request(
        f"{live.url}/api/stories",
        data=json.dumps(body).encode(),
        headers={
            "Authorization": f"Bearer {live.keys[Role.LEADER]}",
            "Content-Type": "application/json",
        },
    )
    with urlopen(request) as response:
        story = json.load(response)
    page = sign_in(browser, live, Role.LEADER)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{live.url}/stories/{story['id']}")
    link = page.locator("a.remote-image")
    assert link.count() == 1 and TRACKER in (link.get_attribute("href") or "")
    assert page.locator("img").count() == 0
    assert not any(TRACKER in url for url in asked)


def test_the_api_docs_work_under_their_policy(browser: Any, live: LiveServer) -> None:
    if not (SWAGGER / "swagger-ui-bundle.js").is_file():
        pytest.skip("no local copy of Swagger UI to stand in for the CDN")
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    seen = refused(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def from_disk(route: Any) -> None:
        name = route.request.url.rsplit("/", 1)[-1]
        kind = "text/css" if name.endswith(".css") else "application/javascript"
        route.fulfill(path=str(SWAGGER / name), content_type=kind)

    page.route("https://cdn.jsdelivr.net/**", from_disk)
    page.goto(f"{live.url}/docs")
    page.wait_for_selector(".opblock-summary-path")
    assert page.locator(".opblock").count() >= 15
    assert "/api/me" in page.locator("#swagger-ui").inner_text()
    assert seen == [] and errors == []
