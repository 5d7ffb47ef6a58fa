"""The one place where domain errors become HTTP responses.

Every error body has the same shape: ``{"error": {"code", "message", "field"}}``, so a client
can always show the field and the reason. When the model fails, ``message`` says so in plain
words a person can read; which step failed and why goes to the log and to ``detail``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from service.chat import NoDraft, NothingToAnswer
from service.errors import (
    EmptyOrganisation,
    GenerationFailed,
    InvalidInput,
    ModelUnavailable,
    NotFound,
    StoryCoachError,
)
from service.http.auth import CsrfFailed, NotAuthenticated
from service.review.states import InvalidTransition
from service.store.access import NotAllowed

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
}


MODEL_UNAVAILABLE = (
    "the coach cannot be reached right now; nothing you sent is lost, please try again in a minute"
)
GENERATION_FAILED = (
    "the coach did not manage to write a usable answer this time; nothing you sent is lost, "
    "please try again"
)


@dataclass(frozen=True)
class ErrorInfo:
    """A domain error as a response says it."""

    status: int
    code: str
    message: str
    """Plain words, fit to show a person."""
    field: str | None = None
    """The request field at fault, if one is."""
    detail: str | None = None
    """The technical reason, for developers (never needed to understand ``message``)."""


def error_body(
    code: str, message: str, field: str | None = None, detail: str | None = None
) -> dict[str, object]:
    error: dict[str, object] = {"code": code, "message": message, "field": field}
    if detail is not None:
        error["detail"] = detail
    return {"error": error}


def describe_error(exc: BaseException) -> ErrorInfo:
    """A domain error as the handlers below answer it; for surfaces that report errors
    without a response of their own (SSE events, the OpenAI-compatible routes) too."""
    if isinstance(exc, InvalidInput):
        return ErrorInfo(422, "invalid_input", exc.reason, exc.field)
    if isinstance(exc, NotFound):
        return ErrorInfo(404, "not_found", str(exc))
    if isinstance(exc, EmptyOrganisation):
        return ErrorInfo(409, "empty_organisation", str(exc), "org")
    if isinstance(exc, NoDraft):
        return ErrorInfo(409, "no_draft", str(exc), "conversation")
    if isinstance(exc, NothingToAnswer):
        return ErrorInfo(409, "nothing_to_answer", str(exc), "conversation")
    if isinstance(exc, ModelUnavailable):
        log.warning("the model failed: %s", exc)
        return ErrorInfo(503, "model_unavailable", MODEL_UNAVAILABLE, detail=str(exc))
    if isinstance(exc, GenerationFailed):
        log.warning("a generation step failed: %s", exc)
        return ErrorInfo(
            502, "generation_failed", GENERATION_FAILED, detail=f"{exc.step}: {exc.reason}"
        )
    if isinstance(exc, StoryCoachError):
        log.error("error: %s", exc)
        return ErrorInfo(500, "error", "something went wrong on our side", detail=str(exc))
    log.exception("unexpected error", exc_info=exc)
    return ErrorInfo(500, "internal_error", "something went wrong on our side")


def _json(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, field), status_code=status)


def _described(exc: BaseException) -> JSONResponse:
    info = describe_error(exc)
    return JSONResponse(
        error_body(info.code, info.message, info.field, info.detail), status_code=info.status
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InvalidInput)
    async def _invalid(_: Request, exc: InvalidInput) -> JSONResponse:
        return _json(422, "invalid_input", exc.reason, exc.field)

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return _json(404, "not_found", str(exc))

    @app.exception_handler(EmptyOrganisation)
    async def _empty(_: Request, exc: EmptyOrganisation) -> JSONResponse:
        return _json(409, "empty_organisation", str(exc), "org")

    @app.exception_handler(InvalidTransition)
    async def _transition(_: Request, exc: InvalidTransition) -> JSONResponse:
        return _json(409, "invalid_transition", str(exc), "state")

    @app.exception_handler(NotAuthenticated)
    async def _unauthenticated(_: Request, exc: NotAuthenticated) -> JSONResponse:
        response = _json(401, exc.code, exc.message)
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(NotAllowed)
    async def _forbidden(_: Request, exc: NotAllowed) -> JSONResponse:
        return _json(403, "forbidden", exc.reason)

    @app.exception_handler(CsrfFailed)
    async def _csrf(_: Request, exc: CsrfFailed) -> JSONResponse:
        return _json(403, "csrf_failed", exc.message, "csrf_token")

    @app.exception_handler(ModelUnavailable)
    async def _model(_: Request, exc: ModelUnavailable) -> JSONResponse:
        return _described(exc)

    @app.exception_handler(GenerationFailed)
    async def _generation(_: Request, exc: GenerationFailed) -> JSONResponse:
        return _described(exc)

    @app.exception_handler(NoDraft)
    async def _no_draft(_: Request, exc: NoDraft) -> JSONResponse:
        return _described(exc)

    @app.exception_handler(NothingToAnswer)
    async def _nothing(_: Request, exc: NothingToAnswer) -> JSONResponse:
        return _described(exc)

    @app.exception_handler(StoryCoachError)
    async def _other(_: Request, exc: StoryCoachError) -> JSONResponse:
        return _described(exc)

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "error")
        return JSONResponse(
            error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        if first.get("type") == "json_invalid":
            return _json(400, "malformed_json", "the request body is not valid JSON", "body")
        location = [str(part) for part in first["loc"] if part not in ("query", "body", "path")]
        field = ".".join(location) or None
        return JSONResponse(
            {**error_body("invalid_input", first["msg"], field), "errors": jsonable(exc)},
            status_code=422,
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return _json(500, "internal_error", "something went wrong on our side")


def jsonable(exc: RequestValidationError) -> list[dict[str, object]]:
    return [
        {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
    ]
