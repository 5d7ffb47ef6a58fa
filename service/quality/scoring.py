"""Scoring a document against a rubric: deterministic checks first, then the judge.

The same function serves the eval suite, ``storycoach eval score`` and the L&D review queue
(docs/design.md, principle 5). A document passes when every must-pass criterion that could be scored
passed and its weighted score reaches the rubric's ``pass_score``; criteria that could not be
scored (no judge, no context) are listed, never counted as passed or failed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from .checks import CHECKS
from .context import ScoringContext
from .document import ParsedDocument, parse_document
from .judge import Judge, JudgedCriterion
from .rubrics import Criterion, Rubric

UNJUDGED = "must-pass criteria not judged"
"""How a document's ``reason`` starts when only unjudged must-pass criteria keep it from
passing (``DocumentScore.verdict`` is then ``unjudged``)."""


class CriterionScore(BaseModel):
    """One criterion's result, with what a reviewer needs to agree or disagree."""

    id: str
    passed: bool | None
    """``None``: unscored (no judge, missing context, or no usable verdict)."""
    score: float | None = None
    """0..1 on the criterion's scale; the judge's mean over epochs."""
    reason: str
    evidence: str = ""
    checker: str
    weight: float
    must_pass: bool
    judge: JudgedCriterion | None = None
    """Epoch details when the judge scored it: scores, rejections, stderr, flip rate."""


class DocumentScore(BaseModel):
    kind: str
    rubric: str
    """``id@vN`` of the rubric used."""
    passed: bool
    score: float
    """Weighted mean of the scored criteria, 0..1."""
    complete: bool
    """Whether every criterion was scored; an incomplete pass is a pass so far."""
    reason: str = ""
    """Why the document failed as a whole (empty, a must-pass criterion failed...)."""
    criteria: list[CriterionScore] = Field(default_factory=list)
    judge_model: str | None = None

    @property
    def failed_must_pass(self) -> list[str]:
        """Ids of the must-pass criteria that failed: any one fails the document."""
        return [c.id for c in self.criteria if c.must_pass and c.passed is False]

    @property
    def unjudged_must_pass(self) -> list[str]:
        """Ids of the must-pass criteria nobody could score (no judge, no context)."""
        return [c.id for c in self.criteria if c.must_pass and c.passed is None]

    @property
    def verdict(self) -> str:
        """``passed``, ``failed``, or ``unjudged``: a document that failed nothing but has a
        must-pass criterion nobody scored has not passed it either."""
        if self.passed:
            return "passed"
        return "unjudged" if self.reason.startswith(UNJUDGED) else "failed"

    def report(self) -> dict[str, Any]:
        """The public shape: ``{kind, pass, score, failed_must_pass, criteria: [{id,
        must_pass, passed, reason, evidence}]}``."""
        return {
            "kind": self.kind,
            "rubric": self.rubric,
            "pass": self.passed,
            "score": round(self.score, 3),
            "complete": self.complete,
            "reason": self.reason,
            "failed_must_pass": self.failed_must_pass,
            "unjudged_must_pass": self.unjudged_must_pass,
            "verdict": self.verdict,
            "judge_model": self.judge_model,
            "criteria": [
                {
                    "id": c.id,
                    "must_pass": c.must_pass,
                    "passed": c.passed,
                    "reason": c.reason,
                    "evidence": c.evidence,
                }
                for c in self.criteria
            ],
        }


def _base(criterion: Criterion, **values: Any) -> CriterionScore:
    return CriterionScore(
        id=criterion.id,
        checker=criterion.checker,
        weight=criterion.weight,
        must_pass=criterion.must_pass,
        **values,
    )


def _score_check(
    criterion: Criterion, document: ParsedDocument, context: ScoringContext
) -> CriterionScore:
    outcome = CHECKS[criterion.checker].run(document, context, criterion.params)
    score = None if outcome.passed is None else float(outcome.passed)
    return _base(
        criterion,
        passed=outcome.passed,
        score=score,
        reason=outcome.reason,
        evidence=outcome.evidence,
    )


def _score_judged(
    rubric: Rubric, criterion: Criterion, text: str, context: ScoringContext, judge: Judge | None
) -> CriterionScore:
    if judge is None:
        return _base(criterion, passed=None, reason="not judged: no judge model")
    judged = judge.judge(rubric, criterion, text, context)
    score = None if judged.mean is None else criterion.normalise(judged.mean)
    return _base(
        criterion,
        passed=judged.passed,
        score=score,
        reason=judged.reason,
        evidence=judged.evidence,
        judge=judged,
    )


def failing_score(rubric: Rubric, reason: str) -> DocumentScore:
    """A document that could not be read or has no content: every criterion fails, with why."""
    criteria = [_base(c, passed=False, score=0.0, reason=reason) for c in rubric.criteria]
    return DocumentScore(
        kind=rubric.kind,
        rubric=rubric.key,
        passed=False,
        score=0.0,
        complete=True,
        reason=reason,
        criteria=criteria,
    )


def score_document(
    text: str,
    rubric: Rubric,
    *,
    context: ScoringContext | None = None,
    judge: Judge | None = None,
) -> DocumentScore:
    """Score a Markdown document (generated, or written by a person) against a rubric.

    Args:
        text: the document, Markdown, front matter allowed.
        rubric: the rubric for the document's kind (``load_rubrics(...)[kind]``).
        context: the requested language, retrieved ids, the leader's account...; what is
            missing leaves the criteria that need it unscored.
        judge: scores the ``judge`` criteria; without one they are unscored.

    Returns:
        Every criterion's result and the verdict on the whole. An empty document fails with a
        reason; it never raises.
    """
    context = context or ScoringContext()
    document = parse_document(text)
    if document.is_empty:
        return failing_score(rubric, "the document is empty")
    deterministic = [c for c in rubric.criteria if not c.is_judged]
    judged = [c for c in rubric.criteria if c.is_judged]
    results = [_score_check(c, document, context) for c in deterministic]
    results += [_score_judged(rubric, c, document.body, context, judge) for c in judged]
    order = {c.id: i for i, c in enumerate(rubric.criteria)}
    results.sort(key=lambda r: order[r.id])

    scored = [r for r in results if r.score is not None]
    total_weight = sum(r.weight for r in scored)
    score = sum(r.weight * (r.score or 0.0) for r in scored) / total_weight if total_weight else 0.0
    failed_musts = [r.id for r in results if r.must_pass and r.passed is False]
    unjudged_musts = [r.id for r in results if r.must_pass and r.passed is None]
    reason = ""
    if failed_musts:
        # Whatever the score: a questions set that asks nothing, a lesson without an objective
        # or a story in the wrong language is no pass at 0.9 either.
        reason = f"must-pass criteria failed: {', '.join(failed_musts)} (score {score:.2f})"
    elif score < rubric.pass_score:
        reason = f"score {score:.2f} is below {rubric.pass_score:.2f}"
    elif unjudged_musts:
        # Never counted as passed: what nobody judged is unjudged (issue 18).
        reason = f"{UNJUDGED}: {', '.join(unjudged_musts)} (score {score:.2f})"
    return DocumentScore(
        kind=rubric.kind,
        rubric=rubric.key,
        passed=not reason and bool(scored),
        score=score,
        complete=len(scored) == len(results),
        reason=reason,
        criteria=results,
        judge_model=judge.model_name if judge is not None else None,
    )
