"""The analytics page: the programme's figures as charts a reviewer reads at a glance.

The figures are ``service.analytics``'s (the same as ``GET /api/analytics``); the charts are
SVG drawn by the templates (``_charts.html``). See that file for why there is no charting
library.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from service.analytics import programme_figures
from service.http.auth import Caller
from service.http.deps import KnowledgeDep, NowDep, SessionDep
from service.http.routing import CommittingRoute
from service.store import Role

from .rendering import page_for, render

router = APIRouter(route_class=CommittingRoute)
ReviewerPage = Annotated[Caller, Depends(page_for(Role.REVIEWER))]


@router.get("/analytics")
def analytics_page(
    request: Request,
    caller: ReviewerPage,
    session: SessionDep,
    knowledge: KnowledgeDep,
    now: NowDep,
) -> HTMLResponse:
    figures = programme_figures(session, knowledge, caller.person, now=now)
    return render(request, "analytics.html", caller, {"figures": figures})
