"""One error table: the exception handlers and ``describe_error`` (SSE, ``/v1``) agree."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.chat import NoDraft, NothingToAnswer
from service.errors import (
    CorpusNotFound,
    DatabaseBusy,
    EmptyOrganisation,
    GenerationFailed,
    InvalidInput,
    ModelUnavailable,
    NotFound,
    NotPublished,
    StoryCoachError,
    StoryRetired,
)
from service.http.attempts import TooManyFailedSignIns
from service.http.auth import CrossSiteRequest, CsrfFailed, NotAuthenticated
from service.http.errors import ERRORS, describe_error, error_body, install_error_handlers
from service.http.model_queue import QueueFull
from service.review.four_eyes import FourEyes, Reason
from service.review.states import InvalidTransition
from service.store import AuditAction, LessonState
from service.store.access import NotAllowed
from service.vocabulary import Language

SAMPLES: dict[str, Exception] = {
    "invalid_input": InvalidInput("title", "must not be empty"),
    "not_found": NotFound("story", "7"),
    "corpus_not_found": CorpusNotFound("/nowhere"),
    "empty_organisation": EmptyOrganisation("acme"),
    "invalid_transition": InvalidTransition(LessonState.PUBLISHED, AuditAction.SUBMIT),
    "not_published": NotPublished("lesson", "7", "approved"),
    "story_retired": StoryRetired(7),
    "no_draft": NoDraft(3),
    "nothing_to_answer": NothingToAnswer(3),
    "not_authenticated": NotAuthenticated("invalid_key", "the API key is unknown or revoked"),
    "not_allowed": NotAllowed("this needs the role reviewer"),
    "four_eyes": FourEyes(Reason.OWN_EDIT, AuditAction.APPROVE, Language.EN),
    "csrf_failed": CsrfFailed("missing or stale CSRF token"),
    "cross_site": CrossSiteRequest("https://evil.example"),
    "too_many_failed_sign_ins": TooManyFailedSignIns(8),
    "model_unavailable": ModelUnavailable("tiny", "timed out"),
    "database_busy": DatabaseBusy("database is locked"),
    "generation_failed": GenerationFailed("draft", "every candidate was empty"),
    "model_busy": QueueFull("the coach is busy; try again in about 2 min", 90),
    "other_domain_error": StoryCoachError("a broken prompt"),
    "unexpected": RuntimeError("a bug"),
}


def raising_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/raise/{name}")
    def raise_sample(name: str) -> None:
        raise SAMPLES[name]

    return app


def test_every_row_of_the_table_has_a_sample() -> None:
    sampled = {type(exc) for exc in SAMPLES.values()}
    assert set(ERRORS) <= sampled


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_handler_answers_exactly_what_describe_error_says(name: str) -> None:
    http = TestClient(raising_app(), raise_server_exceptions=False)
    response = http.get(f"/raise/{name}")
    info = describe_error(SAMPLES[name])
    assert response.status_code == info.status
    assert response.json() == error_body(info.code, info.message, info.field, info.detail)
    for header, value in (info.headers or {}).items():
        assert response.headers[header] == value


@pytest.mark.parametrize(
    ("name", "status", "code", "field"),
    [
        ("invalid_input", 422, "invalid_input", "title"),
        ("corpus_not_found", 404, "not_found", None),
        ("invalid_transition", 409, "invalid_transition", "state"),
        ("model_busy", 429, "model_busy", None),
        ("not_published", 409, "not_published", "state"),
        ("no_draft", 409, "no_draft", "conversation"),
        ("not_allowed", 403, "forbidden", None),
        ("four_eyes", 403, "four_eyes", "state"),
        ("not_authenticated", 401, "invalid_key", None),
        ("csrf_failed", 403, "csrf_failed", "csrf_token"),
        ("cross_site", 403, "csrf_failed", "origin"),
        ("too_many_failed_sign_ins", 429, "too_many_failed_sign_ins", None),
        ("model_unavailable", 503, "model_unavailable", None),
        ("database_busy", 503, "database_busy", None),
        ("other_domain_error", 500, "error", None),
        ("unexpected", 500, "internal_error", None),
    ],
)
def test_streams_describe_errors_as_the_handlers_answer_them(
    name: str, status: int, code: str, field: str | None
) -> None:
    info = describe_error(SAMPLES[name])
    assert (info.status, info.code, info.field) == (status, code, field)


def test_plain_words_hide_the_technical_reason_and_detail_names_only_the_step() -> None:
    info = describe_error(SAMPLES["generation_failed"])
    assert "draft" not in info.message and "candidate" not in info.message
    assert info.detail == "draft"
    for name in ("model_unavailable", "other_domain_error", "unexpected"):
        told = describe_error(SAMPLES[name])
        assert told.detail is None and str(SAMPLES[name]) not in told.message
    assert describe_error(SAMPLES["not_allowed"]).message == "this needs the role reviewer"


@pytest.mark.parametrize("name", ["model_unavailable", "other_domain_error", "unexpected"])
def test_fixed_words_follow_the_callers_language(name: str) -> None:
    http = TestClient(raising_app(), raise_server_exceptions=False)
    english = http.get(f"/raise/{name}").json()["error"]["message"]
    dutch = http.get(f"/raise/{name}", headers={"Accept-Language": "nl-NL,nl;q=0.9"})
    assert dutch.json()["error"]["message"] == describe_error(SAMPLES[name], Language.NL).message
    assert dutch.json()["error"]["message"] != english
    assert dutch.json()["error"]["code"] == describe_error(SAMPLES[name]).code


def test_a_429_says_when_to_try_again() -> None:
    http = TestClient(raising_app(), raise_server_exceptions=False)
    response = http.get("/raise/too_many_failed_sign_ins")
    assert response.status_code == 429 and response.headers["retry-after"] == "8"
    assert "8" in response.json()["error"]["message"]
