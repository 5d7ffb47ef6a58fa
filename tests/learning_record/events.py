"""Plain helpers: learning events and their statements, for the unit tests."""

from __future__ import annotations

from datetime import UTC, datetime

from service.learning_record import LearningAct, LearningEvent, Statement, build_statement
from service.vocabulary import Language

PUBLIC_URL = "https://coach.example.com"
AT = datetime(2026, 3, 4, 9, 30, 15, 123456, tzinfo=UTC)


def event(
    act: LearningAct = LearningAct.OPENED_STORY,
    *,
    language: Language = Language.EN,
    title: str = "The battery that got hot",
    occurrence: str = "1",
    person_id: int = 7,
    subject_id: int = 3,
    response: str | None = None,
) -> LearningEvent:
    return LearningEvent(
        act=act,
        org="acme",
        person_id=person_id,
        subject_id=subject_id,
        title=title,
        language=language,
        occurrence=occurrence,
        at=AT,
        response=response,
    )


def statements(count: int) -> list[Statement]:
    return [build_statement(event(occurrence=str(n)), PUBLIC_URL) for n in range(count)]
