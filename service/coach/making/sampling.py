"""Several sampled candidates of one short part, each judged by code, the best one kept.

The embedded 1.5B model writes a usable short English part in most of four sampled tries, and
a bad one in some (issue 18). Greedy decoding gives the same bad answer every time, and a
retry that names the problem changes the prompt (``steps``), so llama.cpp must read the new
tail. Here every candidate is asked with the *same* messages — llama.cpp reuses the whole
evaluated prompt, and a candidate costs only its decoding — at a temperature above zero, each
with its own seed: the candidates differ, and the same run gives the same candidates, so a
failure can be replayed and a test that passed passes again.

Each candidate is judged by the caller (``Judge``: what is wrong with it, or ``None``); a
candidate that passes is kept. With no ``rank``, the first passing candidate in seed order is
taken and sampling stops (the cheapest); with a ``rank``, every candidate is drawn and the
passing one with the lowest rank wins (ties: seed order). ``None`` means no candidate passed:
the caller falls back to something code composes honestly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from service.prompting import RenderedPrompt

from ..model import ChatModel
from .steps import StepLog, parse_answer

T = TypeVar("T", bound=BaseModel)
Judge = Callable[[T], str | None]
"""What is wrong with a candidate, or ``None`` when it may be used."""

SAMPLES = 4
"""Candidates drawn for one part: "most of four tries" were usable in English (issue 18)."""
SAMPLE_TEMPERATURE = 0.7
"""Enough spread that four candidates differ; low enough that they stay on the prompt."""
FIRST_SEED = 1
"""Candidate ``i`` is drawn with seed ``FIRST_SEED + i``: the same candidates every run."""


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """One candidate as it was drawn and judged."""

    seed: int | None
    """``None`` for a greedy candidate."""
    answer: T | None
    """The parsed answer, or ``None`` when the reply was not valid JSON of the shape."""
    problem: str | None
    """Why it was refused, or ``None`` when it passed."""


def sample_best(
    model: ChatModel,
    prompt: RenderedPrompt,
    shape: type[T],
    judge: Judge[T],
    log: StepLog,
    *,
    samples: int = SAMPLES,
    temperature: float = SAMPLE_TEMPERATURE,
    greedy_first: bool = False,
    rank: Callable[[T], float] | None = None,
    max_tokens: int = 120,
    tried: list[Candidate[T]] | None = None,
) -> T | None:
    """The best of up to ``samples`` candidates that ``judge`` lets through, or ``None``.

    Args:
        greedy_first: the first candidate is decoded greedily (the model's own best guess,
            the one a translation should try first); the others are sampled.
        rank: lower is better; without it the first passing candidate is taken.
        tried: when given, every candidate drawn is appended (tests and measurements read it).
    """
    messages = prompt.as_dicts()
    schema = shape.model_json_schema()
    log.prompts.append(f"{prompt.id}@{prompt.version}")
    passing: list[tuple[float, int, T]] = []
    for index in range(samples):
        greedy = greedy_first and index == 0
        seed = None if greedy else FIRST_SEED + index
        reply = model.complete(
            messages,
            schema=schema,
            max_tokens=max_tokens,
            temperature=0.0 if greedy else temperature,
            seed=seed,
        )
        log.calls += 1
        log.retries += index > 0
        log.completion_tokens += reply.completion_tokens
        log.prompt_tokens += reply.prompt_tokens
        answer, unparsed = parse_answer(reply.text, shape)
        problem = unparsed if answer is None else judge(answer)
        if tried is not None:
            tried.append(Candidate(seed, answer, problem))
        if answer is None or problem is not None:
            continue
        if rank is None:
            return answer
        passing.append((rank(answer), index, answer))
    return min(passing, key=lambda p: (p[0], p[1]))[2] if passing else None
