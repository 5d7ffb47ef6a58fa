"""A stand-in for llama.cpp behind llama-cpp-python's server: no weights are loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest

from service.llm.served import ServedModel


def fake_llama_class() -> type:
    """A ``Llama`` whose chat handler is the fake: the server's calls still go through
    ``Llama.create_chat_completion`` itself (the streaming path calls it unbound), so a
    keyword llama-cpp-python does not take would fail here too."""
    from llama_cpp import Llama

    class FakeLlama(Llama):  # type: ignore[misc]
        def __init__(self) -> None:  # no weights, no context: nothing of Llama's own state
            self.replies: list[str] = []
            self.calls: list[dict[str, Any]] = []
            self.loaded: list[Any] = []
            self.chat_handler = self.handle
            self.chat_format = None
            self._chat_handlers = {}

        def handle(self, *, llama: Any, **kwargs: Any) -> Any:
            self.calls.append(kwargs)
            text = self.replies.pop(0) if self.replies else "{}"
            if kwargs.get("stream"):
                return self._chunks(text)
            return {
                "id": f"chatcmpl-{len(self.calls)}",
                "object": "chat.completion",
                "created": 0,
                "model": kwargs.get("model") or "fake",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "logprobs": None,
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10},
            }

        def _chunks(self, text: str) -> Iterator[dict[str, Any]]:
            for i, piece in enumerate([text[: len(text) // 2], text[len(text) // 2 :], None]):
                delta = {"content": piece} if piece is not None else {}
                yield {
                    "id": "chatcmpl-stream",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": "fake",
                    "choices": [
                        {
                            "index": 0,
                            "delta": delta,
                            "logprobs": None,
                            "finish_reason": "stop" if i == 2 else None,
                        }
                    ],
                }

        def close(self) -> None:
            pass

        def __del__(self) -> None:
            pass

    return FakeLlama


class FakeLlama(Protocol):
    replies: list[str]
    calls: list[dict[str, Any]]
    loaded: list[Any]


@pytest.fixture
def fake_llama(monkeypatch: pytest.MonkeyPatch) -> FakeLlama:
    """Every model the server "loads" is this fake; the settings it was loaded with are kept."""
    from llama_cpp.server.model import LlamaProxy

    fake: FakeLlama = fake_llama_class()()

    def load(settings: Any) -> Any:
        fake.loaded.append(settings)
        return fake

    monkeypatch.setattr(LlamaProxy, "load_llama_from_model_settings", staticmethod(load))
    return fake


@pytest.fixture
def served_models(tmp_path: Path) -> list[ServedModel]:
    path = tmp_path / "not-really.gguf"
    path.write_bytes(b"")
    return [ServedModel("qwen2.5-coder-1.5b-instruct", path)]
