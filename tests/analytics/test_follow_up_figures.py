"""What stuck, computed from known follow-ups: only those that came back count, days to
answer start when they came back, and what people tried is kept per lesson and story."""

from __future__ import annotations

from service.analytics import follow_up_figures
from service.analytics.follow_ups import TRIED_SHOWN
from service.analytics.records import FollowUpRecord
from tests.analytics.factories import at


def record(
    kind: str, subject: int, due: float, answered: float | None = None, tried: str = ""
) -> FollowUpRecord:
    return FollowUpRecord(
        kind=kind,
        subject_id=subject,
        title=f"{kind} {subject}",
        due_at=at(due),
        answered_at=None if answered is None else at(answered),
        tried=tried or None,
    )


def test_nothing_due_is_no_rate_not_zero() -> None:
    figures = follow_up_figures([record("story", 1, due=10)], now=at(5))
    assert (figures.due, figures.answered, figures.rate) == (0, 0, None)
    assert figures.median_days_to_answer is None and figures.subjects == []


def test_the_rate_and_days_to_answer_count_what_came_back() -> None:
    records = [
        record("lesson", 7, due=0, answered=1, tried="Took the call"),
        record("story", 3, due=0, answered=3, tried="Asked the line first"),
        record("story", 3, due=1),  # came back, not answered
        record("story", 3, due=2, answered=1.5, tried="Early, after a shorter delay"),
        record("story", 3, due=30, answered=None),  # not back yet: not counted
    ]
    figures = follow_up_figures(records, now=at(10))
    assert (figures.due, figures.answered) == (4, 3)
    assert figures.rate == 3 / 4
    assert figures.median_days_to_answer == 1.0  # 1, 3 and 0 (never below 0)
    assert figures.p90_days_to_answer == 3.0
    story, lesson = figures.subjects
    assert (story.kind, story.subject_id, story.due, story.answered) == ("story", 3, 3, 2)
    assert story.tried == ["Asked the line first", "Early, after a shorter delay"]  # newest first
    assert (lesson.kind, lesson.rate, lesson.tried) == ("lesson", 1.0, ["Took the call"])


def test_what_people_tried_is_capped_per_subject() -> None:
    records = [
        record("story", 1, due=0, answered=n, tried=f"Try {n}") for n in range(TRIED_SHOWN + 3)
    ]
    [story] = follow_up_figures(records, now=at(20)).subjects
    assert story.answered == TRIED_SHOWN + 3
    assert story.tried == [f"Try {n}" for n in range(TRIED_SHOWN + 2, 2, -1)]
