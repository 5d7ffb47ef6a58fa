"""Run figures and the HTML report: rates with stderr, worst cases first, everything escaped."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.evaluation.report import render_report
from service.evaluation.result import Job, JobOutcome, RunResult
from service.evaluation.summary import (
    Rate,
    criterion_summaries,
    deterministic_failures,
    job_summaries,
    judge_reliability,
    worst_outcomes,
)
from service.quality import Judge, Rubric, ScoringContext, score_document
from service.testing import FakeModel
from service.vocabulary import Language
from tests.conftest import CORPUS
from tests.quality.judge_replies import verdict

GOOD = (CORPUS / "lessons" / "lesson-answer-within-one-day.md").read_text(encoding="utf-8")
INJECTED = "# <script>alert(1)</script>\n\nWe did <b>great</b>. Synergy going forward."


def outcome(rubrics: dict[str, Rubric], case: str, text: str | None, **extra: object) -> JobOutcome:
    score = None
    if text is not None:
        context = ScoringContext(language=Language.EN)
        score = score_document(text, rubrics["lesson"], context=context, **extra)  # type: ignore[arg-type]
    return JobOutcome(
        case_id=case,
        job=Job.LESSON,
        language=Language.EN,
        passed=bool(score and score.passed),
        seconds=2.0,
        input="my account <i>",
        text=text,
        error=None if text is not None else "lesson.why: the model's answer stayed invalid",
        score=score,
    )


def test_rate_and_its_standard_error() -> None:
    assert Rate(passed=3, total=4).stderr == pytest.approx((0.75 * 0.25 / 4) ** 0.5)
    assert Rate(passed=0, total=0).rate == 0.0


def test_summaries_count_generation_failures_and_failing_checks(
    rubrics: dict[str, Rubric],
) -> None:
    outcomes = [
        outcome(rubrics, "good", GOOD),
        outcome(rubrics, "bad", INJECTED),
        outcome(rubrics, "none", None),
    ]
    (lesson,) = job_summaries(outcomes)
    # without a judge the good lesson's must-pass "explains-why" is unjudged: not a pass
    assert outcomes[0].unjudged and not outcomes[0].passed and not outcomes[1].unjudged
    assert (lesson.rate.passed, lesson.rate.total, lesson.generation_failures) == (0, 3, 1)
    assert lesson.failed_steps == {"lesson.why": 1}
    criteria = {c.criterion: c for c in criterion_summaries(outcomes)}
    assert criteria["length"].rate.total == 2 and criteria["length"].failed == 1
    assert criteria["explains-why"].unscored == 2
    failing = deterministic_failures(criteria.values())
    assert failing and all(not c.is_judged and c.failed for c in failing)
    assert [o.case_id for o in worst_outcomes(outcomes, 2)] == ["none", "bad"]


def test_judge_reliability_counts_rejected_epochs(rubrics: dict[str, Rubric]) -> None:
    judged = [c for c in rubrics["lesson"].criteria if c.is_judged]
    quote = "A first answer needs a name, a next step and a date"
    replies = [verdict(3, quote), verdict(3, "words that are not there")] * len(judged)
    judge = Judge(FakeModel(*replies), epochs=2)
    rows = judge_reliability([outcome(rubrics, "good", GOOD, judge=judge)])
    assert {r.criterion for r in rows} == {c.id for c in judged}
    for row in rows:
        assert row.scored == 1 and row.rejected == {"evidence not in the judged text": 1}
        assert row.mean_flip_rate == 0.0


def test_the_report_escapes_model_output_and_loads_nothing(rubrics: dict[str, Rubric]) -> None:
    result = RunResult(
        started=datetime(2026, 11, 28, tzinfo=UTC),
        seconds=3.0,
        cases_file="generation-v1.yaml",
        cases_version=1,
        model="fake <model>",
        judge_model=None,
        epochs=1,
        jobs=[Job.LESSON],
        case_ids=["bad"],
        outcomes=[outcome(rubrics, "bad", INJECTED)],
    )
    html = render_report(result, None)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;great&lt;/b&gt;" in html and "fake &lt;model&gt;" in html
    assert "my account &lt;i&gt;" in html  # the input, in the drill-down
    assert "src=" not in html and "href=" not in html and "@import" not in html
    assert "No baseline" in html


def test_the_report_shows_targets_unfaithful_parts_and_must_pass(
    rubrics: dict[str, Rubric],
) -> None:
    from service.evaluation.result import PartsCheck

    made = outcome(rubrics, "bad", INJECTED)
    made.parts = PartsCheck(
        total=4, fallbacks=["why"], checked=2, unfaithful={"why": ["'<em>grew</em>' is not in it"]}
    )
    result = RunResult(
        started=datetime(2026, 11, 28, tzinfo=UTC),
        seconds=3.0,
        cases_file="generation-v1.yaml",
        cases_version=1,
        model="fake",
        judge_model=None,
        epochs=1,
        jobs=[Job.LESSON],
        case_ids=["bad"],
        outcomes=[made],
    )
    html = render_report(result, None)
    assert "Per job and language, against the targets" in html
    assert "unfaithful parts 1, target 0" in html and "fallback share 25%, target ≤ 10%" in html
    assert "&lt;em&gt;grew&lt;/em&gt;" in html and "(fallback)" in html
    assert "<strong>must pass</strong>" in html  # in the per-criterion table
    assert "fails the output" in html  # a failed must-pass criterion in the drill-down
