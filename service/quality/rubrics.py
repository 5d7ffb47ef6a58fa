"""Rubrics: versioned YAML files of criteria, each scored by a named check or by the judge.

A rubric that cannot be used fails when it loads, naming the file and the field
(``evals/rubrics/lesson.yaml: criteria[2].weight: ...``), never halfway through a review.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checks import CHECKS
from .errors import RubricError

JUDGE = "judge"
"""The checker name that sends a criterion to the LLM judge instead of a deterministic check."""


class Level(BaseModel):
    """One anchored point of a criterion's scale, with a short example of what earns it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    score: int = Field(ge=0, le=10)
    anchor: str = Field(min_length=1)
    example: str = ""


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    description: str = Field(min_length=1)
    """What is judged and why it matters; the judge reads this too."""
    checker: str
    """A deterministic check's name (``service.quality.checks``) or ``judge``."""
    weight: float = Field(ge=0)
    must_pass: bool = False
    """A document fails when this criterion fails, whatever its total score."""
    params: dict[str, Any] = Field(default_factory=dict)
    """Settings for the check (``max_words: 400``); validated against the check's own model."""
    levels: tuple[Level, ...] = Field(min_length=2)
    pass_at: int | None = None
    """Lowest passing score; default: the top level for two levels, one below it otherwise."""

    @field_validator("weight", mode="before")
    @classmethod
    def _weight_is_a_number(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, got {value!r}")
        return value

    @property
    def is_judged(self) -> bool:
        return self.checker == JUDGE

    @property
    def min_score(self) -> int:
        return min(level.score for level in self.levels)

    @property
    def max_score(self) -> int:
        return max(level.score for level in self.levels)

    @property
    def passing_score(self) -> int:
        if self.pass_at is not None:
            return self.pass_at
        return self.max_score if len(self.levels) == 2 else self.max_score - 1

    def normalise(self, score: float) -> float:
        """A score on this criterion's scale as a share of its range (0..1)."""
        return (score - self.min_score) / (self.max_score - self.min_score)


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
    version: int = Field(ge=1)
    """Bumped on every change, so cached verdicts and reported results stay comparable."""
    kind: str = Field(pattern=r"^[a-z_]+$")
    """What it scores: story, lesson, one_on_one, questions, interview."""
    title: str
    description: str = ""
    pass_score: float = Field(default=0.7, ge=0, le=1)
    """The weighted share of criteria a document needs, besides every must-pass criterion."""
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @property
    def key(self) -> str:
        return f"{self.id}@v{self.version}"

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)


def _field_name(loc: tuple[int | str, ...]) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "(top level)"


def _check_criteria(path: Path, rubric: Rubric) -> None:
    seen: dict[str, int] = {}
    for index, criterion in enumerate(rubric.criteria):
        where = f"criteria[{index}]"
        if criterion.id in seen:
            first = f"criteria[{seen[criterion.id]}]"
            raise RubricError(path, f"{where}.id", f"duplicate id '{criterion.id}' (see {first})")
        seen[criterion.id] = index
        scores = [level.score for level in criterion.levels]
        if len(set(scores)) != len(scores):
            raise RubricError(path, f"{where}.levels", "two levels share a score")
        if criterion.pass_at is not None and criterion.pass_at not in scores:
            raise RubricError(path, f"{where}.pass_at", f"{criterion.pass_at} is not a level")
        if criterion.is_judged:
            if criterion.params:
                raise RubricError(path, f"{where}.params", "the judge takes no params")
            continue
        if criterion.checker not in CHECKS:
            known = ", ".join(sorted([*CHECKS, JUDGE]))
            reason = f"unknown checker '{criterion.checker}'; known: {known}"
            raise RubricError(path, f"{where}.checker", reason)
        try:
            CHECKS[criterion.checker].params.model_validate(criterion.params)
        except ValidationError as exc:
            error = exc.errors()[0]
            field = _field_name((f"{where}.params", *error["loc"]))
            raise RubricError(path, field, error["msg"]) from None


def load_rubric(path: Path) -> Rubric:
    """Read and validate one rubric file; any problem raises ``RubricError`` (file + field)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RubricError(path, "(file)", "no such file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(yaml)"
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise RubricError(path, where, str(problem)) from None
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        reason = error["msg"].removeprefix("Value error, ")
        raise RubricError(path, _field_name(error["loc"]), reason) from None
    _check_criteria(path, rubric)
    return rubric


def load_rubrics(folder: Path) -> dict[str, Rubric]:
    """Every ``*.yaml`` rubric in a folder, by kind. Two rubrics for one kind is an error."""
    if not folder.is_dir():
        raise RubricError(folder, "(folder)", "no such folder")
    rubrics: dict[str, Rubric] = {}
    for path in sorted(folder.glob("*.yaml")):
        rubric = load_rubric(path)
        if rubric.kind in rubrics:
            raise RubricError(path, "kind", f"a second rubric for '{rubric.kind}'")
        rubrics[rubric.kind] = rubric
    return rubrics
