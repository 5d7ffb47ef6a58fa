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
