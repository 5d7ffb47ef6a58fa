"""The FastAPI application factory. Long-lived clients open in the lifespan, not at import.

The one module that sees both surfaces: the JSON API (``service.api``) and the pages
(``service.web``), which share ``service.http`` and never import each other.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp

from service import __version__
from service.api.routes import install_api
from service.coach.model import ChatModel
from service.coach.opening import open_judge, release_models
from service.http.attempts import FailedSignIns
from service.http.deps import Clock
from service.http.errors import install_error_handlers
from service.http.headers import SecurityHeaders
from service.http.limits import MAX_BODY_BYTES, BodySizeLimit
from service.http.model_queue import ModelQueue, queue_limits
from service.knowledge import KnowledgeBase
from service.learning_record import start_learning_record
from service.quality import Judge
from service.review import reconcile_publication
from service.review.rubrics import review_rubrics
from service.settings import Settings, get_settings
from service.store import Database, upgrade_database, upgrade_engine
from service.store.columns import utcnow
from service.web.pages import install_pages


class StoryCoachApp(FastAPI):
    """FastAPI with the security headers outside everything else, Starlette's own error
    middleware included: a middleware added the usual way sits inside that one, so the
    plain 500 it sends for an unexpected exception would go out without them."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(
    settings: Settings | None = None,
    knowledge: KnowledgeBase | None = None,
    *,
    model: ChatModel | None = None,
    database: Database | None = None,
    judge: Judge | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    """Build the app; tests pass their own settings, knowledge base, model, database and judge.

    With an LRS configured, learning events are sent to it as xAPI statements from start to
    stop (``service.learning_record``); the queue is given a moment to empty at stop.
    The database is migrated to the newest schema at start, so a new release upgrades it,
    and any publish or unpublish the last run left half-way is finished or rolled back
    (``review.publication``) before the first request.
    Without a ``model``, the configured one is opened at first use (see ``deps._model``);
    without a ``judge``, the judge-model setting's is opened at start (none when unset), as
    ``storycoach eval score`` opens it, so reviewers see the same judge verdicts.
    ``clock`` tells the time follow-ups fall due by and are given, answered and replied at
    (default: the real time); a test moves its own clock instead of waiting.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.knowledge = knowledge or KnowledgeBase.open(settings)
        if database is not None:
            upgrade_engine(database.engine)
        app.state.database = database or upgrade_database(settings)
        # Before reconciling: a publish finished at start is a lesson published too.
        app.state.learning_record = start_learning_record(settings, app.state.database.sessions)
        reconcile_publication(app.state.database, app.state.knowledge)
        app.state.model = model
        app.state.model_queue = ModelQueue(queue_limits(settings))
        app.state.judge = judge if judge is not None else open_judge(settings)
        app.state.opened_model = judge is None and app.state.judge is not None
        app.state.rubrics = review_rubrics(settings.rubrics_dir)
        try:
            yield
        finally:
            if app.state.learning_record is not None:
                app.state.learning_record.stop()
            if database is None:
                app.state.database.close()
            if app.state.opened_model:
                release_models()

    app = StoryCoachApp(
        title="StoryCoach",
        version=__version__,
        summary="Real stories and compact lessons for leaders who train their teams.",
        lifespan=lifespan,
        docs_url=None,  # served by ``api.routes.docs``, under a policy of its own
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.failed_sign_ins = FailedSignIns()
    app.state.clock = clock or utcnow
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    install_error_handlers(app)
    install_api(app)
    install_pages(app)  # after the API: its routes are matched first
    return app
