"""The LLM judge: one criterion per call, a verified verdict, repeated for a stable score.

The judge does not know which model it talks to: anything with a ``name`` and a
``complete_json(messages, schema)`` will do (the model gateway in ``service.llm``, a fake in
tests). Its model is its own setting, separate from the model that writes the lessons.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from typing import Any, Protocol

from pydantic import BaseModel, Field

from service.errors import ModelUnavailable

from .context import ScoringContext
from .judge_prompt import judge_messages
from .rubrics import Criterion, Rubric
from .verdict_cache import MemoryVerdictCache, VerdictCache, cache_key
from .verdicts import VERDICT_SCHEMA, Rejection, Verdict, check_verdict, parse_verdict


class JudgeModel(Protocol):
    """What the judge needs from a model: a name (for the cache) and one JSON completion."""

    @property
    def name(self) -> str: ...

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> str:
        """The model's reply text to ``messages``, asked to follow ``schema``."""
        ...


class JudgedCriterion(BaseModel):
    """A criterion judged over N epochs: what counted, what did not, and how stable it was."""

    criterion_id: str
    scores: list[int] = Field(default_factory=list)
    """Scores of the epochs that counted."""
    rejected: dict[str, int] = Field(default_factory=dict)
    """Epochs that did not count, by reason (unparseable, evidence not found...)."""
    mean: float | None = None
    stderr: float | None = None
    flip_rate: float | None = None
    """Share of counted epochs whose pass/fail differs from the majority: 0 is a stable call."""
    passed: bool | None = None
    reason: str = ""
    evidence: str = ""

    @property
    def unscored(self) -> int:
        return sum(self.rejected.values())


def summarise(
    criterion: Criterion, verdicts: list[Verdict], rejected: Counter[str]
) -> JudgedCriterion:
    """Mean, standard error and flip rate of the epochs that counted."""
    result = JudgedCriterion(criterion_id=criterion.id, rejected=dict(rejected))
    if not verdicts:
        tries = sum(rejected.values())
        reasons = ", ".join(f"{n} {why}" for why, n in rejected.items())
        result.reason = f"unscored: no usable verdict in {tries} tries ({reasons})"
        return result
    scores = [v.score for v in verdicts]
    n = len(scores)
    mean = sum(scores) / n
    variance = sum((s - mean) ** 2 for s in scores) / (n - 1) if n > 1 else 0.0
    passes = [s >= criterion.passing_score for s in scores]
    majority = sum(passes) * 2 >= n
    closest = min(verdicts, key=lambda v: abs(v.score - mean))
    result.scores = scores
    result.mean = mean
    result.stderr = math.sqrt(variance / n)
    result.flip_rate = sum(p != majority for p in passes) / n
    result.passed = mean >= criterion.passing_score
    result.reason = closest.reason
    result.evidence = closest.evidence
    return result


class Judge:
    """Scores judged criteria with a ``JudgeModel``; counts what it could not use.

    Args:
        model: the judge model (its ``name`` is part of the cache key).
        epochs: how many times each criterion is asked; more gives a stderr and a flip rate.
        cache: where verdicts are kept; an in-memory one by default.
    """

    def __init__(
        self, model: JudgeModel, *, epochs: int = 1, cache: VerdictCache | None = None
    ) -> None:
        if epochs < 1:
            raise ValueError("epochs must be at least 1")
        self.model = model
        self.epochs = epochs
        self.cache: VerdictCache = cache if cache is not None else MemoryVerdictCache()
        self.calls = 0
        self.cache_hits = 0
        self.rejections: Counter[str] = Counter()

    @property
    def model_name(self) -> str:
        return self.model.name

    def judge(
        self, rubric: Rubric, criterion: Criterion, text: str, context: ScoringContext
    ) -> JudgedCriterion:
        messages = judge_messages(rubric, criterion, text, context)
        output_hash = hashlib.sha256(messages[-1]["content"].encode()).hexdigest()
        verdicts: list[Verdict] = []
        rejected: Counter[str] = Counter()
        for epoch in range(self.epochs):
            key = cache_key(output_hash, rubric.key, criterion.id, self.model.name, epoch)
            cached = self.cache.get(key)
            if cached is not None:
                self.cache_hits += 1
                verdicts.append(cached)
                continue
            self.calls += 1
            try:
                reply: str | None = self.model.complete_json(messages, VERDICT_SCHEMA)
            except ModelUnavailable:
                # A timeout is no verdict: the epoch is unscored and counted, the run goes on.
                reply = None
            verdict = parse_verdict(reply) if reply is not None else None
            problem = (
                (Rejection.UNPARSEABLE if reply is not None else Rejection.MODEL_FAILED)
                if verdict is None
                else check_verdict(verdict, text, criterion.min_score, criterion.max_score)
            )
            if verdict is None or problem is not None:
                rejected[str(problem)] += 1
                self.rejections[str(problem)] += 1
                continue
            self.cache.put(key, verdict)
            verdicts.append(verdict)
        return summarise(criterion, verdicts, rejected)
