"""Small, checkable model steps: one short structured answer, validated, tried again cheaply.

With a small embedded model, code owns the structure and the model fills one field at a time
(docs/design.md). Every step asks for JSON of one pydantic shape (decoding is constrained to its
schema) and checks the answer with code. A rejected answer is followed by further candidates,
each the original prompt plus the rejected answer and the problem named: the prompt's prefix
is the same for every candidate, so llama.cpp reuses its KV cache and a candidate costs its
decoding, not a re-reading of the story. Decoding stays greedy, so a step is reproducible;
the variety comes from the reminder. ``attempt_step`` returns ``None`` when no candidate
passes, so a job can fall back to something code composes honestly (``parts.Origin``);
``run_step`` is for steps with no fallback and raises ``GenerationFailed`` naming the step.
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
from service.vocabulary import Language
from service.words import load_words

from ..model import ChatModel
from .parts import MissingPart, missing_text

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
    prompt_tokens: int = 0
    """Prompt tokens the model was sent (with a KV cache, far fewer are evaluated)."""
    fallbacks: list[str] = field(default_factory=list)
    """Parts code wrote after every candidate failed."""
    notes: list[str] = field(default_factory=list)
    """What the coach could not do and did instead, in the result's language."""
    chosen: list[str] = field(default_factory=list)
    """Parts that are sentences of the leader's the model chose, inside code's frame."""
    missing: list[MissingPart] = field(default_factory=list)
    """Parts the material has nothing for: the question that asks the leader for each."""

    def chose(self, part: str) -> None:
        self.chosen.append(part)

    def asked(self, part: MissingPart, language: Language) -> str:
        """Record that ``part`` is asked of the leader; its text as a draft shows it, marked
        ("_Still to write: …_")."""
        self.missing.append(part)
        return missing_text(part.question, language)

    def fell_back(self, part: str, note: str) -> None:
        self.fallbacks.append(part)
        self.notes.append(note)


TEMPERATURE = 0.0
"""Greedy decoding: a step's answer is reproducible, so a failure can be replayed and a test
that passed here passes in CI on the same machine. A candidate varies the prompt, not chance."""

CANDIDATES = 3
"""Answers a step tries before it gives up: the first, then two with the problem named."""


def offerable(option: str) -> str:
    """``option`` as a constrained choice can offer it: straight double quotes become
    typographic ones and backslashes slashes. llama.cpp's grammar cannot hold either inside an
    enum value (the embedded adapter refuses them rather than crash)."""
    text = option.replace("\\", "/")
    while '"' in text:
        text = text.replace('"', "\u201c", 1).replace('"', "\u201d", 1)
    return text


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
    candidates: int = CANDIDATES,
) -> T:
    """Ask for one ``shape`` until a candidate passes ``check``; then fail clearly."""
    answer, problem = _attempt(model, prompt, shape, check, log, max_tokens, candidates)
    if answer is None:
        raise GenerationFailed(name, problem)
    return answer


def attempt_step(
    model: ChatModel,
    prompt: RenderedPrompt,
    shape: type[T],
    check: Check[T],
    log: StepLog,
    *,
    max_tokens: int = 200,
    candidates: int = CANDIDATES,
) -> T | None:
    """The first of ``candidates`` answers that passes ``check``, or ``None`` (fall back)."""
    answer, _ = _attempt(model, prompt, shape, check, log, max_tokens, candidates)
    return answer


def _attempt(
    model: ChatModel,
    prompt: RenderedPrompt,
    shape: type[T],
    check: Check[T],
    log: StepLog,
    max_tokens: int,
    candidates: int,
) -> tuple[T | None, str]:
    original = prompt.as_dicts()
    log.prompts.append(f"{prompt.id}@{prompt.version}")
    schema = shape.model_json_schema()
    rejected: list[tuple[str, str]] = []
    for attempt in range(candidates):
        messages = candidate_messages(original, rejected, _language(prompt))
        reply = model.complete(
            messages, schema=schema, max_tokens=max_tokens, temperature=TEMPERATURE
        )
        log.calls += 1
        log.completion_tokens += reply.completion_tokens
        log.prompt_tokens += reply.prompt_tokens
        log.retries += attempt > 0
        answer, problem = _accept(reply.text, shape, check)
        if answer is not None:
            return answer, ""
        rejected.append((reply.text, problem))
    return None, rejected[-1][1] if rejected else "no answer"


def reminder(problem: str, language: str) -> str:
    """What a rejected answer is followed by, in the prompt's own language (a Dutch prompt's
    id ends in ``.nl``; any other prompt is English): the ``retry`` words."""
    chosen = Language(language) if language in {known.value for known in Language} else Language.EN
    return load_words("retry", chosen)["reminder"].format(problem=problem)


def candidate_messages(
    original: list[dict[str, str]], rejected: list[tuple[str, str]], language: str = "en"
) -> list[dict[str, str]]:
    """The next candidate's messages: the original prompt unchanged, then each rejected answer
    with its problem named, in order. Each candidate's messages begin with the previous one's,
    so llama.cpp keeps that prefix evaluated, and with greedy decoding the growing reminder is
    what makes a candidate differ from the one before it."""
    messages = list(original)
    for reply, problem in rejected:
        messages.append({"role": "assistant", "content": reply})
        messages.append({"role": "user", "content": reminder(problem, language)})
    return messages


def _language(prompt: RenderedPrompt) -> str:
    return prompt.id.rsplit(".", 1)[-1] if "." in prompt.id else "en"


def parse_answer(reply: str, shape: type[T]) -> tuple[T | None, str]:
    """The reply as ``shape``, or ``None`` and what is wrong with it, in words a retry can
    show the model."""
    try:
        return shape.model_validate_json(reply), ""
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] == "literal_error":  # the message would list every allowed value
            field = ".".join(str(part) for part in error["loc"])
            return None, f"{field} must be copied exactly from the given text"
        return None, f"not valid JSON of the asked shape: {error['msg']}"


def _accept(reply: str, shape: type[T], check: Check[T]) -> tuple[T | None, str]:
    """The parsed answer if it is valid and passes ``check``; else what is wrong."""
    answer, problem = parse_answer(reply, shape)
    if answer is None:
        return None, problem
    judged = check(answer)
    return (answer, "") if judged is None else (None, judged)


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
    candidates: int = CANDIDATES,
) -> Generator[Delta, None, T]:
    """``run_step`` that yields the text of ``field`` as it is written; returns the answer."""
    answer, problem = yield from _streamed(
        model, name, prompt, shape, check, log, field, max_tokens, candidates
    )
    if answer is None:
        raise GenerationFailed(name, problem)
    return answer


def attempt_stream_step(
    model: ChatModel,
    name: str,
    prompt: RenderedPrompt,
    shape: type[T],
    check: Check[T],
    log: StepLog,
    *,
    field: str,
    max_tokens: int = 200,
    candidates: int = CANDIDATES,
) -> Generator[Delta, None, T | None]:
    """``attempt_step`` that yields the text of ``field`` as it is written. A rejected
    candidate's text is replaced by the next one's (``Delta.restart``); after the last, by
    nothing, so the caller's fallback can take its place."""
    answer, _ = yield from _streamed(
        model, name, prompt, shape, check, log, field, max_tokens, candidates
    )
    return answer


def _streamed(
    model: ChatModel,
    name: str,
    prompt: RenderedPrompt,
    shape: type[T],
    check: Check[T],
    log: StepLog,
    field: str,
    max_tokens: int,
    candidates: int,
) -> Generator[Delta, None, tuple[T | None, str]]:
    original = prompt.as_dicts()
    log.prompts.append(f"{prompt.id}@{prompt.version}")
    schema = shape.model_json_schema()
    rejected: list[tuple[str, str]] = []
    for attempt in range(candidates):
        reader = FieldStream(field)
        pieces: list[str] = []
        restart = attempt > 0
        for chunk in model.stream(
            candidate_messages(original, rejected, _language(prompt)),
            schema=schema,
            max_tokens=max_tokens,
            temperature=TEMPERATURE,
        ):
            pieces.append(chunk)
            if text := reader.feed(chunk):
                yield Delta(name, text, restart=restart)
                restart = False
        log.calls += 1
        log.retries += attempt > 0
        log.completion_tokens += len(pieces)
        reply = "".join(pieces)
        answer, problem = _accept(reply, shape, check)
        if answer is not None:
            return answer, ""
        rejected.append((reply, problem))
    yield Delta(name, "", restart=True)
    return None, rejected[-1][1] if rejected else "no answer"


def finish(events: Generator[Any, None, R]) -> R:
    """Run a streaming job to its end, dropping what it yields; returns its result."""
    while True:
        try:
            next(events)
        except StopIteration as done:
            result: R = done.value
            return result
