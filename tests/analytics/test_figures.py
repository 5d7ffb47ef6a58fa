"""Every review figure on a known history: the numbers a reviewer reads are the right ones."""

from __future__ import annotations

from datetime import date

import pytest

from service.analytics.figures import (
    approval_by_week,
    criteria_by_week,
    nearest_rank,
    queue_age,
    reflections_per_story,
    submit_to_publish,
    week_of,
    weeks_spanning,
)
from service.store.enums import AuditAction
from tests.analytics.factories import at, decision, step, story, waiting

APPROVE, REJECT, CHANGES = AuditAction.APPROVE, AuditAction.REJECT, AuditAction.REQUEST_CHANGES
SUBMIT, PUBLISH = AuditAction.SUBMIT, AuditAction.PUBLISH


def test_a_week_is_named_by_its_monday() -> None:
    assert week_of(at(0)) == date(2026, 3, 2)
    assert week_of(at(6.5)) == date(2026, 3, 2)  # Sunday evening
    assert week_of(at(7)) == date(2026, 3, 9)


def test_the_weeks_between_are_listed_even_when_empty() -> None:
    assert weeks_spanning([at(15), at(1)]) == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]
    assert weeks_spanning([]) == []


def test_approval_rate_per_week() -> None:
    history = [
        decision(APPROVE, 0, lesson=1),
        decision(CHANGES, 1, lesson=2),
        decision(REJECT, 2, lesson=3),
        decision(APPROVE, 3, lesson=2),
        decision(APPROVE, 15, lesson=4),
    ]
    weeks = approval_by_week(history)
    assert [(w.week, w.decisions, w.approved) for w in weeks] == [
        (date(2026, 3, 2), 4, 2),
        (date(2026, 3, 9), 0, 0),
        (date(2026, 3, 16), 1, 1),
    ]
    assert [w.rate for w in weeks] == [0.5, None, 1.0]  # no decisions is not 0 %


def test_rubric_pass_rate_per_criterion_and_week_leaves_unscored_out() -> None:
    history = [
        decision(APPROVE, 0, facts=True, language=True),
        decision(CHANGES, 1, facts=False, language=True),
        decision(APPROVE, 2, facts=None, language=False),  # facts unscored: not a failure
        decision(APPROVE, 8, facts=True),
    ]
    trends = {t.criterion: t for t in criteria_by_week(history)}
    assert sorted(trends) == ["facts", "language"]
    facts = trends["facts"]
    assert [(w.scored, w.passed, w.rate) for w in facts.weeks] == [(2, 1, 0.5), (1, 1, 1.0)]
    assert facts.overall == pytest.approx(2 / 3)
    language = trends["language"]
    assert [(w.scored, w.passed) for w in language.weeks] == [(3, 2), (0, 0)]
    assert language.weeks[1].rate is None
    assert language.overall == pytest.approx(2 / 3)


def test_submit_to_publish_runs_from_the_first_submission_to_the_first_publication() -> None:
    history = [
        step(1, SUBMIT, 0),
        step(1, CHANGES, 1),
        step(1, SUBMIT, 2),
        step(1, PUBLISH, 4),
        step(2, SUBMIT, 1),
        step(2, PUBLISH, 2),
        step(3, SUBMIT, 0),
        step(3, PUBLISH, 10),
        step(3, PUBLISH, 12),  # republished
        step(4, SUBMIT, 3),  # still in review: not counted
    ]
    durations = submit_to_publish(history)
    assert durations.count == 3
    assert durations.median_hours == pytest.approx(4 * 24)
    assert durations.p90_hours == pytest.approx(10 * 24)


def test_no_publication_gives_no_duration() -> None:
    durations = submit_to_publish([step(1, SUBMIT, 0)])
    assert (durations.count, durations.median_hours, durations.p90_hours) == (0, None, None)


def test_the_90th_percentile_is_a_real_value_by_nearest_rank() -> None:
    values = [float(v) for v in range(1, 11)]
    assert nearest_rank(values, 0.9) == 9.0
    assert nearest_rank(values, 0.5) == 5.0
    assert nearest_rank([7.0], 0.9) == 7.0
    assert nearest_rank([3.0, 1.0, 2.0], 0.9) == 3.0


def test_queue_age_oldest_first() -> None:
    age = queue_age([waiting(1, 5), waiting(2, 1), waiting(3, 8)], now=at(10))
    assert [item.lesson_id for item in age.items] == [2, 1, 3]
    assert [item.age_days for item in age.items] == pytest.approx([9, 5, 2])
    assert age.count == 3
    assert age.oldest_days == pytest.approx(9)
    assert age.median_days == pytest.approx(5)


def test_an_empty_queue() -> None:
    age = queue_age([], now=at(0))
    assert (age.count, age.median_days, age.oldest_days, age.items) == (0, None, None, [])


def test_reflections_per_story() -> None:
    figures = reflections_per_story([story(1, 2, "B"), story(2, 0, "A"), story(3, 4, "C")])
    assert (figures.stories, figures.reflections) == (3, 6)
    assert figures.per_story == pytest.approx(2)
    assert [s.story_id for s in figures.items] == [3, 1, 2]
    assert reflections_per_story([]).per_story is None
