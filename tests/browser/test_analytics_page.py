"""The analytics page as a reviewer finds it after ``make run``: the demo's history as charts
with their tables, the nav link, the CSV download, refusal for members, and a phone's width."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from service.demo import load_history
from service.store import Role
from service.vocabulary import Language
from service.web.i18n import translator
from tests.helpers.browser import PHONE, sign_in
from tests.helpers.live_server import LiveServer

pytestmark = pytest.mark.e2e
UI = translator(Language.EN)
NL = translator(Language.NL)


def decisions_in_history() -> int:
    decided = ("approve", "reject", "request_changes")
    return sum(s.action in decided for lesson in load_history().lessons for s in lesson.steps)


def test_a_reviewer_reads_the_demo_s_figures(browser: Any, demo: LiveServer) -> None:
    reviewer = sign_in(browser, demo, Role.REVIEWER)
    reviewer.goto(f"{demo.url}/?lang=en")
    reviewer.click(f"nav.main-nav a:has-text('{UI['nav_analytics']}')")
    reviewer.wait_for_url(f"{demo.url}/analytics")
    assert reviewer.locator("h1").inner_text() == UI["analytics_title"]
    assert int(reviewer.locator("#queue-size").inner_text()) >= 1
    assert reviewer.locator("#publish-median").inner_text().endswith(UI["analytics_days"])
    chart = reviewer.locator("#approval-chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("title").first.text_content() == UI["analytics_approval"]
    assert chart.locator("g.bar rect").count() >= 1
    assert reviewer.locator("svg.chart[id^='criterion-']").count() >= 3
    # The text equivalent: open the table and read the decisions it counts.
    reviewer.click("#approval details summary")
    counted = reviewer.locator("#approval tbody td:nth-child(2)").all_inner_texts()
    assert sum(int(n) for n in counted) == decisions_in_history()
    gaps = reviewer.locator("#gaps li")
    assert gaps.count() >= 1
    assert reviewer.locator(".coverage-map td.covered").count() >= 1
    with reviewer.expect_download() as download:
        reviewer.click("#decisions-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert len(rows) == decisions_in_history()
    reviewer.goto(f"{demo.url}/analytics?lang=nl")
    assert reviewer.locator("h1").inner_text() == NL["analytics_title"]


def test_a_member_has_no_link_and_is_refused(browser: Any, demo: LiveServer) -> None:
    member = sign_in(browser, demo, Role.MEMBER)
    assert member.locator("nav.main-nav a[href='/analytics']").count() == 0
    page = member.goto(f"{demo.url}/analytics?lang=en")
    assert page is not None and page.status == 403
    refused = member.request.get(f"{demo.url}/api/analytics/decisions.csv")
    assert refused.status == 403


def test_the_analytics_page_fits_a_phone(browser: Any, demo: LiveServer, tmp_path: Path) -> None:
    phone = sign_in(browser, demo, Role.REVIEWER, viewport=PHONE)
    phone.goto(f"{demo.url}/analytics?lang=nl")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    fits = phone.evaluate(
        """() => [...document.querySelectorAll('svg.chart, .card, dl.figures')].every(
             (node) => node.getBoundingClientRect().right <= window.innerWidth + 1)"""
    )
    assert fits, "a chart or a card is wider than a phone screen"
    phone.screenshot(path=str(tmp_path / "analytics-phone.png"), full_page=True)
    assert (tmp_path / "analytics-phone.png").stat().st_size > 10_000
