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
        seed: int | None = None,
    ) -> Completion:
        """One reply. ``seed`` fixes a sampled reply (``temperature`` above 0), so several
        candidates of one prompt differ from each other and the same run gives the same ones."""
        ...

    def stream(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Iterator[str]: ...
