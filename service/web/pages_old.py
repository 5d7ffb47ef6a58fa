"""The pages. Handlers only gather what a template needs; logic stays in the use cases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from service.api.deps import KnowledgeDep, SettingsDep
from service.errors import EmptyOrganisation, InvalidInput
from service.knowledge import DocumentKind, Language, SearchFilters, SearchHit

from .i18n import pick_language, translator
from .markdown import plain_text

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["plain"] = plain_text
router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    knowledge: KnowledgeDep,
    settings: SettingsDep,
    q: str = "",
    kind: Annotated[str, Query()] = "",
    language: Annotated[str, Query()] = "",
    lang: str | None = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> HTMLResponse:
    ui = pick_language(lang, accept_language)
    hits: list[SearchHit] = []
    problem = None
    if q.strip():
        try:
            filters = SearchFilters(
                kind=DocumentKind(kind) if kind in set(DocumentKind) else None,
                language=Language(language) if language in set(Language) else None,
            )
            hits = knowledge.search(settings.default_org, q, k=8, filters=filters)
        except (InvalidInput, EmptyOrganisation) as exc:
            problem = str(exc)
    return templates.TemplateResponse(
        request,
        "search.html",
        {
            "t": translator(ui),
            "ui": ui.value,
            "q": q,
            "kind": kind,
            "language": language,
            "hits": hits,
            "problem": problem,
            "kinds": list(DocumentKind),
        },
    )
