"""``storycoach llm serve``'s app: llama-cpp-python's server, set up for StoryCoach's calls.

The model is a stand-in (``fake_llama``): these tests check what reaches llama.cpp, not what
it decodes (the e2e test ``tests/e2e/test_llm_served.py`` does that with the real weights).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.errors import ConfigurationError
from service.llm.grammar import GRAMMAR_MAX_LENGTH
from service.llm.served import (
    ServedModel,
    build_server,
    model_settings,
    rewrite_chat_request,
    weight_specs,
)
from service.settings import Settings
from tests.llm.conftest import FakeLlama

SCHEMA = {
    "title": "Verdict",
    "type": "object",
    "properties": {
        "choice": {"enum": ["keep", "drop"]},
        "reason": {"type": "string", "maxLength": 1200},
    },
    "required": ["choice", "reason"],
}


def chat_request(schema: dict[str, Any] | None = SCHEMA, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": "qwen2.5-coder-1.5b-instruct",
        "messages": [{"role": "user", "content": "Keep or drop?"}],
        "max_tokens": 50,
        **extra,
    }
    if schema is not None:
        body["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": "Verdict", "schema": schema},
        }
    return body


def test_the_openai_json_schema_form_becomes_llama_cpps_capped_schema() -> None:
    sent = json.loads(rewrite_chat_request(json.dumps(chat_request()).encode()))
    assert sent["response_format"]["type"] == "json_object"
    schema = sent["response_format"]["schema"]
    assert schema["properties"]["choice"] == {"enum": ["keep", "drop"]}
    assert schema["properties"]["reason"]["maxLength"] == GRAMMAR_MAX_LENGTH
    assert sent["messages"] == chat_request()["messages"]


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        json.dumps(chat_request(schema=None)).encode(),
        json.dumps({**chat_request(schema=None), "response_format": {"type": "text"}}).encode(),
    ],
)
def test_requests_without_a_json_schema_pass_untouched(body: bytes) -> None:
    assert rewrite_chat_request(body) == body


def test_an_enum_llama_cpp_cannot_carry_is_refused() -> None:
    bad = {"type": "object", "properties": {"q": {"enum": ['say "hi"']}}}
    with pytest.raises(ValueError, match="double quote"):
        rewrite_chat_request(json.dumps(chat_request(schema=bad)).encode())


def test_packaged_models_are_named_with_or_without_a_provider() -> None:
    specs = weight_specs(
        [
            "openai/qwen2.5-coder-0.5b-instruct",
            "storycoach/qwen2.5-coder-1.5b-instruct",
            "qwen2.5-coder-0.5b-instruct",
        ]
    )
    assert [s.name for s in specs] == ["qwen2.5-coder-0.5b-instruct", "qwen2.5-coder-1.5b-instruct"]
    with pytest.raises(ConfigurationError, match="unknown embedded model 'openai/gpt-4o'"):
        weight_specs(["openai/gpt-4o"])


def test_the_model_loads_as_in_process_not_with_the_servers_defaults(
    settings: Settings, served_models: list[ServedModel]
) -> None:
    tuned = settings.model_copy(update={"llm_threads": 3, "llm_context": 2048})
    (loaded,) = model_settings(served_models, tuned)
    assert loaded.model == str(served_models[0].path)
    assert loaded.model_alias == "qwen2.5-coder-1.5b-instruct"
    assert (loaded.n_ctx, loaded.n_threads, loaded.n_threads_batch) == (2048, 3, 3)
    # The server's defaults keep every position's logits and lock the weights in memory.
    assert loaded.logits_all is False
    assert loaded.use_mlock is False


def test_a_schema_request_reaches_llama_cpp_as_its_grammar_form(
    settings: Settings, served_models: list[ServedModel], fake_llama: FakeLlama
) -> None:
    fake_llama.replies = ['{"choice": "keep", "reason": "it works"}']
    with TestClient(build_server(served_models, settings)) as client:
        response = client.post("/v1/chat/completions", json=chat_request())
    assert response.status_code == 200, response.text
    assert response.json()["choices"][0]["message"]["content"] == fake_llama_reply()
    (call,) = fake_llama.calls
    assert call["response_format"]["type"] == "json_object"
    assert call["response_format"]["schema"]["properties"]["choice"]["enum"] == ["keep", "drop"]
    assert call["response_format"]["schema"]["properties"]["reason"]["maxLength"] == 800
    assert call["max_tokens"] == 50


def fake_llama_reply() -> str:
    return '{"choice": "keep", "reason": "it works"}'


def test_a_bad_enum_is_answered_400_before_the_model(
    settings: Settings, served_models: list[ServedModel], fake_llama: FakeLlama
) -> None:
    bad = {"type": "object", "properties": {"q": {"enum": ["a\\b"]}}}
    with TestClient(build_server(served_models, settings)) as client:
        response = client.post("/v1/chat/completions", json=chat_request(schema=bad))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_schema"
    assert fake_llama.calls == []


def test_streams_are_not_cut_off_by_the_next_request(
    settings: Settings, served_models: list[ServedModel], fake_llama: FakeLlama
) -> None:
    from llama_cpp.server import app as server_app

    fake_llama.replies = ["Hello there"]
    with TestClient(build_server(served_models, settings)) as client:
        settings_used = next(server_app.get_server_settings())
        response = client.post("/v1/chat/completions", json=chat_request(None, stream=True))
    assert settings_used.interrupt_requests is False
    data = [line[6:] for line in response.text.splitlines() if line.startswith("data: ")]
    assert data[-1] == "[DONE]"
    text = "".join(json.loads(d)["choices"][0]["delta"].get("content") or "" for d in data[:-1])
    assert text == "Hello there"


def test_the_model_key_is_required_when_set(
    settings: Settings, served_models: list[ServedModel], fake_llama: FakeLlama
) -> None:
    keyed = settings.model_copy(update={"model_api_key": "s3cret"})
    with TestClient(build_server(served_models, keyed)) as client:
        refused = client.post("/v1/chat/completions", json=chat_request())
        allowed = client.post(
            "/v1/chat/completions",
            json=chat_request(),
            headers={"Authorization": "Bearer s3cret"},
        )
    assert refused.status_code == 401
    assert allowed.status_code == 200, allowed.text
    assert len(fake_llama.calls) == 1


def test_nothing_to_serve_is_a_configuration_error(settings: Settings) -> None:
    with pytest.raises(ConfigurationError):
        build_server([], settings)
