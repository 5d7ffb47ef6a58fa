"""What the coach needs from a model. ``service.llm.ModelGateway`` provides it; tests fake it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from service.llm.completion import Completion, Messages


class ChatModel(Protocol):
    name: str

    def complete(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Completion: ...

    def stream(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Iterator[str]: ...
