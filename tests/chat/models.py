"""A fake coach model that answers each step by what its prompt asks (unit tests only)."""

from __future__ import annotations

import json
import re

from service.coach.interview import beat_words
from service.coach.structures import Beat
from service.testing import FakeModel
from service.vocabulary import Language
from tests.choices import choose

QUESTIONS = [
    "Where were you, and who was involved, when this last really mattered?",
    "What went wrong, and what was your own part in it?",
    "What did you do next, and what made you choose that?",
    "What is different now, and how can you tell?",
    "Why should your team hear this story now?",
]
ANSWERS = {
    "title": "I asked the team to work two weekends",
    "core_message": "Answer the customer whose bike is off the road first.",
    "call_to_action": "Put the bikes off the road first in your queue every morning.",
}
WHY = "We answer fast because waiting hurts."
CHOSEN = {"title": "four days", "lesson": "I learned", "does now": "huddle"}
"""What the fake coach chooses for each of the story's parts (a phrase of the option); the
title is ``tests.helpers.coach_replies.STORY_TITLE``."""


def _choosing(prompt: str) -> str:
    return next((part for part in ("title", "lesson", "does now") if part in prompt), "")


def coach_reply(messages: list[dict[str, str]]) -> str:
    prompt = messages[-1]["content"]
    if '"question"' in prompt:
        beat = next(i for i, b in enumerate(Beat) if beat_words(b, Language.EN).focus in prompt)
        return json.dumps({"question": QUESTIONS[beat]})
    if '"choice"' in prompt:
        return choose(CHOSEN.get(_choosing(prompt), ""))(messages)
    if '"value_id"' in prompt:
        value = re.findall(r"^(value-[a-z0-9-]+):", prompt, re.M)[0]
        return json.dumps({"value_id": value, "why": WHY})
    field = re.search(r'Reply as \{"([a-z_]+)"', prompt)
    assert field is not None, prompt[-300:]
    return json.dumps({field.group(1): ANSWERS[field.group(1)]})


def coach_model() -> FakeModel:
    """Answers every step by what its prompt asks, however many steps the coach takes."""
    return FakeModel(answer=coach_reply)
