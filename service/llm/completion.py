"""Plain result types of a model call, free of any SDK import."""

from __future__ import annotations

from dataclasses import dataclass

Messages = list[dict[str, str]]


@dataclass(frozen=True)
class Completion:
    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int
