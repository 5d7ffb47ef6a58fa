"""The judge-model setting reaches the review queue, as it reaches ``storycoach eval score``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.coach import opening
from service.knowledge import KnowledgeBase
from service.quality import JudgeModel
from service.review.rubrics import review_rubrics
from service.settings import Settings
from service.store import Database, Role
from service.testing import FakeModel
from service.vocabulary import LessonKind
from tests.helpers.api_steps import lesson_in_review
from tests.quality.judge_replies import verdict
from tests.store.factories import Member

QUOTE = "A hot battery frightens people"
"""A passage of ``LESSON_TEXT``: evidence the judge's check finds in the lesson."""


def test_a_configured_judge_scores_the_judge_criteria_of_a_submitted_lesson(
    settings: Settings,
    loaded: KnowledgeBase,
    database: Database,
    acme: dict[Role, Member],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    judged = [c.id for c in review_rubrics()[LessonKind.LESSON].criteria if c.is_judged]
    judge_model = FakeModel(*[verdict(3, QUOTE)] * len(judged), name="judge-x")
    opened: list[str] = []

    def open_fake(settings: Settings, model: str) -> JudgeModel:
        opened.append(model)
        return judge_model

    monkeypatch.setattr(opening, "open_judge_model", open_fake)
    configured = settings.model_copy(update={"judge_model": "openai/judge-x"})
    # No judge argument: the app opens the one the settings name, as `storycoach serve` does.
    app = create_app(configured, loaded, model=FakeModel(), database=database)
    with TestClient(app) as client:
        lesson = lesson_in_review(client, acme)
        queue = client.get("/api/review/queue", headers=acme[Role.REVIEWER].headers).json()

    assert opened == ["openai/judge-x"]
    assert len(judge_model.calls) == len(judged) > 0
    (item,) = queue["data"]
    score = item["lesson"]["score"]
    assert item["lesson"]["id"] == lesson["id"] and score["judge_model"] == "judge-x"
    criteria = {c["id"]: c for c in score["criteria"]}
    for criterion_id in judged:
        assert criteria[criterion_id]["passed"] is True
        assert criteria[criterion_id]["evidence"] == QUOTE


def test_without_a_judge_setting_the_app_opens_no_judge(
    settings: Settings,
    loaded: KnowledgeBase,
    database: Database,
    acme: dict[Role, Member],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(settings: Settings, model: str) -> JudgeModel:
        raise AssertionError("no judge model is configured")

    monkeypatch.setattr(opening, "open_judge_model", refuse)
    app = create_app(settings, loaded, model=FakeModel(), database=database)
    with TestClient(app) as client:
        score = lesson_in_review(client, acme)["score"]
    assert score["judge_model"] is None
    assert any(c["passed"] is None for c in score["criteria"])  # judge criteria unscored
