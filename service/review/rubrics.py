"""The rubrics a submitted lesson is scored with: the same files the eval suite uses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from service.quality import Rubric, load_rubrics
from service.store.enums import LessonKind

RUBRICS_DIR = Path(__file__).resolve().parents[2] / "evals" / "rubrics"
"""The repository's rubrics (DESIGN.md principle 5: one rubric engine for evals and review)."""


@lru_cache
def review_rubrics(folder: Path = RUBRICS_DIR) -> dict[LessonKind, Rubric]:
    """The lesson and 1:1 lesson rubrics, loaded once per process."""
    loaded = load_rubrics(folder)
    return {kind: loaded[kind.value] for kind in LessonKind}
