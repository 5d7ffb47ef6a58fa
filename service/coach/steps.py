"""Small, checkable model steps: one short structured answer, validated, retried once.

With a small embedded model, code owns the structure and the model fills one field at a time
(DESIGN.md). Every step asks for JSON of one pydantic shape (decoding is constrained to its
schema), checks the answer with code, and on a problem asks once more with the problem named.
A second failure is a ``GenerationFailed`` naming the step; the caller's input is untouched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError, create_model

from service.errors import GenerationFailed
from service.prompting import RenderedPrompt

from .model import ChatModel

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
Check = Callable[[T], str | None]
"""Returns what is wrong with an answer, or ``None`` when it is fine."""


@dataclass
class StepLog:
    """What the steps of one job did, for the result's metadata."""

    prompts: list[str] = field(default_factory=list)
    calls: int = 0
    retries: int = 0
    completion_tokens: int = 0


TEMPERATURE = 0.0
"""Greedy decoding: a step's answer is reproducible, so a failure can be replayed and a test
that passed here passes in CI on the same machine. The retry varies the prompt, not chance."""


def starting_with(shape: type[T], field: str, opening: str) -> type[T]:
    """``shape`` whose string ``field`` must start with ``opening`` (then a space).

    The pattern goes into the JSON schema, so constrained decoding writes the opening and the
    model continues from it; pydantic checks it again for models that ignore patterns. No
    quote, backslash or newline may follow: the pattern becomes part of a JSON grammar.
    """
    literal = re.sub(r"([.^$*+?{}\[\]\\|()])", r"\\\1", opening)
    pattern = rf'^{literal}[ ,][^"\\\n]+$'
    current = shape.model_fields[field]
    limits: Any = (str, Field(max_length=_max_length(current.metadata), pattern=pattern))
    starting: type[T] = create_model(f"Opening{shape.__name__}", __base__=shape, **{field: limits})
    return starting


def _max_length(metadata: list[Any]) -> int | None:
    return next((m.max_length for m in metadata if hasattr(m, "max_length")), None)


def run_step(
    model: ChatModel,
    name: str,
    prompt: RenderedPrompt,
    shape: type[T],
    check: Check[T],
    log: StepLog,
    *,
    max_tokens: int = 200,
) -> T:
    """Ask for one ``shape``; retry once with the problem shown; then fail clearly."""
    messages = prompt.as_dicts()
    log.prompts.append(f"{prompt.id}@{prompt.version}")
    schema = shape.model_json_schema()
    problem = "no answer"
    for attempt in range(2):
        reply = model.complete(
            messages, schema=schema, max_tokens=max_tokens, temperature=TEMPERATURE
        )
        log.calls += 1
        log.completion_tokens += reply.completion_tokens
        log.retries += attempt
        answer, problem = _accept(reply.text, shape, check)
        if answer is not None:
            return answer
        messages = _ask_again(messages, reply.text, problem)
    raise GenerationFailed(name, problem)


def _accept(reply: str, shape: type[T], check: Check[T]) -> tuple[T | None, str]:
    """The parsed answer if it is valid and passes ``check``; else what is wrong."""
    try:
        answer = shape.model_validate_json(reply)
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] == "literal_error":  # the message would list every allowed value
            field = ".".join(str(part) for part in error["loc"])
            return None, f"{field} must be copied exactly from the given text"
        return None, f"not valid JSON of the asked shape: {error['msg']}"
    problem = check(answer)
    return (answer, "") if problem is None else (None, problem)


def _ask_again(messages: list[dict[str, str]], reply: str, problem: str) -> list[dict[str, str]]:
    return [
        *messages,
        {"role": "assistant", "content": reply},
        {"role": "user", "content": f"That answer has a problem: {problem}. Answer again."},
    ]


@dataclass(frozen=True)
class Delta:
    """A piece of text from a step as the model writes it; ``restart`` means the step's text
    so far was rejected and starts again (a retry)."""

    step: str
    text: str
    restart: bool = False


def assemble(deltas: Iterable[Delta]) -> str:
    """The text a stream of deltas shows: a ``restart`` replaces its step's latest part."""
    parts: list[list[str]] = []  # [step, text]
    for delta in deltas:
        if delta.restart:
            latest = next((p for p in reversed(parts) if p[0] == delta.step), None)
            if latest is not None:
                latest[1] = delta.text
                continue
        if parts and parts[-1][0] == delta.step:
            parts[-1][1] += delta.text
        else:
            parts.append([delta.step, delta.text])
    return "".join(text for _, text in parts)


class FieldStream:
    """The growing value of one string field in streamed JSON, e.g. ``{"title": "The da``.

    Decoding is constrained to the schema, so the field's opening quote arrives early and the
    value can be shown word by word while the model writes it.
    """

    def __init__(self, field: str) -> None:
        self._opening = re.compile(rf'"{re.escape(field)}"\s*:\s*"')
        self._buffer = ""
        self._sent = 0

    def feed(self, chunk: str) -> str:
        """The new text of the field's value that ``chunk`` completes."""
        self._buffer += chunk
        opening = self._opening.search(self._buffer)
        if opening is None:
            return ""
        raw = self._buffer[opening.end() :]
        end = 0
        while end < len(raw) and raw[end] != '"':
            end += 2 if raw[end] == "\\" else 1
        raw = raw[: min(end, len(raw))]
        if raw.endswith("\\") or re.search(r"\\u[0-9a-fA-F]{0,3}$", raw):
            raw = raw[: raw.rfind("\\")]  # an escape still being written
        try:
            value = json.loads(f'"{raw}"')
        except json.JSONDecodeError:
            return ""
        new = value[self._sent :]
        self._sent = len(value)
        return str(new)


def stream_step(
    model: ChatModel,
    name: str,
    prompt: RenderedPrompt,
    shape: type[T],
    check: Check[T],
    log: StepLog,
    *,
    field: str,
    max_tokens: int = 200,
) -> Generator[Delta, None, T]:
    """``run_step`` that yields the text of ``field`` as it is written; returns the answer."""
    messages = prompt.as_dicts()
    log.prompts.append(f"{prompt.id}@{prompt.version}")
    schema = shape.model_json_schema()
    problem = "no answer"
    for attempt in range(2):
        reader = FieldStream(field)
        pieces: list[str] = []
        restart = attempt > 0
        for chunk in model.stream(
            messages, schema=schema, max_tokens=max_tokens, temperature=TEMPERATURE
        ):
            pieces.append(chunk)
            if text := reader.feed(chunk):
                yield Delta(name, text, restart=restart)
                restart = False
        log.calls += 1
        log.retries += attempt
        log.completion_tokens += len(pieces)
        reply = "".join(pieces)
        answer, problem = _accept(reply, shape, check)
        if answer is not None:
            return answer
        messages = _ask_again(messages, reply, problem)
    raise GenerationFailed(name, problem)


def finish(events: Generator[Any, None, R]) -> R:
    """Run a streaming job to its end, dropping what it yields; returns its result."""
    while True:
        try:
            next(events)
        except StopIteration as done:
            result: R = done.value
            return result
