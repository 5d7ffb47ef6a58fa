"""The embedded model served apart: llama-cpp-python's OpenAI-compatible server, set up our way.

``storycoach llm serve`` runs this in its own process, so the web process no longer holds the
model, and several such servers can sit behind litellm's Router (``model_api_base``). The
engine is llama-cpp-python's own server (its ``server`` extra), the same llama.cpp build and
weights the in-process provider loads. Three things are set here that its defaults get wrong
for us:

- ``logits_all`` off and ``use_mlock`` off, as ``Llama()`` has them in process: the server's
  defaults keep every position's logits (gigabytes at our context) and pin the weights.
- ``interrupt_requests`` off: by default a stream is cut off as soon as another request
  waits, which would end one leader's reply whenever another's arrives.
- The OpenAI ``json_schema`` response format, which the server refuses (422), is rewritten
  into its own ``json_object`` + ``schema`` form, capped by ``grammar.py`` like in process, so
  callers (litellm's ``openai/`` provider, the OpenAI SDK) get grammar-constrained JSON.

This is the only module that imports ``llama_cpp.server``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import ConfigurationError
from service.settings import Settings

from .grammar import llama_response_format
from .native import without_extra_buffer_types
from .weights import EMBEDDED_MODELS, WeightSpec

if TYPE_CHECKING:
    from fastapi import FastAPI

CHAT_PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class ServedModel:
    """A GGUF file served under ``name`` (what callers put after ``openai/``)."""

    name: str
    path: Path


def weight_specs(models: list[str]) -> list[WeightSpec]:
    """The packaged models named ``name`` or ``<provider>/name``, in order, without repeats.

    Raises:
        ConfigurationError: a name is not one of the packaged models.
    """
    specs: list[WeightSpec] = []
    for model in models:
        spec = EMBEDDED_MODELS.get(model.rsplit("/", 1)[-1])
        if spec is None:
            known = ", ".join(EMBEDDED_MODELS)
            raise ConfigurationError(f"unknown embedded model '{model}' (known: {known})")
        if spec not in specs:
            specs.append(spec)
    return specs


def model_settings(models: list[ServedModel], settings: Settings) -> list[Any]:
    """llama-cpp-python's settings for each model; the first is loaded at start."""
    from llama_cpp.server.settings import ModelSettings

    return [
        ModelSettings(
            model=str(served.path),
            model_alias=served.name,
            n_ctx=settings.llm_context,
            n_threads=settings.llm_threads,
            n_threads_batch=settings.llm_threads,
            logits_all=False,
            use_mlock=False,
            verbose=False,
        )
        for served in models
    ]


def build_server(models: list[ServedModel], settings: Settings) -> FastAPI:
    """The OpenAI-compatible app for ``models``; loads the first model's weights now."""
    from llama_cpp.server.app import create_app
    from llama_cpp.server.settings import ServerSettings

    if not models:
        raise ConfigurationError("no model to serve")
    without_extra_buffer_types()
    server = ServerSettings(api_key=settings.model_api_key, interrupt_requests=False)
    app: FastAPI = create_app(
        server_settings=server, model_settings=model_settings(models, settings)
    )
    app.add_middleware(OpenAIResponseFormat)
    return app


class OpenAIResponseFormat:
    """ASGI middleware: a chat request's ``json_schema`` response format in llama.cpp's form.

    A schema llama.cpp's grammar cannot carry (an enum value with ``"`` or ``\\``, which
    crashed the process in the past) is answered 400 before it reaches the model.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != CHAT_PATH:
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        try:
            body = rewrite_chat_request(body)
        except ValueError as exc:
            await _refuse(send, str(exc))
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()  # a disconnect, for streams that watch for it
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": headers}, replay, send)


def rewrite_chat_request(body: bytes) -> bytes:
    """``body`` with its response format rewritten; a body that is not a JSON object with a
    ``json_schema`` response format comes back as it was (the server judges it).

    Raises:
        ValueError: the schema cannot be a llama.cpp grammar.
    """
    try:
        request = json.loads(body)
    except ValueError:
        return body
    if not isinstance(request, dict) or "response_format" not in request:
        return body
    rewritten = llama_response_format(request["response_format"])
    if rewritten is request["response_format"]:
        return body
    return json.dumps({**request, "response_format": rewritten}).encode()


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _refuse(send: Send, reason: str) -> None:
    payload = json.dumps(
        {"error": {"message": reason, "type": "invalid_request_error", "code": "bad_schema"}}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
