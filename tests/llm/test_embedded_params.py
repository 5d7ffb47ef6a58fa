from __future__ import annotations

from service.llm.embedded import llama_params


def test_openai_json_schema_becomes_llama_cpp_schema() -> None:
    schema = {"type": "object", "properties": {"q": {"type": "string"}}}
    params = llama_params(
        {
            "max_tokens": 50,
            "temperature": 0.1,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "Q", "schema": schema},
            },
            "stream_options": {"include_usage": True},
            "user": "someone",
        }
    )
    assert params == {
        "max_tokens": 50,
        "temperature": 0.1,
        "response_format": {"type": "json_object", "schema": schema},
    }


def test_max_completion_tokens_is_honoured() -> None:
    assert llama_params({"max_completion_tokens": 9}) == {"max_tokens": 9}
    assert llama_params(None) == {}


def test_long_string_limits_are_capped_for_the_grammar() -> None:
    from pydantic import BaseModel, Field

    class Draft(BaseModel):
        quote: str = Field(max_length=1200)
        title: str = Field(max_length=100)
        items: list[str] = Field(min_length=1)

    schema = Draft.model_json_schema()
    params = llama_params(
        {"response_format": {"type": "json_schema", "json_schema": {"schema": schema}}}
    )
    sent = params["response_format"]["schema"]
    assert sent["properties"]["quote"]["maxLength"] == 800
    assert sent["properties"]["title"]["maxLength"] == 100
    assert sent["properties"]["items"]["minItems"] == 1  # array limits stay: they are small
    assert schema["properties"]["quote"]["maxLength"] == 1200  # the caller's schema is kept


def test_a_sampled_candidates_seed_reaches_llama_cpp() -> None:
    from service.llm.gateway import _params

    assert _params(None, 80, 0.7, 3) == {"max_tokens": 80, "temperature": 0.7, "seed": 3}
    assert "seed" not in _params(None, 80, 0.0)
    assert llama_params(_params(None, 80, 0.7, 3))["seed"] == 3
