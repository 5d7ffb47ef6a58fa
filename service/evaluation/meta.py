"""Measuring the rubric engine against hand labels: does a check say what a reviewer says?

Per criterion: agreement of the deterministic checks with the labels (target ≥ 0.9), and,
when a judge is given, Cohen's kappa of the judge's pass/fail against the labels, which
corrects agreement for what chance alone would give.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from service.quality import Judge, Rubric, score_document

from .cases import LabelledSet
from .result import AgreementRow


@dataclass
class CriterionAgreement:
    """How one rubric criterion's results compare with the labels."""

    kind: str
    criterion: str
    checker: str
    pairs: list[tuple[bool | None, bool | None]] = field(default_factory=list)
    """(label, result) per labelled document."""
    misses: list[str] = field(default_factory=list)
    """Ids of documents where the result and the label differ."""

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.criterion}"

    @property
    def count(self) -> int:
        return len(self.pairs)

    @property
    def agreement(self) -> float:
        return sum(a == b for a, b in self.pairs) / len(self.pairs) if self.pairs else 0.0

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa over the documents both the label and the result scored."""
        scored = [(a, b) for a, b in self.pairs if a is not None and b is not None]
        return cohen_kappa([a for a, _ in scored], [b for _, b in scored])


def cohen_kappa(first: Sequence[bool], second: Sequence[bool]) -> float | None:
    """Agreement beyond chance of two raters' pass/fail calls; ``None`` when undefined
    (no pairs, or both raters gave one answer throughout, so chance explains everything)."""
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p_first, p_second = sum(first) / n, sum(second) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def meta_evaluate(
    labelled: LabelledSet, rubrics: Mapping[str, Rubric], *, judge: Judge | None = None
) -> list[CriterionAgreement]:
    """Score every labelled document and compare each labelled criterion with its label.

    Judge criteria are compared only when a judge is given; without one they are left out,
    not counted as disagreements.
    """
    table: dict[str, CriterionAgreement] = {}
    for document in labelled.documents:
        rubric = rubrics[document.kind]
        result = score_document(
            document.text, rubric, context=document.context.scoring_context(), judge=judge
        )
        by_id = {c.id: c for c in result.criteria}
        for criterion_id, label in document.expected.items():
            criterion = rubric.criterion(criterion_id)
            if criterion.is_judged and judge is None:
                continue
            row = table.setdefault(
                f"{document.kind}/{criterion_id}",
                CriterionAgreement(document.kind, criterion_id, criterion.checker),
            )
            got = by_id[criterion_id].passed
            row.pairs.append((label, got))
            if got != label:
                row.misses.append(document.id)
    return sorted(table.values(), key=lambda row: row.key)


def agreement_rows(rows: Sequence[CriterionAgreement]) -> list[AgreementRow]:
    """The rows as a run result and a baseline keep them (plain data, no label pairs)."""
    return [
        AgreementRow(key=r.key, agreement=r.agreement, count=r.count, misses=list(r.misses))
        for r in rows
    ]
