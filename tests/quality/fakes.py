"""A judge model with queued replies and a recorded history: tests never reach a real model."""

from __future__ import annotations

import json
from collections import deque
from typing import Any


class QueuedJudgeModel:
    """Answers each call with the next queued reply and records the messages it was sent."""

    def __init__(self, *replies: str, name: str = "fake-judge") -> None:
        self.name = name
        self.replies: deque[str] = deque(replies)
        self.history: list[list[dict[str, str]]] = []

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> str:
        self.history.append(messages)
        if not self.replies:
            raise AssertionError("the fake judge ran out of replies")
        return self.replies.popleft()


def verdict(score: int, evidence: str = "", reason: str = "because") -> str:
    return json.dumps({"score": score, "reason": reason, "evidence": evidence})
