"""A one-on-one lesson is built around one person's development goal; it should say so."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from service.knowledge.languages import index_terms
from service.vocabulary import Language

from ..context import ScoringContext
from ..document import ParsedDocument
from .registry import CheckOutcome, check, quote, unscored, verdict


class AlignmentParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_shared_terms: int = Field(default=2, ge=1)


def _terms(text: str) -> set[str]:
    """Content-word stems under both languages' rules, so "batterijen" meets "batterij"."""
    return {t for lang in Language for t in index_terms(text, lang) if len(t) > 2}


@check("goal_alignment", AlignmentParams)
def goal_alignment(
    document: ParsedDocument, context: ScoringContext, params: AlignmentParams
) -> CheckOutcome:
    """The lesson shares content words with the team member's development goal."""
    goal = context.development_goal
    if not goal:
        return unscored("no development goal given")
    goal_terms = _terms(goal)
    shared = sorted(goal_terms & _terms(document.body))
    needed = min(params.min_shared_terms, len(goal_terms))
    if len(shared) < needed:
        return verdict(
            False, f"{len(shared)} word(s) of the goal appear in the lesson", quote(shared)
        )
    return verdict(True, f"builds on the goal ({len(shared)} shared words)", quote(shared))
