"""A run's figures per job and language, each held to its target."""

from __future__ import annotations

import pytest

from service.evaluation.breakdown import GroupSummary, breakdown
from service.evaluation.result import Failure, Job, JobOutcome, PartsCheck
from service.vocabulary import Language


def outcome(
    case: str,
    job: Job = Job.STORY,
    language: Language = Language.EN,
    *,
    passed: bool = True,
    failure: Failure | None = None,
    seconds: float = 10.0,
    parts: PartsCheck | None = None,
) -> JobOutcome:
    made = failure is None
    return JobOutcome(
        case_id=case,
        job=job,
        language=language,
        passed=passed and made,
        seconds=seconds,
        input="account",
        text="# A story" if made else None,
        error=None if made else f"{job.value}.title: failed",
        failure=failure,
        parts=(parts or PartsCheck(total=5)) if made else None,
    )


def by_name(groups: list[GroupSummary]) -> dict[str, GroupSummary]:
    return {g.name: g for g in groups}


def test_groups_per_job_and_language_then_per_job_per_language_and_overall() -> None:
    outcomes = [
        outcome("a"),
        outcome("b", language=Language.NL),
        outcome("a", Job.QUESTIONS),
    ]
    names = [g.name for g in breakdown(outcomes)]
    assert names == [
        "story / en",
        "story / nl",
        "story / both",
        "questions / en",
        "questions / both",
        "all jobs / en",
        "all jobs / nl",
        "all jobs / both",
    ]
    assert breakdown([]) == []


def test_generation_success_counts_the_jobs_that_ran() -> None:
    outcomes = [
        outcome("a"),
        outcome("b", failure="generation"),
        outcome("c", failure="model"),
        outcome("b", Job.LESSON, failure="blocked"),
    ]
    groups = by_name(breakdown(outcomes))
    story = groups["story / both"]
    assert (story.generated.passed, story.generated.total, story.blocked) == (1, 3, 0)
    lesson = groups["lesson / both"]
    assert (lesson.generated.total, lesson.blocked, lesson.passed.total) == (0, 1, 1)
    assert not any(m.startswith("generation") for m in lesson.missed)  # nothing ran
    assert "rubric pass 0%, target ≥ 80%" in lesson.missed


def test_the_whole_run_needs_97_percent_and_each_job_and_language_90() -> None:
    outcomes = [outcome(f"c{i}") for i in range(19)] + [outcome("x", failure="generation")]
    groups = by_name(breakdown(outcomes))
    assert groups["story / en"].generated.rate == pytest.approx(0.95)
    assert groups["story / en"].missed == []  # 95% is above the 90% of one job and language
    assert groups["all jobs / both"].missed[0] == "generation 95%, target ≥ 97%"


def test_fallback_share_unfaithful_parts_and_seconds() -> None:
    unfaithful = PartsCheck(
        total=8, fallbacks=["title", "why"], checked=4, unfaithful={"title": ["x"]}
    )
    outcomes = [
        outcome("a", seconds=2.0, parts=unfaithful),
        outcome("b", seconds=4.0, parts=PartsCheck(total=8, checked=4, chosen=["why", "title"])),
        outcome("c", seconds=30.0, parts=PartsCheck(total=4, checked=2)),
    ]
    story = by_name(breakdown(outcomes))["story / both"]
    assert (story.fallback_parts, story.parts) == (2, 20)
    assert story.chosen_parts == 2  # counted, and no part of the fallback share
    assert story.fallback_share == pytest.approx(0.1)
    assert (story.unfaithful_parts, story.checked_parts) == (1, 10)
    assert story.p50_seconds == 4.0 and story.mean_seconds == pytest.approx(12.0)
    assert story.missed == ["unfaithful parts 1, target 0"]  # a share of exactly 10% is met


def test_an_outcome_saved_before_failures_had_a_kind_reads_as_a_generation_failure() -> None:
    old = JobOutcome.model_validate(
        {
            "case_id": "a",
            "job": "story",
            "language": "en",
            "passed": False,
            "seconds": 1.0,
            "input": "x",
            "error": "story.title: invalid",
        }
    )
    assert old.failure_kind == "generation" and old.parts is None
    (story, *_) = breakdown([old])
    assert story.generated.total == 1 and story.generated.passed == 0


def test_outputs_kept_in_another_language_are_counted_apart() -> None:
    kept = outcome("c2", Job.LESSON).model_copy(update={"written_in": Language.NL})
    groups = by_name(breakdown([outcome("c1", Job.LESSON), kept]))
    assert groups["lesson / en"].untranslated == 1 and groups["all jobs / both"].untranslated == 1
