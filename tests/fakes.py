"""Test doubles: a fake chat model here; the hashing embedder lives in ``service.testing``
(the benches use it too) and is re-exported, so unit tests never load a real model."""

from __future__ import annotations

from collections.abc import Iterator

from service.llm.completion import Completion
from service.testing import HashingEmbedder

__all__ = ["FakeModel", "HashingEmbedder"]


class FakeModel:
    """A chat model with queued replies that records every call (unit tests only).

    ``replies`` are returned in order; a callable reply gets the messages and returns text, so a
    test can answer by what was asked. ``writes_freely``: the model writes parts itself (as a
    model in ``Settings.free_writing_models`` does) instead of choosing the leader's words.
    """

    def __init__(
        self, *replies: object, name: str = "fake-model", writes_freely: bool = False
    ) -> None:
        self.name = name
        self.writes_freely = writes_freely
        self.replies = list(replies)
        self.calls: list[dict[str, object]] = []

    def _next(self, messages: list[dict[str, str]]) -> str:
        if not self.replies:
            raise AssertionError(f"FakeModel ran out of replies at call {len(self.calls)}")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return str(reply(messages) if callable(reply) else reply)

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, object] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Completion:
        self.calls.append({"messages": messages, "schema": schema, "max_tokens": max_tokens})
        text = self._next(messages)
        return Completion(
            text=text, model=self.name, prompt_tokens=10, completion_tokens=len(text.split())
        )

    def stream(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, object] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Iterator[str]:
        self.calls.append({"messages": messages, "schema": schema, "max_tokens": max_tokens})
        text = self._next(messages)
        for start in range(0, len(text), 3):  # small pieces, as a tokenizer would give
            yield text[start : start + 3]
