"""``GET /analytics``, ``GET /analytics/decisions.csv`` and ``GET /analytics/follow-ups.csv``:
how the programme is doing, and what stuck.

For reviewers and admins (members and leaders get 403), always of the caller's own
organisation. The page ``/analytics`` renders the same figures.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from service.analytics import (
    answer_rows,
    answers_csv,
    decision_rows,
    decisions_csv,
    programme_figures,
)
from service.http.deps import KnowledgeDep, NowDep, ReviewerDep, SessionDep
from service.http.routing import CommittingRoute
from service.http.schemas.analytics import AnalyticsPublic

router = APIRouter(route_class=CommittingRoute, prefix="/analytics", tags=["analytics"])

CSV: dict[int | str, dict[str, Any]] = {
    200: {"description": "One row per review decision.", "content": {"text/csv": {}}}
}
ANSWERS_CSV: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One row per follow-up that has come back, answered or not.",
        "content": {"text/csv": {}},
    }
}


@router.get("")
def analytics(
    caller: ReviewerDep, session: SessionDep, knowledge: KnowledgeDep, now: NowDep
) -> AnalyticsPublic:
    """The organisation's figures, computed now from its history and corpus."""
    figures = programme_figures(session, knowledge, caller.person, now=now)
    return AnalyticsPublic.model_validate(figures.model_dump())


@router.get("/decisions.csv", response_class=Response, responses=CSV)
def decisions(caller: ReviewerDep, session: SessionDep) -> Response:
    """Every review decision of the organisation with its rubric result, as CSV."""
    content = decisions_csv(decision_rows(session, caller.person))
    return Response(
        content,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{caller.org}-decisions.csv"'},
    )


@router.get("/follow-ups.csv", response_class=Response, responses=ANSWERS_CSV)
def follow_up_answers(caller: ReviewerDep, session: SessionDep, now: NowDep) -> Response:
    """Every follow-up of the organisation that has come back, with what the member recalled
    and tried and the leader's reply, as CSV."""
    content = answers_csv(answer_rows(session, caller.person, now))
    return Response(
        content,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{caller.org}-follow-ups.csv"'},
    )
