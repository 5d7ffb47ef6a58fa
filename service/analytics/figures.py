"""The review figures: approval rate and rubric pass rates per week, time from submit to
publish, queue age and reflections per story. Pure functions of ``records``.

Weeks are ISO weeks, named by their Monday, and every week between the first and the last
decision is listed (an empty week is a gap in the chart, not a week that silently vanished).
A rate over nothing is ``None``, never 0: "no decisions" is not "nothing approved".
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from service.store.enums import AuditAction

from .records import Decision, PublishedStory, ReviewStep, Waiting


class Figure(BaseModel):
    model_config = ConfigDict(frozen=True)


class WeeklyApproval(Figure):
    week: date
    """The Monday of the ISO week."""
    decisions: int
    approved: int
    rate: float | None
    """Approved ÷ decisions (approve, reject, request changes); ``None`` without decisions."""


class CriterionWeek(Figure):
    week: date
    scored: int
    """Decided lessons whose rubric result scored this criterion."""
    passed: int
    rate: float | None


class CriterionTrend(Figure):
    criterion: str
    weeks: list[CriterionWeek]
    overall: float | None
    """Pass rate over all weeks."""


class Durations(Figure):
    """Hours from a lesson's first submission to its publication."""

    count: int
    median_hours: float | None
    p90_hours: float | None
    """Nearest-rank 90th percentile: a real lesson's duration, not an interpolation."""


class QueueItem(Figure):
    lesson_id: int
    title: str
    age_days: float


class QueueAge(Figure):
    count: int
    median_days: float | None
    oldest_days: float | None
    items: list[QueueItem]
    """Oldest first."""


class StoryReflections(Figure):
    story_id: int
    title: str
    reflections: int


class Reflections(Figure):
    stories: int
    reflections: int
    per_story: float | None
    """Mean reflections per published story."""
    items: list[StoryReflections]
    """Most reflected first."""


def week_of(moment: datetime) -> date:
    """The Monday of ``moment``'s ISO week (in UTC)."""
    day = moment.date()
    return day - timedelta(days=day.weekday())


def weeks_spanning(moments: Iterable[datetime]) -> list[date]:
    """Every week from the first moment's to the last one's; none without moments."""
    weeks = sorted({week_of(m) for m in moments})
    if not weeks:
        return []
    count = (weeks[-1] - weeks[0]).days // 7 + 1
    return [weeks[0] + timedelta(weeks=i) for i in range(count)]


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def approval_by_week(decisions: Sequence[Decision]) -> list[WeeklyApproval]:
    """Per week, how many decisions were made and what share of them approved the lesson."""
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for decision in decisions:
        tally = counts[week_of(decision.at)]
        tally[0] += 1
        tally[1] += decision.action is AuditAction.APPROVE
    return [
        WeeklyApproval(
            week=w,
            decisions=counts[w][0],
            approved=counts[w][1],
            rate=_rate(counts[w][1], counts[w][0]),
        )
        for w in weeks_spanning(d.at for d in decisions)
    ]


def criteria_by_week(decisions: Sequence[Decision]) -> list[CriterionTrend]:
    """Per rubric criterion and week, the share of decided lessons that passed it.

    Counted at the decision, on the result the reviewer saw; unscored results (no judge
    configured, say) are left out rather than counted as failures.
    """
    weeks = weeks_spanning(d.at for d in decisions)
    tallies: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for decision in decisions:
        for criterion, passed in decision.criteria.items():
            if passed is None:
                continue
            tally = tallies[criterion][week_of(decision.at)]
            tally[0] += 1
            tally[1] += passed
    trends = []
    for criterion in sorted(tallies):
        per_week = tallies[criterion]
        scored_total = sum(t[0] for t in per_week.values())
        passed_total = sum(t[1] for t in per_week.values())
        trends.append(
            CriterionTrend(
                criterion=criterion,
                weeks=[
                    CriterionWeek(
                        week=w,
                        scored=per_week[w][0],
                        passed=per_week[w][1],
                        rate=_rate(per_week[w][1], per_week[w][0]),
                    )
                    for w in weeks
                ],
                overall=_rate(passed_total, scored_total),
            )
        )
    return trends


def nearest_rank(values: Sequence[float], share: float) -> float:
    """The smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def submit_to_publish(steps: Sequence[ReviewStep]) -> Durations:
    """From each published lesson's first submission to its first publication.

    The first of each: a lesson sent back for changes keeps its clock running, since the
    leader waited through the round trip too; a republished lesson is counted once.
    """
    submitted: dict[int, datetime] = {}
    published: dict[int, datetime] = {}
    for step in sorted(steps, key=lambda s: s.at):
        if step.action is AuditAction.SUBMIT:
            submitted.setdefault(step.lesson_id, step.at)
        elif step.action is AuditAction.PUBLISH and step.lesson_id in submitted:
            published.setdefault(step.lesson_id, step.at)
    hours = [(published[i] - submitted[i]).total_seconds() / 3600 for i in published]
    if not hours:
        return Durations(count=0, median_hours=None, p90_hours=None)
    return Durations(
        count=len(hours), median_hours=statistics.median(hours), p90_hours=nearest_rank(hours, 0.9)
    )


def queue_age(waiting: Sequence[Waiting], now: datetime) -> QueueAge:
    """How long the lessons in the queue have waited since they were submitted."""
    items = sorted(
        (
            QueueItem(
                lesson_id=w.lesson_id,
                title=w.title,
                age_days=(now - w.submitted_at).total_seconds() / 86400,
            )
            for w in waiting
        ),
        key=lambda item: -item.age_days,
    )
    ages = [item.age_days for item in items]
    return QueueAge(
        count=len(items),
        median_days=statistics.median(ages) if ages else None,
        oldest_days=ages[0] if ages else None,
        items=items,
    )


def reflections_per_story(stories: Sequence[PublishedStory]) -> Reflections:
    """How many reflections each published story drew, and the mean."""
    total = sum(s.reflections for s in stories)
    items = sorted(
        (
            StoryReflections(story_id=s.story_id, title=s.title, reflections=s.reflections)
            for s in stories
        ),
        key=lambda item: (-item.reflections, item.title.lower()),
    )
    return Reflections(
        stories=len(stories),
        reflections=total,
        per_story=total / len(stories) if stories else None,
        items=items,
    )
