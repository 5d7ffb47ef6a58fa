"""``GET /stories/{id}/card.pdf``: a story's session card, one A4 page for a team huddle."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.cards.pdf import card_pdf
from service.http.cards import story_card
from service.http.deps import CallerDep, SessionDep, SettingsDep
from service.http.ids import StoryId
from service.http.routing import CommittingRoute

router = APIRouter(route_class=CommittingRoute, prefix="/stories", tags=["stories"])

PDF: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One A4 page, in the story's language.",
        "content": {"application/pdf": {}},
    }
}


@router.get("/{story_id}/card.pdf", response_class=Response, responses=PDF)
def story_card_pdf(
    story_id: StoryId,
    request: Request,
    caller: CallerDep,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """The story's session card as a PDF: title, core message, the story (or its short form),
    three discussion questions, timings and a space for what the team tries this week, in
    the story's language. For any story the caller may read; 409 for a retired one."""
    card = story_card(session, caller.person, story_id, request, settings)
    return Response(
        card_pdf(card),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="story-{card.story_id}-card.pdf"'},
    )
