"""``GET /analytics`` and ``GET /analytics/decisions.csv``: how the programme is doing.

For reviewers and admins (members and leaders get 403), always of the caller's own
organisation. The page ``/analytics`` renders the same figures.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from service.analytics import decision_rows, decisions_csv, programme_figures
from service.http.deps import KnowledgeDep, ReviewerDep, SessionDep
from service.http.routing import CommittingRoute
from service.http.schemas.analytics import AnalyticsPublic

router = APIRouter(route_class=CommittingRoute, prefix="/analytics", tags=["analytics"])

CSV: dict[int | str, dict[str, Any]] = {
    200: {"description": "One row per review decision.", "content": {"text/csv": {}}}
}


@router.get("")
def analytics(caller: ReviewerDep, session: SessionDep, knowledge: KnowledgeDep) -> AnalyticsPublic:
    """The organisation's figures, computed now from its history and corpus."""
    figures = programme_figures(session, knowledge, caller.person)
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
