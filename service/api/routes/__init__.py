"""HTTP routes, one module per resource; ``install_api`` adds them all to an app."""

from __future__ import annotations

from fastapi import FastAPI

from . import (
    analytics,
    cards,
    conversations,
    docs,
    exports,
    follow_ups,
    health,
    lessons,
    me,
    openai_compat,
    review,
    search,
    signin,
    stories,
    story_lessons,
    team,
)


def install_api(app: FastAPI) -> None:
    """Add the health check, the API docs, sign-in, ``/api`` and the OpenAI-compatible
    ``/v1`` routes (with the error shape OpenAI clients expect) to ``app``."""
    openai_compat.install_openai_errors(app)
    app.include_router(health.router)
    app.include_router(docs.router)
    app.include_router(signin.router)
    routers = (
        search,
        me,
        stories,
        story_lessons,
        cards,
        team,
        follow_ups,
        lessons,
        exports,
        review,
        conversations,
        analytics,
    )
    for module in routers:
        app.include_router(module.router, prefix="/api")
    app.include_router(openai_compat.router, prefix="/v1")


__all__ = ["install_api"]
