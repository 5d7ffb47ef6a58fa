"""The pages: server-rendered, one module per area; handlers only gather what a template needs.

``install_pages(app)`` adds the routes, the static files and the page-level error handling
(sign-in redirects, friendly 403 pages).
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from service.http.routing import CommittingRoute

from . import analytics, cards, chat, corpus, follow_ups, home, lessons, search, signin, stories
from .rendering import install_page_errors, templates

router = APIRouter(route_class=CommittingRoute, include_in_schema=False)
for _module in (signin, home, search, stories, cards, lessons, follow_ups, chat, analytics, corpus):
    router.include_router(_module.router)


def install_pages(app: FastAPI) -> None:
    install_page_errors(app)
    app.include_router(router)
    app.mount("/static", StaticFiles(packages=[("service.web", "static")]), name="static")


__all__ = ["install_page_errors", "install_pages", "router", "templates"]
