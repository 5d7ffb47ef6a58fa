"""The gate on the rubric engine itself: checks must agree with hand labels."""

from __future__ import annotations

import pytest

from service.evaluation.cases import load_labelled_set
from service.evaluation.meta import cohen_kappa, meta_evaluate
from service.quality import Judge, Rubric
from service.testing import FakeModel
from tests.conftest import CASES

TARGET = 0.9


def test_deterministic_checks_agree_with_the_labels(rubrics: dict[str, Rubric]) -> None:
    labelled = load_labelled_set(CASES / "labelled-v2.yaml")
    assert len(labelled.documents) >= 30
    assert {d.context.language for d in labelled.documents} >= {"en", "nl"}
    rows = meta_evaluate(labelled, rubrics)
    assert rows and all(row.checker != "judge" for row in rows)
    below = {
        row.key: (round(row.agreement, 2), row.misses) for row in rows if row.agreement < TARGET
    }
    assert not below, below


def test_every_label_names_a_criterion_of_its_rubric(rubrics: dict[str, Rubric]) -> None:
    for document in load_labelled_set(CASES / "labelled-v2.yaml").documents:
        ids = {c.id for c in rubrics[document.kind].criteria}
        assert set(document.expected) <= ids, document.id
        deterministic = {c.id for c in rubrics[document.kind].criteria if not c.is_judged}
        assert deterministic <= set(document.expected), document.id


def test_good_and_bad_documents_in_both_languages() -> None:
    documents = load_labelled_set(CASES / "labelled-v2.yaml").documents
    bad = [d for d in documents if False in d.expected.values()]
    good = [d for d in documents if False not in d.expected.values()]
    for group in (bad, good):
        assert {d.context.language for d in group} >= {"en", "nl"}


def test_judge_criteria_are_compared_only_with_a_judge(rubrics: dict[str, Rubric]) -> None:
    labelled = load_labelled_set(CASES / "labelled-v2.yaml")
    one = labelled.model_copy(update={"documents": labelled.documents[:1]})
    judged = [c for c in rubrics["lesson"].criteria if c.is_judged]
    model = FakeModel(*['{"score": 0, "reason": "none", "evidence": ""}'] * len(judged))
    rows = {row.key: row for row in meta_evaluate(one, rubrics, judge=Judge(model))}
    assert rows["lesson/explains-why"].pairs == [(True, False)]


@pytest.mark.parametrize(
    ("first", "second", "kappa"),
    [
        ([True, True, False, False], [True, True, False, False], 1.0),
        ([True, False, True, False], [False, True, False, True], -1.0),
        ([True, True, True, False], [True, True, False, False], 0.5),
        ([True, True], [True, True], None),
        ([], [], None),
    ],
)
def test_cohen_kappa(first: list[bool], second: list[bool], kappa: float | None) -> None:
    result = cohen_kappa(first, second)
    assert result == (pytest.approx(kappa) if kappa is not None else None)
