"""Calibration: the engine's calls against reviewers' approve/reject decisions."""

from __future__ import annotations

import pytest

from service.evaluation.calibration import calibrate
from service.quality import Judge, Rubric
from service.review.labels import HumanLabel
from service.testing import FakeModel
from service.vocabulary import Language
from tests.conftest import CORPUS
from tests.quality.judge_replies import verdict

GOOD = (CORPUS / "lessons" / "lesson-answer-within-one-day.md").read_text(encoding="utf-8")
BAD = "# Notes\n\nWe should all do better with customers going forward. Synergy matters."
QUOTE = "A first answer needs a name, a next step and a date"
"""A sentence of ``GOOD``: the evidence a judge quotes for it."""


def judge() -> Judge:
    """A judge that finds every judged criterion met in ``GOOD`` (its quote is not in ``BAD``,
    so there it is unscored; ``BAD`` fails its deterministic must-pass criteria anyway)."""
    return Judge(FakeModel(answer=lambda _: verdict(3, QUOTE)))


def label(text: str, approved: bool, **values: object) -> HumanLabel:
    return HumanLabel.model_validate(
        {"kind": "lesson", "text": text, "approved": approved, "language": "en", **values}
    )


def test_engine_and_reviewers_agree_on_a_good_and_a_bad_lesson(
    rubrics: dict[str, Rubric],
) -> None:
    labels = [label(GOOD, True, id="l1"), label(BAD, False, id="l2")]
    report = calibrate(labels, rubrics, judge=judge())
    assert report.overall.pairs == [(True, True), (False, False)]
    assert report.overall.agreement == 1.0 and report.overall.kappa == pytest.approx(1.0)
    assert report.overall.unscored == 0


def test_a_lesson_whose_must_pass_criterion_nobody_judged_is_not_compared(
    rubrics: dict[str, Rubric],
) -> None:
    labels = [label(GOOD, True, id="l1"), label(BAD, False, id="l2")]
    report = calibrate(labels, rubrics)  # no judge: "explains-why" (must pass) is unjudged
    # the good lesson has no verdict yet: neither a pass nor a rejection to agree with
    assert report.overall.pairs == [(False, False)] and report.overall.misses == []
    assert report.overall.unscored == 1
    assert report.incomplete == 2  # judge criteria unscored without a judge


def test_a_reviewer_who_rejects_what_the_engine_passes_shows_as_a_miss(
    rubrics: dict[str, Rubric],
) -> None:
    labels = [
        label(GOOD, False, id="rejected-good"),
        label(GOOD, True, id="approved-good"),
        label(BAD, False, id="rejected-bad"),
    ]
    report = calibrate(labels, rubrics, judge=judge())
    assert report.overall.misses == ["rejected-good"]
    assert report.overall.agreement == pytest.approx(2 / 3)
    # reviewers pass 1 of 3, the engine 2 of 3: observed 2/3, chance 4/9, kappa (6-4)/(9-4)
    assert report.overall.kappa == pytest.approx(0.4)


def test_per_criterion_agreement_and_what_cannot_be_compared(
    rubrics: dict[str, Rubric],
) -> None:
    labels = [
        label(GOOD, True, criteria={"length": True, "explains-why": True, "rhyme": True}),
        label(BAD, False, criteria={"length": False, "sections": True}),
        HumanLabel(kind="poem", text="roses", approved=True),
    ]
    report = calibrate(labels, rubrics)
    assert report.criteria["lesson/length"].pairs == [(True, True), (False, False)]
    assert report.criteria["lesson/sections"].pairs == [(True, False)]
    assert report.criteria["lesson/sections"].misses == ["#1"]
    assert report.criteria["lesson/explains-why"].unscored == 1  # no judge
    assert report.criteria["lesson/explains-why"].agreement is None
    assert report.skipped == {
        "no rubric for kind 'poem'": 1,
        "criterion not in rubric lesson@v2": 1,
    }


def test_a_judge_scores_the_judged_criteria_it_is_compared_on(
    rubrics: dict[str, Rubric],
) -> None:
    judged = [c for c in rubrics["lesson"].criteria if c.is_judged]
    model = FakeModel(*[verdict(3, QUOTE)] * len(judged))
    labels = [label(GOOD, True, criteria={"explains-why": True})]
    report = calibrate(labels, rubrics, judge=Judge(model))
    assert report.criteria["lesson/explains-why"].pairs == [(True, True)]
    assert len(model.calls) == len(judged)
    assert report.incomplete == 1  # `faithful` needs the leader's account, which a label lacks


def test_score_drift_since_submission(rubrics: dict[str, Rubric]) -> None:
    labels = [label(GOOD, True, engine_score=0.8), label(BAD, False)]
    report = calibrate(labels, rubrics)
    assert report.score_drift == pytest.approx(0.2)  # the good lesson scores 1.0 today
    assert calibrate([], rubrics).overall.agreement is None


def test_a_label_names_its_language() -> None:
    assert label(GOOD, True).language is Language.EN
