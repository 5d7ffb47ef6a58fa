"""GET /api/analytics and /api/analytics/decisions.csv: roles, organisation scope, CSV shape."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from service.analytics.decisions import FIXED_COLUMNS
from service.store import Role
from tests.helpers.api_steps import People, decide, lesson_in_review, published
from tests.store.factories import Member


def table(client: TestClient, who: Member) -> list[dict[str, str]]:
    answer = client.get("/api/analytics/decisions.csv", headers=who.headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.text)))


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_reviewers_and_admins_see_their_organisation_s_figures(
    client: TestClient, acme: People, role: Role
) -> None:
    first = lesson_in_review(client, acme)
    decide(client, acme[Role.REVIEWER], first["id"], "request_changes", "=say why it matters")
    lesson_in_review(client, acme)  # waiting in the queue
    answer = client.get("/api/analytics", headers=acme[role].headers)
    assert answer.status_code == 200, answer.text
    figures = answer.json()
    assert figures["org"] == "acme"
    weeks = [(w["decisions"], w["approved"], w["rate"]) for w in figures["approval"]]
    assert weeks == [(1, 0, 0.0)]
    assert figures["criteria"] and all(len(c["weeks"]) == 1 for c in figures["criteria"])
    assert figures["queue"]["count"] == 1
    none_published = {"count": 0, "median_hours": None, "p90_hours": None}
    assert figures["submit_to_publish"] == none_published
    assert figures["reflections"]["stories"] == 0  # the lessons' stories are drafts


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER])
def test_members_and_leaders_may_not(client: TestClient, acme: People, role: Role) -> None:
    for path in ("/api/analytics", "/api/analytics/decisions.csv"):
        refused = client.get(path, headers=acme[role].headers)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "forbidden"


def test_signed_out_is_401(client: TestClient) -> None:
    assert client.get("/api/analytics").status_code == 401
    assert client.get("/api/analytics/decisions.csv").status_code == 401


def test_another_organisation_s_history_stays_out(
    client: TestClient, acme: People, globex: People
) -> None:
    lesson = lesson_in_review(client, acme)
    decide(client, acme[Role.REVIEWER], lesson["id"], "approve")
    theirs = client.get("/api/analytics", headers=globex[Role.REVIEWER].headers).json()
    assert theirs["org"] == "globex"
    assert theirs["approval"] == [] and theirs["criteria"] == []
    assert theirs["queue"]["count"] == 0  # acme's lesson in review is not in globex's queue
    assert theirs["reflections"]["items"][0]["title"] == "Globex secret story"
    ours = client.get("/api/analytics", headers=acme[Role.REVIEWER].headers).json()
    assert all(s["title"] != "Globex secret story" for s in ours["reflections"]["items"])
    assert table(client, globex[Role.REVIEWER]) == []
    assert len(table(client, acme[Role.REVIEWER])) == 1


def test_the_csv_has_a_row_per_decision_with_its_rubric_result(
    client: TestClient, acme: People
) -> None:
    lesson = lesson_in_review(client, acme)
    reviewer = acme[Role.REVIEWER]
    decide(client, reviewer, lesson["id"], "request_changes", '=HYPERLINK("http://x")')
    answer = client.get("/api/analytics/decisions.csv", headers=reviewer.headers)
    assert answer.headers["content-disposition"] == 'attachment; filename="acme-decisions.csv"'
    header = next(csv.reader(io.StringIO(answer.text)))
    criteria = [c["id"] for c in lesson["score"]["criteria"]]
    assert header == [*FIXED_COLUMNS, *(f"criterion:{c}" for c in sorted(criteria))]
    (row,) = table(client, reviewer)
    assert row["lesson_id"] == str(lesson["id"]) and row["decision"] == "request_changes"
    assert row["reviewer"] == "acme reviewer" and row["author"] == "acme leader"
    assert row["comment"] == '\'=HYPERLINK("http://x")'  # a spreadsheet shows it, never runs it
    assert row["rubric"] == lesson["score"]["rubric"]
    assert row["rubric_pass"] == ("pass" if lesson["score"]["passed"] else "fail")
    for criterion in lesson["score"]["criteria"]:
        expected = {True: "pass", False: "fail", None: "unscored"}[criterion["passed"]]
        assert row[f"criterion:{criterion['id']}"] == expected


def test_a_published_lesson_counts_in_time_to_publish(client: TestClient, acme: People) -> None:
    published(client, acme)
    figures = client.get("/api/analytics", headers=acme[Role.ADMIN].headers).json()
    durations = figures["submit_to_publish"]
    assert durations["count"] == 1
    assert durations["median_hours"] == durations["p90_hours"] >= 0
    assert [w["approved"] for w in figures["approval"]] == [1]
