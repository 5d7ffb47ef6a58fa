"""One corpus document (a value, a priority, a story or a published lesson) as a page: where a
citation in a story or a lesson links to (``service.knowledge.citations``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.errors import NotFound
from service.http.deps import KnowledgeDep
from service.http.routing import CommittingRoute

from .rendering import PageCaller, not_found, render

router = APIRouter(route_class=CommittingRoute)


@router.get("/corpus/{document_id}")
def corpus_document_page(
    request: Request, document_id: str, caller: PageCaller, knowledge: KnowledgeDep
) -> HTMLResponse:
    """The document of the caller's organisation; any other id is not found."""
    try:
        document = knowledge.document(caller.org, document_id)
    except (NotFound, ValueError):
        return not_found(request, caller)
    return render(request, "corpus.html", caller, {"document": document})
