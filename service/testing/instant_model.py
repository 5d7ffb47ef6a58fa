"""A model that answers at once with valid JSON for every step: the coach timed without a model.

Each answer fits the schema the step asks for and is built from the step's own fenced
material, so the coach's checks accept it and every job stays on its normal path. The benches
time StoryCoach itself with it (``bench.coach``, ``bench.load``); it records nothing, so a
long load run does not grow.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from service.knowledge.languages import words
from service.llm.completion import Completion, Messages

SENTENCE = "We answer every customer quickly and honestly, because waiting hurts them."


QUESTIONS = [
    "What would you do differently next time, and why?",
    "How did the customer feel while the complaint was waiting?",
    "Which habit of ours keeps customers waiting longest?",
    "What will you tell a new colleague about answering within a day?",
    "Where in your own week do complaints wait for no good reason?",
    "What did you notice the last time a customer thanked you?",
]


_FENCED = re.compile(r"<<<[A-Z_]+\n(.*?)\n>>>", re.S)
_CONCRETE = re.compile(r"\d|\s[A-Z][a-z]")


def _concrete_sentences(messages: Messages, count: int, turn: int, target: int) -> str:
    """First-person sentences with a detail, taken from the fenced material in the prompt.

    Steps refuse answers without a concrete detail or with names the material lacks; the
    material's own sentences pass, so the instant model stays on the jobs' normal path.
    """
    # The first fenced block is what the step is about (the story, the account): other
    # blocks (company values, earlier answers) may be in the other language.
    blocks = [f for m in messages for f in _FENCED.findall(m["content"])]
    fenced = blocks[0] if blocks else ""
    found = [
        s.strip()
        for s in re.split(r"(?<=[.!?])\s+|\n+", fenced)
        if _CONCRETE.search(s) and 6 <= len(s.split()) <= 30
    ]
    if not found:
        return SENTENCE
    start = turn % len(found)  # a different answer each step: repeats are refused
    text = "I remember this: " + " ".join((found * count)[start : start + count])
    tokens = text.split()
    # ``target`` words as the checks count them (not as str.split does).
    counts = (len(words(" ".join(tokens[:n]))) for n in range(1, len(tokens) + 1))
    end = next((n for n, total in enumerate(counts, 1) if total >= target), len(tokens))
    return " ".join(tokens[:end]).rstrip(",.;:") + "."


def _long_target(messages: Messages) -> int:
    """How many words a long field asks for: the middle of "between A and B words"."""
    asked = re.search(r"between (\d+) and (\d+) words", messages[-1]["content"])
    if asked is None:
        asked = re.search(r"between (\d+) and (\d+) words", messages[1]["content"])
    return (int(asked.group(1)) + int(asked.group(2))) // 2 if asked else 30


LONG_FIELDS = frozenset({"why", "practice", "meet", "next_step"})
"""Fields that ask for two or three sentences (40 words or more)."""


def _value(
    name: str,
    schema: dict[str, Any],
    defs: dict[str, Any],
    turn: int = 0,
    plain: str = SENTENCE,
    long: str = SENTENCE,
) -> Any:
    if "$ref" in schema:
        return _value(name, defs[schema["$ref"].split("/")[-1]], defs, turn, plain, long)
    if "pattern" in schema:  # an opening chosen by code: "^Why[ ,][^...]+$"
        opening = schema["pattern"].removeprefix("^").split("[ ,]", 1)[0]
        return f"{opening} {QUESTIONS[turn % len(QUESTIONS)].split(' ', 1)[1]}"
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if schema.get("type") == "array":
        count = max(3, schema.get("minItems", 0))
        items = schema.get("items", {})
        return [_value(name, items, defs, turn + i, plain, long) for i in range(count)]
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        return {k: _value(k, v, defs, turn, plain, long) for k, v in properties.items()}
    if "question" in name or name in ("reflection", "recall"):
        return QUESTIONS[turn % len(QUESTIONS)]
    if name == "title":
        return "Waiting is the complaint"
    if name in ("objective", "verb_phrase"):
        return "explain why we answer complaints within one working day"
    return plain if name not in LONG_FIELDS else long


class InstantModel:
    """Answers at once with JSON that fits the asked schema."""

    name = "instant"

    def __init__(self) -> None:
        self.turn = 0

    def complete(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
        seed: int | None = None,
    ) -> Completion:
        self.turn += 1  # a different answer each step: repeats are refused by the checks
        schema = schema or {}
        plain = _concrete_sentences(messages, 1, self.turn, 30)
        long = _concrete_sentences(messages, 8, self.turn, _long_target(messages))
        text = json.dumps(_value("", schema, schema.get("$defs", {}), self.turn, plain, long))
        return Completion(text=text, model=self.name, prompt_tokens=0, completion_tokens=0)

    def stream(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Iterator[str]:
        yield self.complete(messages, schema=schema).text
