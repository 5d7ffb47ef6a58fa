"""The one place where errors become HTTP answers.

Every error body has the same shape: ``{"error": {"code", "message", "field"}}``, so a client
can always show the field and the reason. When the model fails, or anything unexpected
happens, ``message`` is fixed plain words in the caller's language (``errors`` words;
``language.request_language``) and ``code`` is stable; what really happened (the provider's
message, an exception's text, which may hold a path, a URL or a key) goes to the server log
only, never into a response. Bad input is told its reason in the caller's language too (the
``invalid`` words, by the ``InvalidInput``'s code), with the field it is about. A generation
failure names its step in ``detail``, an internal id, not the reason.

``ERRORS`` is the only table from exception type to status, code and message. The exception
handlers answer from it, and so do the surfaces that report an error without a response of
their own (SSE ``error`` events, the OpenAI-compatible routes), through ``describe_error``:
an error reads the same wherever it surfaces.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from service.chat import NoDraft, NothingToAnswer
from service.errors import (
    DatabaseBusy,
    EmptyOrganisation,
    GenerationFailed,
    InvalidInput,
    ModelUnavailable,
    NotFound,
    NotPublished,
    StoryCoachError,
    StoryRetired,
)
from service.review import FourEyes
from service.review.states import InvalidTransition
from service.store.access import NotAllowed
from service.vocabulary import Language
from service.words import load_words

from .attempts import TooManyFailedSignIns
from .auth import CrossSiteRequest, CsrfFailed, NotAuthenticated
from .language import request_language
from .model_queue import QueueFull

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


RETRY_AFTER_SECONDS = 5
"""What a 503 for a locked database asks the client to wait."""


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
    headers: Mapping[str, str] | None = None
    """Response headers the error needs (``WWW-Authenticate`` for a 401)."""


Read = Callable[[Any], str]
"""Reads a value from the exception being answered."""


@dataclass(frozen=True)
class Said:
    """Fixed words from the ``errors`` words, in the caller's language; ``values`` fills
    their placeholders from the exception."""

    key: str
    values: Callable[[Any], Mapping[str, object]] | None = None

    def words(self, exc: BaseException, language: Language) -> str:
        text = load_words("errors", language)[self.key]
        return text.format(**self.values(exc)) if self.values else text


@dataclass(frozen=True)
class Told:
    """Words the exception itself tells in the caller's language: an ``InvalidInput``'s
    reason (a code of the ``invalid`` words)."""

    def words(self, exc: BaseException, language: Language) -> str:
        return exc.reason_in(language) if isinstance(exc, InvalidInput) else str(exc)


@dataclass(frozen=True)
class ErrorRow:
    """How one exception type (and its subclasses, unless they have a row) is answered."""

    status: int
    code: str | Read
    message: str | Read | Said | Told = str
    """Fixed plain words in the caller's language, or read from the exception (by default
    its own text: only for errors whose text is written for the caller)."""
    field: str | Read | None = None
    detail: Read | None = None
    """A stable internal id for developers (a generation step); never an exception's text."""
    logged: str | None = None
    """Log this text (``%s`` is the exception) at ``level``, for failures worth a look."""
    level: int = logging.WARNING
    headers: Mapping[str, str] | Callable[[Any], Mapping[str, str]] | None = None
    """Fixed headers, or read from the exception (``Retry-After``)."""


ERRORS: dict[type[Exception], ErrorRow] = {
    InvalidInput: ErrorRow(422, "invalid_input", Told(), attrgetter("field")),
    NotFound: ErrorRow(404, "not_found"),
    EmptyOrganisation: ErrorRow(409, "empty_organisation", field="org"),
    InvalidTransition: ErrorRow(409, "invalid_transition", field="state"),
    NotPublished: ErrorRow(409, "not_published", field="state"),
    StoryRetired: ErrorRow(409, "story_retired", Said("story_retired"), "story"),
    NoDraft: ErrorRow(409, "no_draft", field="conversation"),
    NothingToAnswer: ErrorRow(409, "nothing_to_answer", field="conversation"),
    NotAuthenticated: ErrorRow(
        401, attrgetter("code"), attrgetter("message"), headers={"WWW-Authenticate": "Bearer"}
    ),
    NotAllowed: ErrorRow(403, "forbidden", attrgetter("reason")),
    FourEyes: ErrorRow(403, "four_eyes", attrgetter("reason"), "state"),
    CsrfFailed: ErrorRow(403, "csrf_failed", attrgetter("message"), "csrf_token"),
    CrossSiteRequest: ErrorRow(
        403, "csrf_failed", Said("cross_site"), "origin", logged="refused a cross-site %s"
    ),
    TooManyFailedSignIns: ErrorRow(
        429,
        "too_many_failed_sign_ins",
        Said("too_many_sign_ins", lambda exc: {"seconds": exc.retry_after}),
        headers=lambda exc: {"Retry-After": str(exc.retry_after)},
    ),
    QueueFull: ErrorRow(
        429,
        "model_busy",
        attrgetter("message"),  # already in the caller's language (model_queue.py)
        headers=lambda exc: {"Retry-After": str(exc.retry_after)},
    ),
    ModelUnavailable: ErrorRow(
        503, "model_unavailable", Said("model_unavailable"), logged="the model failed: %s"
    ),
    DatabaseBusy: ErrorRow(
        503,
        "database_busy",
        Said("database_busy"),
        detail=attrgetter("reason"),
        logged="the database stayed locked: %s",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    ),
    GenerationFailed: ErrorRow(
        502,
        "generation_failed",
        Said("generation_failed"),
        detail=attrgetter("step"),
        logged="a generation step failed: %s",
    ),
    StoryCoachError: ErrorRow(
        500, "error", Said("unexpected"), logged="error: %s", level=logging.ERROR
    ),
}
"""Exception type → answer. A subclass without a row of its own is answered by its nearest
ancestor's (``CorpusNotFound`` as ``NotFound``), as FastAPI picks exception handlers."""


def _read(value: str | Read, exc: BaseException) -> str:
    return value if isinstance(value, str) else value(exc)


def _message(value: str | Read | Said | Told, exc: BaseException, language: Language) -> str:
    return value.words(exc, language) if isinstance(value, Said | Told) else _read(value, exc)


def _row(exc: BaseException) -> ErrorRow | None:
    for kind in type(exc).__mro__:
        row = ERRORS.get(kind)
        if row is not None:
            return row
    return None


def describe_error(exc: BaseException, language: Language = Language.EN) -> ErrorInfo:
    """``exc`` as the handlers below answer it, fixed words in ``language``; for surfaces
    that report errors without a response of their own (SSE events, the OpenAI-compatible
    routes) too."""
    row = _row(exc)
    if row is None:
        log.exception("unexpected error", exc_info=exc)
        return ErrorInfo(500, "internal_error", Said("unexpected").words(exc, language))
    if row.logged is not None:
        log.log(row.level, row.logged, exc, exc_info=row.level >= logging.ERROR)
    headers = row.headers(exc) if callable(row.headers) else row.headers
    return ErrorInfo(
        row.status,
        _read(row.code, exc),
        _message(row.message, exc, language),
        None if row.field is None else _read(row.field, exc),
        None if row.detail is None else row.detail(exc),
        headers,
    )


def error_body(
    code: str, message: str, field: str | None = None, detail: str | None = None
) -> dict[str, object]:
    error: dict[str, object] = {"code": code, "message": message, "field": field}
    if detail is not None:
        error["detail"] = detail
    return {"error": error}


def _json(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, field), status_code=status)


async def _described(request: Request, exc: Exception) -> JSONResponse:
    info = describe_error(exc, request_language(request))
    response = JSONResponse(
        error_body(info.code, info.message, info.field, info.detail), status_code=info.status
    )
    response.headers.update(info.headers or {})
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error in ``ERRORS`` from the table; framework errors (a wrong method, a
    request that fails validation) in the same shape; anything else as a plain 500."""
    for kind in ERRORS:
        app.add_exception_handler(kind, _described)
    app.add_exception_handler(Exception, _described)

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


def jsonable(exc: RequestValidationError) -> list[dict[str, object]]:
    return [
        {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
    ]
