"""The OpenAI-compatible routes, driven by the official ``openai`` client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import openai
import pytest
from fastapi.testclient import TestClient
from openai.types.chat import ChatCompletionMessageParam
from sqlalchemy import update

from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Person, Role
from service.vocabulary import Language
from tests.api.chat_client import chat_client
from tests.chat.models import QUESTIONS, coach_model
from tests.factories import ACCOUNT
from tests.helpers.coach_replies import STORY_TITLE
from tests.helpers.wording import wording
from tests.store.factories import Member

People = dict[Role, Member]
PRIORITY = "We answer every customer complaint within one working day."


@pytest.fixture
def http(
    settings: Settings, loaded: KnowledgeBase, database: Database, acme: People
) -> Iterator[TestClient]:
    with chat_client(settings, loaded, database, coach_model()) as client:
        yield client


def coach(http: TestClient, member: Member | None, key: str | None = None) -> openai.OpenAI:
    api_key = key or (member.key if member else "")
    return openai.OpenAI(
        base_url="http://testserver/v1",
        api_key=api_key,
        # TestClient is an httpx.Client over the app; this openai release types it as httpx2's.
        http_client=cast(Any, http),
        max_retries=0,
    )


def test_models_lists_the_coach(http: TestClient, acme: People) -> None:
    assert [m.id for m in coach(http, acme[Role.LEADER]).models.list()] == ["storycoach"]


def test_the_priority_gets_the_interview_then_an_answer_gets_a_draft(
    http: TestClient, acme: People
) -> None:
    client = coach(http, acme[Role.LEADER])
    chat: list[ChatCompletionMessageParam] = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": PRIORITY},
    ]
    first = client.chat.completions.create(model="storycoach", messages=chat)
    questions = first.choices[0].message.content or ""
    assert first.object == "chat.completion" and first.choices[0].finish_reason == "stop"
    assert QUESTIONS[1] in questions
    chat += [{"role": "assistant", "content": questions}, {"role": "user", "content": ACCOUNT}]
    second = client.chat.completions.create(model="storycoach", messages=chat)
    draft = second.choices[0].message.content or ""
    assert draft.startswith(f"# {STORY_TITLE}")
    assert "I asked the team to work two weekends" in draft
    cited = second.model_extra["citations"]  # type: ignore[index]
    assert cited and cited[0]["id"].startswith("value-")
    assert f"- [{cited[0]['id']}] {cited[0]['title']}" in draft  # listed at the end


def test_streaming_sends_chunks_ending_with_the_whole_draft(http: TestClient, acme: People) -> None:
    client = coach(http, acme[Role.LEADER])
    chat: list[ChatCompletionMessageParam] = [
        {"role": "user", "content": PRIORITY},
        {"role": "assistant", "content": "1. Where were you?"},
        {"role": "user", "content": [{"type": "text", "text": ACCOUNT}]},
    ]
    stream = client.chat.completions.create(model="storycoach", messages=chat, stream=True)
    chunks = list(stream)
    assert len(chunks) > 10 and all(c.object == "chat.completion.chunk" for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text.startswith(f"# {STORY_TITLE}")
    assert "I asked the team to work two weekends" in text
    thinking = "".join(
        (c.choices[0].delta.model_extra or {}).get("reasoning_content", "") for c in chunks
    )
    assert STORY_TITLE in thinking  # the parts as the model wrote them
    raw = http.post(
        "/v1/chat/completions",
        json={"model": "storycoach", "messages": chat, "stream": True},
        headers=acme[Role.LEADER].headers,
    )
    assert raw.text.rstrip().endswith("data: [DONE]")


def test_a_bad_key_is_401_in_openais_shape(http: TestClient, acme: People) -> None:
    with pytest.raises(openai.AuthenticationError) as refused:
        coach(http, None, key="sc_not-a-real-key").models.list()
    assert refused.value.status_code == 401
    body = refused.value.body
    assert isinstance(body, dict) and body["code"] == "invalid_api_key"
    assert set(body) == {"message", "type", "param", "code"}


def test_an_unknown_model_is_404(http: TestClient, acme: People) -> None:
    with pytest.raises(openai.NotFoundError) as missing:
        coach(http, acme[Role.LEADER]).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": PRIORITY}]
        )
    assert missing.value.code == "model_not_found"


@pytest.mark.parametrize(
    ("messages", "param"),
    [
        ([], "messages"),
        ([{"role": "assistant", "content": "Hello"}], "messages"),
        ([{"role": "user", "content": "  "}], "messages.0.content"),
        ([{"role": "user", "content": "priority-not-in-corpus"}], "messages.0.content"),
        (
            [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}],
            "messages.0.content",
        ),
        (
            [{"role": "user", "content": PRIORITY}, {"role": "assistant", "content": "1."}],
            "messages",
        ),
        (
            [{"role": "user", "content": PRIORITY}, {"role": "tool", "content": "x"}],
            "messages.1.role",
        ),
    ],
)
def test_bad_messages_are_400_naming_the_param(
    http: TestClient, acme: People, messages: list[ChatCompletionMessageParam], param: str
) -> None:
    with pytest.raises(openai.BadRequestError) as bad:
        coach(http, acme[Role.LEADER]).chat.completions.create(
            model="storycoach", messages=messages
        )
    assert bad.value.status_code == 400 and bad.value.param == param


def test_members_cannot_chat(http: TestClient, acme: People) -> None:
    with pytest.raises(openai.PermissionDeniedError):
        coach(http, acme[Role.MEMBER]).chat.completions.create(
            model="storycoach", messages=[{"role": "user", "content": PRIORITY}]
        )


def test_a_bad_priority_is_refused_in_the_leaders_language(
    http: TestClient, acme: People, database: Database
) -> None:
    leader = acme[Role.LEADER]
    with database.transaction() as session:
        session.execute(update(Person).where(Person.id == leader.id).values(locale=Language.NL))
    with pytest.raises(openai.BadRequestError) as bad:
        coach(http, leader).chat.completions.create(
            model="storycoach", messages=[{"role": "user", "content": "priority-not-in-corpus"}]
        )
    said = wording("invalid", "no_such_document", Language.NL).format(id="priority-not-in-corpus")
    assert bad.value.param == "messages.0.content"
    assert said in str(bad.value)
