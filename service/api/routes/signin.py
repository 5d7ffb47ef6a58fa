"""Signing a browser in with a key, and out again.

The form posts the key once; the answer is an HttpOnly, SameSite=Lax session cookie (scripts
cannot read it, other sites' forms cannot send it) and a redirect. Keys rather than passwords:
see ``service.http.auth``. A sign-in posted from another site's page is refused before the key
is looked at (login CSRF: a foreign page could otherwise sign the victim in as its author),
and wrong keys are counted per client and slowed down (``service.http.attempts``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from service.http.auth import (
    SESSION_COOKIE,
    NotAuthenticated,
    checked_key,
    local_path,
    refuse_other_sites,
)
from service.http.deps import CallerDep, SessionDep, SettingsDep
from service.http.routing import CommittingRoute
from service.store import end_web_session, start_web_session
from service.store.credentials import SESSION_LIFETIME

router = APIRouter(route_class=CommittingRoute, include_in_schema=False)


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


@router.post("/signin")
def sign_in(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    key: Annotated[str, Form(max_length=200)],
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    """Start a session for the key's person; a wrong key goes back to the form (browsers) or
    is a 401 (scripts). A sign-in from another site is a 403, too many wrong keys a 429."""
    refuse_other_sites(request)
    try:
        record = checked_key(request, session, key.strip())
    except NotAuthenticated as exc:
        if _wants_html(request):
            return RedirectResponse(f"/signin?error={exc.code}", status_code=303)
        raise
    _, token = start_web_session(session, record)
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure or request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/signout")
def sign_out(request: Request, caller: CallerDep, session: SessionDep) -> Response:
    """End the browser's session (needs its CSRF token, like every cookie POST)."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        end_web_session(session, token)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
