"""Four eyes over HTTP: nobody approves or publishes a text they wrote or edited, the edit is
scored again, and the refusal says why in the reviewer's language (API and page)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from service.review.four_eyes import Reason, refusal
from service.store import AuditAction, Database, Role
from service.store.models import Person
from service.vocabulary import Language
from tests.helpers.api_steps import lesson_in_review
from tests.helpers.wording import fixed_start, wording
from tests.store.factories import LESSON_TEXT, Member, add_person
from tests.web.conftest import sign_in

People = dict[Role, Member]
THIN = "# Battery calls\n\nCall back."
"""An edit that leaves out the lesson's sections: its rubric score must drop."""


def second_reviewer(database: Database, locale: Language = Language.EN) -> Member:
    with database.transaction() as session:
        member = add_person(session, "acme", "acme second reviewer", Role.REVIEWER)
        person = session.get(Person, member.id)
        assert person is not None
        person.locale = locale
        return member


def edit(client: TestClient, lesson: dict[str, Any], who: Member, text: str) -> dict[str, Any]:
    response = client.patch(
        f"/api/lessons/{lesson['id']}", json={"text": text}, headers=who.headers
    )
    assert response.status_code == 200, response.json()
    return dict(response.json())


def decide(client: TestClient, lesson: dict[str, Any], who: Member, decision: str) -> Any:
    url = f"/api/lessons/{lesson['id']}/decision"
    return client.post(url, json={"decision": decision, "comment": "why"}, headers=who.headers)


def test_an_edit_in_review_is_scored_again_on_the_edited_text(
    client: TestClient, acme: People
) -> None:
    lesson = lesson_in_review(client, acme)
    edited = edit(client, lesson, acme[Role.REVIEWER], THIN)
    assert edited["score"] != lesson["score"]
    assert edited["score"]["score"] < lesson["score"]["score"]
    # The same text submitted by its author scores the same: it is the edited text's score.
    again = client.post(
        "/api/lessons",
        json={"story_id": lesson["story_id"], "text": THIN},
        headers=acme[Role.LEADER].headers,
    ).json()
    resubmitted = client.post(
        f"/api/lessons/{again['id']}/submit", headers=acme[Role.LEADER].headers
    ).json()
    assert resubmitted["score"]["score"] == edited["score"]["score"]


def test_the_editor_may_not_approve_or_publish_another_reviewer_may(
    client: TestClient, acme: People, database: Database
) -> None:
    lesson = lesson_in_review(client, acme)
    editor, other = acme[Role.REVIEWER], second_reviewer(database)
    edit(client, lesson, editor, LESSON_TEXT + "\n3. Write it down.\n")

    refused = decide(client, lesson, editor, "approve")
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["code"] == "four_eyes" and error["field"] == "state"
    assert error["message"] == refusal(Reason.OWN_EDIT, AuditAction.APPROVE, Language.EN)
    assert error["message"].startswith(fixed_start("review", "four_eyes.own_edit"))

    assert decide(client, lesson, other, "approve").json()["state"] == "approved"
    publish = f"/api/lessons/{lesson['id']}/publish"
    refused = client.post(publish, headers=editor.headers)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "four_eyes"
    published = client.post(publish, headers=other.headers)
    assert published.status_code == 200 and published.json()["state"] == "published"


def test_the_editor_may_still_send_it_back(client: TestClient, acme: People) -> None:
    lesson = lesson_in_review(client, acme)
    edit(client, lesson, acme[Role.REVIEWER], THIN)
    sent_back = decide(client, lesson, acme[Role.REVIEWER], "request_changes")
    assert sent_back.status_code == 200 and sent_back.json()["state"] == "changes_requested"


def test_an_edit_before_the_resubmission_does_not_count(client: TestClient, acme: People) -> None:
    """The author took the reviewer's change back and resubmitted: the text is theirs again."""
    lesson = lesson_in_review(client, acme)
    reviewer, leader = acme[Role.REVIEWER], acme[Role.LEADER]
    edit(client, lesson, reviewer, THIN)
    assert decide(client, lesson, reviewer, "request_changes").status_code == 200
    edit(client, lesson, leader, LESSON_TEXT)
    assert client.post(f"/api/lessons/{lesson['id']}/submit", headers=leader.headers).is_success
    assert decide(client, lesson, reviewer, "approve").json()["state"] == "approved"


def test_an_admin_does_not_approve_their_own_lesson_and_is_told_so_in_dutch(
    client: TestClient, acme: People, database: Database
) -> None:
    admin = acme[Role.ADMIN]
    with database.transaction() as session:
        person = session.get(Person, admin.id)
        assert person is not None
        person.locale = Language.NL
    made = client.post(
        "/api/stories",
        json={"title": "Mijn verhaal", "text": "Een verhaal.", "language": "nl"},
        headers=admin.headers,
    ).json()
    lesson = client.post(
        "/api/lessons", json={"story_id": made["id"], "text": LESSON_TEXT}, headers=admin.headers
    ).json()
    assert client.post(f"/api/lessons/{lesson['id']}/submit", headers=admin.headers).is_success
    refused = decide(client, lesson, admin, "approve")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "four_eyes"
    message = refused.json()["error"]["message"]
    assert message == refusal(Reason.OWN_LESSON, AuditAction.APPROVE, Language.NL)
    assert message.startswith(fixed_start("review", "four_eyes.own_lesson", Language.NL))
    assert wording("review", "actions.approve", Language.NL) in message


def test_the_lesson_page_shows_why_a_button_is_disabled(
    client: TestClient, acme: People, database: Database
) -> None:
    lesson = lesson_in_review(client, acme)
    editor, other = acme[Role.REVIEWER], second_reviewer(database)
    edit(client, lesson, editor, LESSON_TEXT + "\n3. Write it down.\n")
    sign_in(client, editor)
    page = client.get(f"/lessons/{lesson['id']}?lang=nl").text
    assert 'value="approve" disabled data-held aria-describedby="approve-held-back"' in page
    reason = refusal(Reason.OWN_EDIT, AuditAction.APPROVE, Language.NL)
    assert f'id="approve-held-back">{reason}</p>' in page
    client.cookies.clear()
    sign_in(client, other)
    page = client.get(f"/lessons/{lesson['id']}?lang=en").text
    assert 'value="approve">' in page and "approve-held-back" not in page
