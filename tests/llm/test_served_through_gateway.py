"""The gateway reaching ``storycoach llm serve`` apps over HTTP, as a web process would.

Two servers run in this process (one event loop, two ports) around a stand-in model; calls go
gateway → litellm's Router (``openai/`` provider) → HTTP → the served app → ``Llama``. What
decoding makes of the grammar is the e2e test's part (``tests/e2e/test_llm_served.py``).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from service.llm.gateway import open_gateway
from service.llm.served import ServedModel, build_server
from service.settings import Settings
from tests.helpers.processes import free_port
from tests.llm.conftest import FakeLlama

SCHEMA = {
    "title": "Choice",
    "type": "object",
    "properties": {"pick": {"enum": ["first", "second"]}, "why": {"type": "string"}},
    "required": ["pick", "why"],
}
REPLY = '{"pick": "second", "why": "it is shorter"}'
MESSAGES = [{"role": "user", "content": "Which one?"}]


@dataclass
class Counted:
    """An app that counts the chat requests it receives (both servers share the fake)."""

    app: ASGIApp
    chats: int = 0
    paths: list[str] = field(default_factory=list)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/v1/chat/completions":
            self.chats += 1
        await self.app(scope, receive, send)


@pytest.fixture
def two_servers(
    settings: Settings, served_models: list[ServedModel], fake_llama: FakeLlama
) -> Iterator[tuple[list[str], list[Counted]]]:
    apps = [Counted(build_server(served_models, settings)) for _ in range(2)]
    servers = [
        uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
        for app in apps
    ]

    async def serve_all() -> None:
        await asyncio.gather(*(server.serve() for server in servers))

    thread = threading.Thread(target=asyncio.run, args=(serve_all(),), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not all(server.started for server in servers):
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the model servers did not start")
        time.sleep(0.05)
    try:
        yield [f"http://127.0.0.1:{s.config.port}/v1" for s in servers], apps
    finally:
        for server in servers:
            server.should_exit = True
        thread.join(timeout=20)


def served_settings(settings: Settings, bases: list[str]) -> Settings:
    return Settings(
        data_dir=settings.data_dir,
        model="openai/qwen2.5-coder-1.5b-instruct",
        model_api_base=bases,
        model_timeout=20,
    )


def test_a_schema_constrained_call_arrives_as_llama_cpps_grammar_request(
    settings: Settings, two_servers: tuple[list[str], list[Counted]], fake_llama: FakeLlama
) -> None:
    bases, _ = two_servers
    fake_llama.replies = [REPLY]
    gateway = open_gateway(served_settings(settings, bases))
    assert json.loads(gateway.complete_json(MESSAGES, SCHEMA)) == json.loads(REPLY)
    (call,) = fake_llama.calls
    assert call["response_format"] == {"type": "json_object", "schema": SCHEMA}
    assert call["temperature"] == 0.0
    assert call["messages"] == MESSAGES


def test_calls_are_spread_over_every_server(
    settings: Settings, two_servers: tuple[list[str], list[Counted]], fake_llama: FakeLlama
) -> None:
    bases, apps = two_servers
    fake_llama.replies = [REPLY] * 16
    gateway = open_gateway(served_settings(settings, bases))
    for _ in range(16):
        gateway.complete(MESSAGES, schema=SCHEMA)
    # litellm's default routing picks a deployment at random: all 16 on one server has a
    # chance of 2 in 65,536.
    assert sum(app.chats for app in apps) == 16
    assert all(app.chats > 0 for app in apps), [app.chats for app in apps]


def test_replies_stream_through_the_server(
    settings: Settings, two_servers: tuple[list[str], list[Counted]], fake_llama: FakeLlama
) -> None:
    bases, _ = two_servers
    fake_llama.replies = ["Tell me more about that day.", "And then?"]
    gateway = open_gateway(served_settings(settings, bases))
    assert "".join(gateway.stream(MESSAGES)) == "Tell me more about that day."

    async def streamed() -> str:
        return "".join([delta async for delta in gateway.astream(MESSAGES)])

    assert asyncio.run(streamed()) == "And then?"
    assert all(call["stream"] for call in fake_llama.calls)
