"""Debian's chromium driven by Playwright: how it is launched, and signing in to a live server
with a page that records what the Content-Security-Policy refuses."""

from __future__ import annotations

from typing import Any

from service.store import Role
from tests.helpers.live_server import LiveServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000
"""How long a page waits for what a test expects: generous, so a loaded 2-core machine passes."""
PHONE = {"width": 390, "height": 844}
"""A phone's viewport, for the pages' narrow layout."""

POLICY_ERRORS: list[str] = []
"""What chromium refused on a watched page (the journey's autouse fixture checks it is empty)."""


def watch(page: Any) -> Any:
    """Record what chromium refuses on ``page`` under the policy, and page errors."""
    page.on(
        "console",
        lambda m: POLICY_ERRORS.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: POLICY_ERRORS.append(str(error)))
    return page


def sign_in(browser: Any, live: LiveServer, role: Role, **context: Any) -> Any:
    page = watch(browser.new_context(**context).new_page())
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{live.url}/")
    assert "/signin" in page.url  # signed out: the page sends us to sign in
    page.fill("input[name=key]", live.keys[role])
    page.click("form[action='/signin'] button[type=submit]")
    page.wait_for_url(f"{live.url}/")
    return page
