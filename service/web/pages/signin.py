"""``GET /signin``: the form that trades a key for a session (``POST /signin`` in the API)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from service.http.auth import NotAuthenticated, local_path, resolve_caller
from service.http.deps import SessionDep
from service.http.routing import CommittingRoute

from .rendering import render

router = APIRouter(route_class=CommittingRoute)

ERRORS = {
    "invalid_key": "signin_invalid_key",
    "key_expired": "signin_key_expired",
    "session_expired": "signin_expired",
}


@router.get("/signin")
def signin_page(
    request: Request, session: SessionDep, error: str = "", next: str = "/"
) -> Response:
    """The sign-in form; someone already signed in goes straight on."""
    try:
        resolve_caller(request, session, None)
    except NotAuthenticated:
        pass
    else:
        return RedirectResponse(local_path(next), status_code=303)
    context = {"error_key": ERRORS.get(error), "next": local_path(next)}
    return render(request, "signin.html", None, context)
