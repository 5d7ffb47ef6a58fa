"""The rubrics a submitted lesson is scored with: the same files the eval suite uses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from service.quality import Rubric, load_rubrics
from service.settings import get_settings
from service.vocabulary import LessonKind


def review_rubrics(folder: Path | None = None) -> dict[LessonKind, Rubric]:
    """The lesson and 1:1 lesson rubrics from ``folder`` (default: the rubrics setting).

    The same files the eval suite reads (docs/design.md principle 5: one rubric engine for evals
    and review); loaded once per folder and process.
    """
    return _load(folder or get_settings().rubrics_dir)


@lru_cache
def _load(folder: Path) -> dict[LessonKind, Rubric]:
    loaded = load_rubrics(folder)
    return {kind: loaded[kind.value] for kind in LessonKind}
