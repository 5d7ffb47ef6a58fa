"""Deterministic checks, registered by name. Importing this package registers all of them."""

from . import alignment, faithfulness, objectives, questions, sources, structure, style
from .registry import CHECKS, CheckOutcome, RegisteredCheck, check

__all__ = [
    "CHECKS",
    "CheckOutcome",
    "RegisteredCheck",
    "alignment",
    "check",
    "faithfulness",
    "objectives",
    "questions",
    "sources",
    "structure",
    "style",
]
