"""Errors do not leak (issue 11, point 7): a model failure or any unexpected error answers
with fixed plain words in the caller's language and a stable code, in JSON, in the chat's
SSE stream and on ``/v1`` (streaming or not); the exception's text, which may hold a
provider's message with a key in it, goes to the server log and nowhere else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from service.app import create_app
from service.errors import ModelUnavailable, PromptError, StoryCoachError
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Person, Role
from service.testing import FakeModel
from service.vocabulary import Language
from service.words import load_words
from tests.api.chat_client import sse_events
from tests.chat.models import coach_model
from tests.factories import ACCOUNT
from tests.store.factories import Member

People = dict[Role, Member]
SECRET = "sk-proj-4f9Qx7LEAKED0123456789abcdef"
PRIORITY = "We answer every customer complaint within one working day."
FAILURES: dict[str, tuple[Exception, str]] = {
    "provider": (
        ModelUnavailable("openai/gpt-4o", f"AuthenticationError: Incorrect API key: {SECRET}"),
        "model_unavailable",
    ),
    "domain": (StoryCoachError(f"cannot open /srv/storycoach/{SECRET}.db"), "error"),
    "prompt": (PromptError(f"template broke near token={SECRET}"), "error"),
    "bug": (RuntimeError(f"connect('postgres://app:{SECRET}@db')"), "internal_error"),
}


@pytest.fixture
def model() -> FakeModel:
    return coach_model()


@pytest.fixture
def http(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People, model: FakeModel
) -> Iterator[TestClient]:
    app = create_app(settings, loaded, model=model, database=database)
    with TestClient(app, raise_server_exceptions=False) as client:  # a bug is a 500, as served
        yield client


def fixed_words(code: str, language: Language) -> str:
    key = {"model_unavailable": "model_unavailable"}.get(code, "unexpected")
    return load_words("errors", language)[key]


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_no_channel_answers_with_the_exceptions_text(
    http: TestClient,
    acme: People,
    model: FakeModel,
    failure: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    exc, code = FAILURES[failure]
    leader = acme[Role.LEADER].headers
    answers: dict[str, str] = {}

    model.replies[:] = [exc]
    json_route = http.post("/api/conversations", json={"priority": PRIORITY}, headers=leader)
    assert json_route.json()["error"]["code"] == code
    assert json_route.json()["error"]["message"] == fixed_words(code, Language.EN)
    answers["JSON"] = json_route.text

    model.replies[:] = []
    chat = http.post("/api/conversations", json={"priority": PRIORITY}, headers=leader).json()
    model.replies[:] = [exc]
    stream = http.post(
        f"/api/conversations/{chat['id']}/messages", json={"content": ACCOUNT}, headers=leader
    )
    name, error = sse_events(stream.text)[-1]
    assert name == "error" and error["code"] == code and error["detail"] is None
    answers["SSE"] = stream.text

    body = {"model": "storycoach", "messages": [{"role": "user", "content": PRIORITY}]}
    model.replies[:] = [exc]
    v1 = http.post("/v1/chat/completions", json=body, headers=leader)
    assert v1.status_code >= 500 and v1.json()["error"]["code"] == code
    answers["/v1"] = v1.text
    model.replies[:] = [exc]
    v1_stream = http.post("/v1/chat/completions", json={**body, "stream": True}, headers=leader)
    _, in_band = sse_events(v1_stream.text)[-1]  # the stream had begun: reported in-band
    assert in_band["error"]["code"] == code and in_band["error"]["type"] == "api_error"
    answers["/v1 stream"] = v1_stream.text

    for channel, text in answers.items():
        assert SECRET not in text, channel
        assert str(exc) not in text, channel
    assert SECRET in caplog.text  # the server log keeps what happened


def test_the_fixed_words_are_in_the_callers_language(
    http: TestClient, acme: People, model: FakeModel, database: Database
) -> None:
    leader = acme[Role.LEADER]
    with database.transaction() as session:
        session.execute(update(Person).where(Person.id == leader.id).values(locale=Language.NL))
    model.replies[:] = [FAILURES["provider"][0]]
    response = http.post("/api/conversations", json={"priority": PRIORITY}, headers=leader.headers)
    assert response.status_code == 503
    assert response.json()["error"]["message"] == fixed_words("model_unavailable", Language.NL)
    assert SECRET not in response.text
