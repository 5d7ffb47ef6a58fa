"""The FastAPI application factory. Long-lived clients open in the lifespan, not at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service import __version__
from service.knowledge import KnowledgeBase
from service.settings import Settings, get_settings

from .errors import install_error_handlers
from .routes import health, search


def create_app(settings: Settings | None = None, knowledge: KnowledgeBase | None = None) -> FastAPI:
    """Build the app; tests pass their own settings and knowledge base."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.knowledge = knowledge or KnowledgeBase.open(settings)
        yield

    app = FastAPI(
        title="StoryCoach",
        version=__version__,
        summary="Real stories and compact lessons for leaders who train their teams.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(search.router, prefix="/api")

    from service.web import pages

    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("service.web", "static")]), name="static")
    return app
