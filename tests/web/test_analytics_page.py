"""The analytics page: for reviewers and admins, linked in their nav, in both languages, with
charts that carry their own text equivalents."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from service.store import Role
from tests.helpers.api_steps import decide, lesson_in_review
from tests.store.factories import Member
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]


def test_signed_out_goes_to_signin(client: TestClient) -> None:
    response = client.get("/analytics", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=%2Fanalytics"


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER])
def test_members_and_leaders_get_a_friendly_403_and_no_link(
    client: TestClient, acme: People, role: Role
) -> None:
    sign_in(client, acme[role])
    assert 'href="/analytics"' not in client.get("/").text
    refused = client.get("/analytics?lang=en")
    assert refused.status_code == 403
    assert ui("en", "forbidden_title") in refused.text


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_the_page_shows_the_figures_in_both_languages(
    client: TestClient, acme: People, lang: str, role: Role
) -> None:
    lesson = lesson_in_review(client, acme)
    decide(client, acme[Role.REVIEWER], lesson["id"], "approve")
    lesson_in_review(client, acme)
    sign_in(client, acme[role])
    assert 'href="/analytics"' in client.get("/").text
    page = client.get("/analytics", params={"lang": lang})
    assert page.status_code == 200
    for key in ("analytics_title", "analytics_approval", "analytics_coverage", "analytics_csv"):
        assert ui(lang, key) in page.text
    assert 'href="/api/analytics/decisions.csv"' in page.text
    assert re.search(r'<dd id="queue-size">1</dd>', page.text)
    # Every chart names itself for a screen reader and has its numbers in a table.
    charts = re.findall(r'<svg class="chart" id="([^"]+)"[^>]*role="img"', page.text)
    assert "approval-chart" in charts and "queue-chart" in charts
    for chart in charts:
        assert f'<title id="{chart}-title">' in page.text
        assert f'<desc id="{chart}-desc">' in page.text
    assert page.text.count("<table") >= len([c for c in charts if not c.startswith("criterion")])
    assert "100%</td>" in page.text  # the approval table: one decision, approved
