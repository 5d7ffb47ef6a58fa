"""``GET /stories/{id}/card``: a story's session card as a page to print (one A4 page).

The card is in the story's language; the few controls around it (print, download the PDF,
back to the story) are in the page language and are not printed.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from service.errors import NotFound, StoryRetired
from service.http.cards import story_card
from service.http.deps import SessionDep, SettingsDep
from service.http.ids import StoryId
from service.http.routing import CommittingRoute

from .rendering import PageCaller, not_found, render

router = APIRouter(route_class=CommittingRoute)


@router.get("/stories/{story_id}/card")
def card_page(
    request: Request,
    story_id: StoryId,
    caller: PageCaller,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """The card; for a retired story, its page (which says why there is no card)."""
    try:
        card = story_card(session, caller.person, story_id, request, settings)
    except NotFound:
        return not_found(request, caller)
    except StoryRetired:
        return RedirectResponse(f"/stories/{story_id}#retired", status_code=303)
    return render(request, "card.html", caller, {"card": card})
