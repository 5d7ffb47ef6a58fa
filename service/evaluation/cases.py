"""The eval's dataset: hand-labelled documents (to measure the rubric engine) and generation
cases (to drive the coach). Versioned YAML under ``evals/cases/``; a file that has reported
results is frozen, a change is a new version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.quality import ScoringContext
from service.vocabulary import Language

from .errors import CaseFileError


class CaseContext(BaseModel):
    """The context a labelled document was made in, as written in the case file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Language | None = None
    sources: tuple[str, ...] | None = None
    """Retrieved corpus ids; ``None`` means the citation check has nothing to check against."""
    source_texts: tuple[str, ...] = ()
    leader_account: str | None = None
    allowed_texts: tuple[str, ...] = ()
    development_goal: str | None = None
    team_member_role: str | None = None

    def scoring_context(self) -> ScoringContext:
        return ScoringContext(
            language=self.language,
            allowed_sources=frozenset(self.sources) if self.sources is not None else None,
            source_texts=self.source_texts,
            leader_account=self.leader_account,
            allowed_texts=self.allowed_texts,
            development_goal=self.development_goal,
            team_member_role=self.team_member_role,
        )


class LabelledDocument(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    note: str = ""
    """Why it is labelled the way it is: what is good or bad about it."""
    context: CaseContext = CaseContext()
    expected: dict[str, bool | None] = Field(min_length=1)
    """Per criterion id: pass, fail, or ``None`` (cannot be scored in this context)."""
    text: str


class LabelledSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    description: str = ""
    documents: tuple[LabelledDocument, ...] = Field(min_length=1)


class GenerationCase(BaseModel):
    """A priority and a leader's own account: the input the coach turns into a story."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    priority: str = Field(pattern=r"^priority-[a-z0-9-]+$")
    language: Language
    """The language the leader asks for (the account may be in the other one)."""
    leader: str
    """Who the leader is: name and role, as they would introduce themselves."""
    account: str = Field(min_length=1)
    """The leader's own first-person account, 80-200 words."""
    development_goal: str | None = None
    """For a one-on-one lesson: a team member's goal in their own words."""
    team_member_role: str | None = None
    tags: tuple[str, ...] = ()
    split: Literal["tune", "held-out"] = "tune"
    """``held-out`` cases are never looked at while the coach is changed: the quality figures
    that count are measured on them (see ``evals/quality/``)."""


def team_member(goal: str | None, role: str | None) -> str:
    """A 1:1 lesson's team member as its parts may quote them: their goal and role."""
    return "\n\n".join(t for t in (goal, role) if t)


class GenerationSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    description: str = ""
    cases: tuple[GenerationCase, ...] = Field(min_length=1)


M = TypeVar("M", bound=BaseModel)


def _load(path: Path, model: type[M]) -> M:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CaseFileError(path, "(file)", "no such file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(yaml)"
        raise CaseFileError(path, where, str(getattr(exc, "problem", exc))) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "(top level)"
        raise CaseFileError(path, field, error["msg"]) from None


def load_labelled_set(path: Path) -> LabelledSet:
    labelled = _load(path, LabelledSet)
    ids = [d.id for d in labelled.documents]
    if duplicate := next((i for i in ids if ids.count(i) > 1), None):
        raise CaseFileError(path, "documents.id", f"duplicate id '{duplicate}'")
    return labelled


def load_generation_set(path: Path) -> GenerationSet:
    cases = _load(path, GenerationSet)
    ids = [c.id for c in cases.cases]
    if duplicate := next((i for i in ids if ids.count(i) > 1), None):
        raise CaseFileError(path, "cases.id", f"duplicate id '{duplicate}'")
    return cases
