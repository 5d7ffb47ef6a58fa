"""What stuck: how many follow-ups that came back were answered, how soon, and what people
tried, per lesson and story. Pure functions of ``records.FollowUpRecord``.

Only follow-ups that have fallen due count: one not due yet could not have been answered.
A rate over nothing is ``None``, never 0. Days to answer are counted from when it fell due
(never below 0: a shorter delay set later can make an answer look early).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from .figures import Figure, nearest_rank
from .records import FollowUpRecord

TRIED_SHOWN = 5
"""The newest answers per lesson or story the figures carry (the CSV has every one)."""


class SubjectAnswers(Figure):
    kind: str
    """``lesson`` (a 1:1 lesson given) or ``story`` (a story teams discussed)."""
    subject_id: int
    title: str
    due: int
    answered: int
    rate: float | None
    tried: list[str]
    """What people tried, newest first (at most ``TRIED_SHOWN``)."""


class FollowUpFigures(Figure):
    due: int
    """Follow-ups that have come back (fallen due), answered or not."""
    answered: int
    rate: float | None
    """Answered ÷ due; ``None`` while none is due."""
    median_days_to_answer: float | None
    p90_days_to_answer: float | None
    subjects: list[SubjectAnswers]
    """Per lesson and story with follow-ups due: most answered first."""


def follow_up_figures(records: Sequence[FollowUpRecord], now: datetime) -> FollowUpFigures:
    due = [r for r in records if r.due_at <= now]
    answered = [r for r in due if r.answered_at is not None]
    days = [
        max(0.0, (r.answered_at - r.due_at).total_seconds() / 86400)
        for r in answered
        if r.answered_at is not None
    ]
    grouped: dict[tuple[str, int], list[FollowUpRecord]] = defaultdict(list)
    for record in due:
        grouped[(record.kind, record.subject_id)].append(record)
    subjects = [_subject(rows) for rows in grouped.values()]
    subjects.sort(key=lambda s: (-s.answered, -s.due, s.title.lower(), s.subject_id))
    return FollowUpFigures(
        due=len(due),
        answered=len(answered),
        rate=len(answered) / len(due) if due else None,
        median_days_to_answer=statistics.median(days) if days else None,
        p90_days_to_answer=nearest_rank(days, 0.9) if days else None,
        subjects=subjects,
    )


def _subject(rows: list[FollowUpRecord]) -> SubjectAnswers:
    answered = sorted(
        (r for r in rows if r.answered_at is not None),
        key=lambda r: r.answered_at or r.due_at,
        reverse=True,
    )
    first = rows[0]
    return SubjectAnswers(
        kind=first.kind,
        subject_id=first.subject_id,
        title=first.title,
        due=len(rows),
        answered=len(answered),
        rate=len(answered) / len(rows),
        tried=[r.tried for r in answered[:TRIED_SHOWN] if r.tried],
    )
