"""Every demo story's card, in English and in Dutch, as ``make run`` serves it: one A4 page,
in the story's language, with the story's own text (read back with poppler's tools)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.demo import seed_history
from service.knowledge import KnowledgeBase
from service.quality import Rubric
from service.settings import Settings
from service.store import Database, Role, list_stories
from service.store.seed import seed_demo
from service.vocabulary import Language, LessonKind
from service.words import load_words
from tests.cards.pdf_text import flat, page_count, pdf_text
from tests.demo.conftest import ORG, demo_corpus, lesson_rubrics  # noqa: F401 (fixtures)


@pytest.fixture
def admin_client(
    settings: Settings,
    database: Database,
    demo_corpus: KnowledgeBase,  # noqa: F811
    lesson_rubrics: dict[LessonKind, Rubric],  # noqa: F811
) -> Iterator[tuple[TestClient, str]]:
    with database.transaction() as session:
        keys = {issued.person.role: issued.key for issued in seed_demo(session, ORG)}
    seed_history(database, ORG, demo_corpus, lesson_rubrics)
    app = create_app(settings, demo_corpus, database=database)
    with TestClient(app) as client:
        yield client, keys[Role.ADMIN]


def test_every_demo_story_s_card_is_one_page_of_its_own_text(
    admin_client: tuple[TestClient, str], database: Database
) -> None:
    client, key = admin_client
    with database.transaction() as session:
        stories = [
            (s.id, s.title, s.core_message, s.text, s.language) for s in list_stories(session, ORG)
        ]
    assert len(stories) >= 6
    assert {language for *_, language in stories} == set(Language)
    for story_id, title, core_message, text, language in stories:
        response = client.get(
            f"/api/stories/{story_id}/card.pdf", headers={"Authorization": f"Bearer {key}"}
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/pdf"
        assert page_count(response.content) == 1, title
        printed = pdf_text(response.content)
        words = load_words("card", language)
        assert flat(title) in printed, title
        if core_message:
            assert flat(core_message) in printed, title
        for paragraph in text.split("\n\n"):  # the demo stories are plain paragraphs
            assert flat(paragraph) in printed, (title, paragraph[:40])
        assert words["try_this_week"] in printed, title
        assert flat(words["steps.discuss"]) in printed, title
