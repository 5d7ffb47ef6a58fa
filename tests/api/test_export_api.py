"""GET /api/lessons/{id}/export: roles, organisation scope, formats and bad input."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.knowledge import CorpusDocument, DocumentKind, FrontMatter, KnowledgeBase
from service.store import Database, LessonState, Role, get_lesson
from service.vocabulary import Language
from tests.helpers.api_steps import People, lesson_in_review, published
from tests.store.factories import LESSON_TEXT, Member


def export(client: TestClient, who: Member, lesson: int | str, **params: str) -> Any:
    return client.get(f"/api/lessons/{lesson}/export", params=params, headers=who.headers)


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_reviewers_and_admins_download_every_format(
    client: TestClient, acme: People, role: Role
) -> None:
    lesson = published(client, acme)
    scorm = export(client, acme[role], lesson["id"], format="scorm12")
    assert scorm.status_code == 200, scorm.text
    assert scorm.headers["content-type"] == "application/zip"
    disposition = scorm.headers["content-disposition"]
    assert disposition == f'attachment; filename="{lesson["corpus_id"]}.scorm12.zip"'
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(scorm.content)).namelist()
    cmi5 = export(client, acme[role], lesson["id"], format="cmi5")
    assert "cmi5.xml" in zipfile.ZipFile(io.BytesIO(cmi5.content)).namelist()
    markdown = export(client, acme[role], lesson["id"], format="markdown")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text == lesson["text"] + "\n"  # as stored


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER])
def test_members_and_leaders_may_not_export(client: TestClient, acme: People, role: Role) -> None:
    lesson = published(client, acme)
    refused = export(client, acme[role], lesson["id"], format="scorm12")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"


def test_an_unpublished_lesson_is_a_conflict(client: TestClient, acme: People) -> None:
    lesson = lesson_in_review(client, acme)
    refused = export(client, acme[Role.REVIEWER], lesson["id"], format="scorm12")
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "not_published" and error["field"] == "state"
    assert "in_review" in error["message"]


def test_another_organisation_s_lesson_is_not_found(
    client: TestClient, acme: People, globex: People, database: Database
) -> None:
    with database.transaction() as session:
        theirs = get_lesson(session, "globex", 1)
        theirs.state = LessonState.PUBLISHED  # as if published there
        theirs.corpus_id = "lesson-globex-secret-1"
    refused = export(client, acme[Role.REVIEWER], 1, format="markdown")
    assert refused.status_code == 404
    assert export(client, globex[Role.REVIEWER], 1, format="markdown").status_code == 200
    hidden = export(client, acme[Role.REVIEWER], "lesson-globex-secret-1", format="markdown")
    assert hidden.status_code == 404


@pytest.mark.parametrize("params", [{"format": "pdf"}, {}, {"format": ""}])
def test_a_bad_or_missing_format_names_the_field(
    client: TestClient, acme: People, params: dict[str, str]
) -> None:
    lesson = published(client, acme)
    refused = export(client, acme[Role.REVIEWER], lesson["id"], **params)
    assert refused.status_code == 422
    assert refused.json()["error"]["field"] == "format"


def test_a_bad_id_names_the_field(client: TestClient, acme: People) -> None:
    refused = export(client, acme[Role.REVIEWER], "Not An Id", format="markdown")
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "lesson"


def test_a_corpus_lesson_exports_by_its_id_and_a_story_does_not(
    client: TestClient, acme: People, loaded: KnowledgeBase
) -> None:
    meta = FrontMatter(
        id="lesson-call-back-today",
        kind=DocumentKind.LESSON,
        title="Call back today",
        language=Language.EN,
        values=("value-care",),
    )
    loaded.ingest("acme", [CorpusDocument(meta=meta, body=LESSON_TEXT)], remove_missing=False)
    scorm = export(client, acme[Role.REVIEWER], "lesson-call-back-today", format="scorm12")
    assert scorm.status_code == 200
    manifest = zipfile.ZipFile(io.BytesIO(scorm.content)).read("imsmanifest.xml").decode()
    assert "Call back today" in manifest
    story = export(client, acme[Role.REVIEWER], "story-late-bikes", format="scorm12")
    assert story.status_code == 404
    missing = export(client, acme[Role.REVIEWER], "lesson-nowhere", format="cmi5")
    assert missing.status_code == 404
