"""The CI gate's comparison: a drop past the margin fails, on the cases both runs share."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.evaluation.baseline import AgreementBaseline, GenerationBaseline, generation_baseline
from service.evaluation.gate import (
    AGREEMENT_MARGIN,
    PASS_RATE_MARGIN,
    compare_agreement,
    compare_generation,
)
from service.evaluation.result import AgreementRow, Job, JobOutcome, ReaderPart, RunResult
from service.vocabulary import Language

NOW = datetime(2026, 11, 28, tzinfo=UTC)


def outcome(case: str, job: Job, passed: bool) -> JobOutcome:
    return JobOutcome(
        case_id=case, job=job, language=Language.EN, passed=passed, seconds=1.0, input="x"
    )


def baseline(passed: dict[Job, dict[str, bool]], model: str = "m") -> GenerationBaseline:
    return GenerationBaseline(
        created=NOW, cases_file="c.yaml", cases_version=1, model=model, passed=passed
    )


TEN = [f"c{i}" for i in range(10)]


def test_the_stated_margins() -> None:
    assert PASS_RATE_MARGIN == 0.10 and AGREEMENT_MARGIN == 0.05


def test_a_drop_of_exactly_the_margin_passes_and_one_more_case_fails() -> None:
    saved = baseline({Job.STORY: dict.fromkeys(TEN, True)})
    one_lost = [outcome(c, Job.STORY, c != "c0") for c in TEN]  # 1.0 -> 0.9
    two_lost = [outcome(c, Job.STORY, c not in ("c0", "c1")) for c in TEN]  # 1.0 -> 0.8
    kept = compare_generation(one_lost, saved)
    assert kept.passed and kept.checks[0].current == pytest.approx(0.9)
    dropped = compare_generation(two_lost, saved)
    assert not dropped.passed
    assert dropped.checks[0].name == "pass rate story"
    assert dropped.checks[0].change == pytest.approx(-0.2)


def test_an_improvement_passes() -> None:
    saved = baseline({Job.QUESTIONS: {"a": False, "b": False}})
    assert compare_generation([outcome("a", Job.QUESTIONS, True)], saved).passed


def test_only_shared_cases_are_compared() -> None:
    # The baseline passed a and failed b; a run of a alone is held to a, not to the 0.5 average.
    saved = baseline({Job.STORY: {"a": True, "b": False}})
    report = compare_generation([outcome("a", Job.STORY, False)], saved)
    check = report.checks[0]
    assert (check.baseline, check.current, check.count) == (1.0, 0.0, 1)
    assert not report.passed


def test_a_job_without_shared_cases_is_noted_when_another_is_compared() -> None:
    saved = baseline({Job.STORY: {"a": True}})
    run = [outcome("a", Job.STORY, True), outcome("a", Job.LESSON, False)]
    report = compare_generation(run, saved, model="other")
    assert report.passed and [c.name for c in report.checks] == ["pass rate story"]
    assert any("lesson: no case in common" in note for note in report.notes)
    assert any("made with m" in note for note in report.notes)


@pytest.mark.parametrize(
    "run",
    [
        [outcome("a", Job.LESSON, True)],  # a job the baseline does not have
        [outcome("z", Job.STORY, True)],  # a case the baseline does not have
        [],  # no outcome at all
    ],
)
def test_a_run_that_shares_nothing_with_the_baseline_fails(run: list[JobOutcome]) -> None:
    """It printed "gate passed" over an empty table once: comparing nothing is no pass."""
    report = compare_generation(run, baseline({Job.STORY: {"a": True}}))
    assert not report.passed and not report.checks
    (failure,) = report.failures
    assert failure.startswith("nothing was compared") and "c.yaml" in failure


def test_an_agreement_baseline_without_criteria_fails() -> None:
    empty = AgreementBaseline(created=NOW, labelled_file="l.yaml", agreement={})
    report = compare_agreement([AgreementRow(key="story/prose", agreement=1.0, count=3)], empty)
    assert not report.passed and "nothing was compared" in report.failures[0]


def test_agreement_drop_past_its_margin_fails_and_a_lost_criterion_fails() -> None:
    saved = AgreementBaseline(
        created=NOW, labelled_file="l.yaml", agreement={"lesson/length": 1.0, "story/prose": 1.0}
    )
    rows = [
        AgreementRow(key="lesson/length", agreement=0.96, count=25),
        AgreementRow(key="story/prose", agreement=0.9, count=10),
        AgreementRow(key="story/new", agreement=0.5, count=2),
    ]
    report = compare_agreement(rows, saved)
    by_name = {c.name: c.passed for c in report.checks}
    assert by_name == {"agreement lesson/length": True, "agreement story/prose": False}
    assert any("story/new" in note for note in report.notes)
    lost = compare_agreement(rows[:1], saved)
    assert not lost.passed and "story/prose" in lost.failures[0]


def _parted(case: str, publishable: int, total: int) -> JobOutcome:
    parts = [
        ReaderPart(name=f"p{i}", text="x", found={} if i < publishable else {"fragment": "cut"})
        for i in range(total)
    ]
    return outcome(case, Job.STORY, True).model_copy(update={"reader_parts": parts})


def test_the_publishable_share_may_drop_by_five_points_and_no_more() -> None:
    saved = generation_baseline_of([_parted("a", 20, 20)])
    kept = compare_generation([_parted("a", 19, 20)], saved)  # 100 % -> 95 %
    assert kept.passed
    assert [c.name for c in kept.checks] == ["publishable story", "pass rate story"]
    dropped = compare_generation([_parted("a", 18, 20)], saved)  # 100 % -> 90 %
    assert not dropped.passed
    assert dropped.checks[0].change == pytest.approx(-0.10)


def test_a_baseline_without_publishable_figures_still_compares_the_pass_rate() -> None:
    report = compare_generation([_parted("a", 0, 3)], baseline({Job.STORY: {"a": True}}))
    assert report.passed and [c.name for c in report.checks] == ["pass rate story"]


def generation_baseline_of(outcomes: list[JobOutcome]) -> GenerationBaseline:
    result = RunResult(
        started=NOW,
        seconds=1.0,
        cases_file="c.yaml",
        cases_version=1,
        model="m",
        judge_model=None,
        epochs=1,
        jobs=[Job.STORY],
        case_ids=["a"],
        outcomes=outcomes,
    )
    return generation_baseline(result)
