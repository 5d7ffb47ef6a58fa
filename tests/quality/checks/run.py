"""Running one registered check on a Markdown string, the way a rubric would."""

from __future__ import annotations

from typing import Any

from service.quality import ScoringContext, parse_document
from service.quality.checks import CHECKS, CheckOutcome


def run_check(
    name: str, text: str, context: ScoringContext | None = None, **params: Any
) -> CheckOutcome:
    return CHECKS[name].run(parse_document(text), context or ScoringContext(), params)
