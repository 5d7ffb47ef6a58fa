"""How the gateway's litellm Router is laid out: model servers, fallbacks, other models."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from service.llm.gateway import SERVED_WITHOUT_KEY, open_gateway
from service.settings import Settings

SERVED = "openai/qwen2.5-coder-1.5b-instruct"
BASES = ["http://10.0.0.5:8081/v1", "http://10.0.0.6:8081/v1"]


def routes(settings: Settings, model: str | None = None) -> list[dict[str, Any]]:
    gateway = open_gateway(settings, model)
    return [
        {"name": d["model_name"], **d["litellm_params"]}
        for d in gateway._router.registry().all()  # what the Router itself holds
    ]


def test_each_model_server_is_one_deployment_under_the_main_models_name() -> None:
    settings = Settings(model=SERVED, model_api_base=BASES, model_fallbacks=["ollama/llama3.1"])
    listed = routes(settings)
    main = [r for r in listed if r["name"] == "m0"]
    assert [(r["model"], r["api_base"]) for r in main] == [(SERVED, b) for b in BASES]
    assert {r["api_key"] for r in main} == {SERVED_WITHOUT_KEY}
    (fallback,) = [r for r in listed if r["name"] == "m1"]
    assert fallback["model"] == "ollama/llama3.1"
    assert "api_base" not in fallback  # a fallback keeps its provider's own address


def test_the_model_key_is_sent_to_every_server() -> None:
    settings = Settings(model=SERVED, model_api_base=BASES, model_api_key="s3cret")
    assert {r["api_key"] for r in routes(settings)} == {"s3cret"}


def test_without_servers_the_main_model_is_one_plain_deployment() -> None:
    (only,) = routes(Settings(model=SERVED))
    assert only["name"] == "m0" and only["model"] == SERVED
    assert "api_base" not in only and "api_key" not in only


def test_another_model_such_as_the_judges_does_not_go_to_the_model_servers() -> None:
    settings = Settings(model=SERVED, model_api_base=BASES)
    (judge,) = routes(settings, "openai/gpt-4o-mini")
    assert judge["model"] == "openai/gpt-4o-mini" and "api_base" not in judge
    assert len(routes(settings, SERVED)) == 2  # named explicitly, it is still the served one


def test_addresses_from_the_environment_are_a_json_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYCOACH_MODEL", SERVED)
    monkeypatch.setenv("STORYCOACH_MODEL_API_BASE", '["http://a:8081/v1/", " http://b:8081/v1"]')
    assert Settings().model_api_base == ["http://a:8081/v1", "http://b:8081/v1"]


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"model_api_base": ["a:8081"]}, "must be an http"),
        ({"model_api_base": ["http://a/v1", "http://a/v1/"]}, "twice"),
        (
            {"model": "storycoach/qwen2.5-coder-1.5b-instruct", "model_api_base": ["http://a/v1"]},
            "needs a served model",
        ),
    ],
)
def test_nonsense_server_settings_fail_at_start(update: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(**{"model": SERVED, **update})
