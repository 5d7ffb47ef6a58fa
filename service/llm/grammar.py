"""JSON schemas made safe for llama.cpp's grammar, and the OpenAI form turned into its own.

Free of litellm and llama.cpp imports: the in-process provider (``embedded.py``) and the
model server (``served.py``) both send schemas through here, so a schema that would crash
llama.cpp is refused, or capped, the same way whichever path it takes.
"""

from __future__ import annotations

from typing import Any

GRAMMAR_MAX_LENGTH = 800
"""Longest string limit passed to llama.cpp's grammar (measured to work; 1200 did not)."""


def grammar_safe(text: str) -> bool:
    """Whether ``text`` can be an enum value in a llama.cpp grammar (no ``"`` or ``\\``)."""
    return '"' not in text and "\\" not in text


def grammar_schema(schema: Any) -> Any:
    """``schema`` with string length limits capped for llama.cpp's grammar.

    llama.cpp writes ``maxLength: 1200`` as 1200 nested optional rules; its grammar parser
    refuses that ("exceeds sane defaults") and the process then crashed (SIGSEGV, measured
    2026-11-28). Dropping the limit altogether let answers run on until ``max_tokens`` cut
    the JSON off, so long limits are capped instead: the grammar is stricter than the caller's
    pydantic model, which still checks every length after decoding.
    """
    if isinstance(schema, dict):
        unsafe = [v for v in schema.get("enum", []) if isinstance(v, str) and not grammar_safe(v)]
        if unsafe:
            # llama-cpp-python escapes these wrongly; the grammar fails to parse and the
            # process crashed (SIGSEGV, measured 2026-11-29). Refuse before it gets there.
            raise ValueError(f"an enum value holds a double quote or backslash: {unsafe[0]!r}")
        capped = {k: grammar_schema(v) for k, v in schema.items()}
        if isinstance(capped.get("maxLength"), int):
            capped["maxLength"] = min(capped["maxLength"], GRAMMAR_MAX_LENGTH)
        return capped
    if isinstance(schema, list):
        return [grammar_schema(v) for v in schema]
    return schema


def llama_response_format(response_format: Any) -> Any:
    """An OpenAI ``response_format`` in the form llama-cpp-python enforces.

    llama-cpp-python reads ``{"type": "json_object", "schema": ...}``; the OpenAI
    ``json_schema`` form is silently ignored in process (decoding left unconstrained) and
    refused with 422 by its server. Other forms pass unchanged.

    Raises:
        ValueError: the schema holds an enum value llama.cpp's grammar cannot carry.
    """
    if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
        schema = (response_format.get("json_schema") or {}).get("schema", {})
        return {"type": "json_object", "schema": grammar_schema(schema)}
    return response_format
