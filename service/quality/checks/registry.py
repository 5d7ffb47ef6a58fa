"""Deterministic checks share one signature and are found by name, the name a rubric uses.

A check is ``(document, context, params) -> CheckOutcome``. ``params`` is a pydantic model the
check declares when it registers, so a rubric's ``params`` are validated when the rubric loads,
not when the first document is scored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from ..context import ScoringContext
from ..document import ParsedDocument


class CheckOutcome(BaseModel):
    """What a check found. ``passed`` is ``None`` when the check could not decide (unscored)."""

    model_config = ConfigDict(frozen=True)

    passed: bool | None
    reason: str
    """One sentence a reviewer can act on."""
    evidence: str = ""
    """Words from the document (or the count) that the reason rests on."""


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


CheckFunction = Callable[[ParsedDocument, ScoringContext, Any], CheckOutcome]
F = TypeVar("F", bound=CheckFunction)


@dataclass(frozen=True)
class RegisteredCheck:
    name: str
    function: CheckFunction
    params: type[BaseModel]

    def run(
        self, document: ParsedDocument, context: ScoringContext, params: dict[str, Any]
    ) -> CheckOutcome:
        return self.function(document, context, self.params.model_validate(params))


CHECKS: dict[str, RegisteredCheck] = {}


def check(name: str, params: type[BaseModel] = NoParams) -> Callable[[F], F]:
    """Register a check under ``name`` (the rubric's ``checker``)."""

    def register(function: F) -> F:
        if name in CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        CHECKS[name] = RegisteredCheck(name, function, params)
        return function

    return register


def unscored(reason: str) -> CheckOutcome:
    return CheckOutcome(passed=None, reason=reason)


def verdict(passed: bool, reason: str, evidence: str = "") -> CheckOutcome:
    return CheckOutcome(passed=passed, reason=reason, evidence=evidence)


def quote(texts: list[str], limit: int = 5) -> str:
    """A short evidence string: the first few findings, quoted, and how many more."""
    shown = "; ".join(f"“{t}”" for t in texts[:limit])
    more = len(texts) - limit
    return f"{shown} (+{more} more)" if more > 0 else shown
