"""The one place where domain errors become HTTP responses.

Every error body has the same shape: ``{"error": {"code", "message", "field"}}``, so a client
can always show the field and the reason.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service.errors import EmptyOrganisation, InvalidInput, NotFound, StoryCoachError


def error_body(code: str, message: str, field: str | None = None) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "field": field}}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InvalidInput)
    async def _invalid(_: Request, exc: InvalidInput) -> JSONResponse:
        return JSONResponse(error_body("invalid_input", exc.reason, exc.field), status_code=422)

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse(error_body("not_found", str(exc)), status_code=404)

    @app.exception_handler(EmptyOrganisation)
    async def _empty(_: Request, exc: EmptyOrganisation) -> JSONResponse:
        return JSONResponse(error_body("empty_organisation", str(exc), "org"), status_code=409)

    @app.exception_handler(StoryCoachError)
    async def _other(_: Request, exc: StoryCoachError) -> JSONResponse:
        return JSONResponse(error_body("error", str(exc)), status_code=500)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
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
