"""``GET /search``: the organisation's corpus, for everyone signed in (only their own org)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.errors import EmptyOrganisation, InvalidInput
from service.http.deps import KnowledgeDep
from service.http.routing import CommittingRoute
from service.knowledge import DocumentKind, SearchFilters, SearchHit
from service.knowledge.search import MAX_QUERY_CHARS
from service.vocabulary import language_named

from .rendering import PageCaller, page_language, render

router = APIRouter(route_class=CommittingRoute)


@router.get("/search")
def search_page(
    request: Request,
    caller: PageCaller,
    knowledge: KnowledgeDep,
    q: str = "",
    kind: str = "",
    language: str = "",
) -> HTMLResponse:
    q = q[:MAX_QUERY_CHARS]  # a page answers with a page, never a JSON 422
    hits: list[SearchHit] = []
    problem = None
    empty = False
    if q.strip():
        filters = SearchFilters(
            kind=DocumentKind(kind) if kind in set(DocumentKind) else None,
            language=language_named(language),
        )
        try:
            hits = knowledge.search(caller.org, q, k=8, filters=filters)
        except EmptyOrganisation:
            empty = True
        except InvalidInput as exc:
            problem = f"{exc.field}: {exc.reason_in(page_language(request, caller))}"
    context = {
        "q": q,
        "kind": kind,
        "language": language,
        "hits": hits,
        "problem": problem,
        "empty": empty,
        "kinds": list(DocumentKind),
    }
    return render(request, "search.html", caller, context)
