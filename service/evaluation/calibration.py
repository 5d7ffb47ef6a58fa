"""Calibration: does the rubric engine agree with what L&D reviewers actually decide?

The review queue turns each approve/reject decision into a ``HumanLabel``
(``service.review.labels``; this module only computes). Rescoring those documents with today's
rubrics and judge and comparing with the reviewers says whether the engine can be trusted to
pre-sort the queue, overall and criterion by criterion. Cohen's kappa corrects the agreement
for chance: a queue where reviewers approve 90% is "90% agreed" by an engine that passes
everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from service.quality import Judge, Rubric, ScoringContext, score_document
from service.review.labels import HumanLabel

from .meta import cohen_kappa


@dataclass
class Agreement:
    """Two raters' pass/fail calls on the same documents: the engine's and a reviewer's."""

    key: str
    pairs: list[tuple[bool, bool]] = field(default_factory=list)
    """(reviewer, engine) per document both scored."""
    unscored: int = 0
    """Documents the reviewer judged but the engine could not score (no judge, no context)."""
    misses: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.pairs)

    @property
    def agreement(self) -> float | None:
        return sum(a == b for a, b in self.pairs) / len(self.pairs) if self.pairs else None

    @property
    def kappa(self) -> float | None:
        return cohen_kappa([a for a, _ in self.pairs], [b for _, b in self.pairs])

    def add(self, human: bool, engine: bool | None, label_id: str) -> None:
        if engine is None:
            self.unscored += 1
            return
        self.pairs.append((human, engine))
        if human != engine:
            self.misses.append(label_id)


@dataclass
class CalibrationReport:
    overall: Agreement
    """The engine's pass/fail now against the reviewers' approve/reject."""
    criteria: dict[str, Agreement]
    """Per ``kind/criterion``, where reviewers gave per-criterion verdicts."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Labels (or criterion verdicts) left out, by reason: no rubric for the kind..."""
    incomplete: int = 0
    """Documents with criteria the engine could not score; their overall call is partial."""
    score_drift: float | None = None
    """Mean absolute change of the engine's score since submission: a rubric or judge that
    changed under the reviewers' feet shows here before it shows in the agreement."""


def calibrate(
    labels: Iterable[HumanLabel],
    rubrics: Mapping[str, Rubric],
    *,
    judge: Judge | None = None,
) -> CalibrationReport:
    """Rescore every labelled document and compare the engine with the reviewers.

    Args:
        labels: reviewers' decisions, each with the document text.
        rubrics: rubrics by kind (``load_rubrics``); a label of an unknown kind is skipped
            and counted, not fatal: the store may hold kinds a rubric was since removed for.
        judge: scores judge criteria; without one they are unscored and left out.
    """
    overall = Agreement("overall")
    criteria: dict[str, Agreement] = {}
    skipped: dict[str, int] = {}
    drifts: list[float] = []
    incomplete = 0
    for number, label in enumerate(labels):
        label_id = label.id or f"#{number}"
        rubric = rubrics.get(label.kind)
        if rubric is None:
            reason = f"no rubric for kind '{label.kind}'"
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        result = score_document(
            label.text, rubric, context=ScoringContext(language=label.language), judge=judge
        )
        # An incomplete result (judge criteria unscored) is the engine's verdict so far, which
        # is what the queue shows a reviewer; how many were incomplete is reported beside it.
        # A document that fails nothing but a must-pass criterion nobody judged has no verdict
        # yet ("unjudged"): not comparable, counted as unscored, never as a rejection.
        anything_scored = any(c.passed is not None for c in result.criteria)
        comparable = anything_scored and result.verdict != "unjudged"
        overall.add(label.approved, result.passed if comparable else None, label_id)
        incomplete += not result.complete
        if label.engine_score is not None:
            drifts.append(abs(result.score - label.engine_score))
        by_id = {c.id: c for c in result.criteria}
        for criterion_id, verdict in label.criteria.items():
            scored = by_id.get(criterion_id)
            if scored is None:
                reason = f"criterion not in rubric {rubric.key}"
                skipped[reason] = skipped.get(reason, 0) + 1
                continue
            key = f"{label.kind}/{criterion_id}"
            criteria.setdefault(key, Agreement(key)).add(verdict, scored.passed, label_id)
    return CalibrationReport(
        overall=overall,
        criteria=dict(sorted(criteria.items())),
        skipped=skipped,
        incomplete=incomplete,
        score_drift=sum(drifts) / len(drifts) if drifts else None,
    )
