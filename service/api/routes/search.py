"""Search over the caller's organisation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.http.deps import CallerDep, KnowledgeDep
from service.http.routing import CommittingRoute
from service.http.schemas import SearchHitPublic, SearchHitsPublic
from service.knowledge import DocumentKind, Outcome, SearchFilters
from service.knowledge.search import MAX_K, MAX_QUERY_CHARS
from service.vocabulary import Language

router = APIRouter(route_class=CommittingRoute, tags=["search"])


@router.get("/search")
def search_corpus(
    knowledge: KnowledgeDep,
    caller: CallerDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="The query.")],
    k: Annotated[int, Query(ge=1, le=MAX_K)] = 5,
    kind: DocumentKind | None = None,
    value: str | None = None,
    language: Language | None = None,
    outcome: Outcome | None = None,
    tag: Annotated[list[str] | None, Query()] = None,
) -> SearchHitsPublic:
    """Hybrid search over the caller's organisation, best first (never another's)."""
    filters = SearchFilters(
        kind=kind, value=value, language=language, outcome=outcome, tags=tuple(tag or ())
    )
    hits = knowledge.search(caller.org, q, k=k, filters=filters)
    data = [SearchHitPublic.model_validate(h.model_dump()) for h in hits]
    return SearchHitsPublic(data=data, count=len(data))
