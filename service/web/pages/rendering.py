"""What every page shares: the templates, the signed-in caller, the language, the redirects.

A page request without a valid session is sent to ``/signin`` (and back afterwards), never
answered with the API's JSON 401; a page for another role is a friendly 403 page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from service.chat import draft_notes
from service.http.auth import Caller, NotAuthenticated, resolve_caller
from service.http.deps import SessionDep
from service.http.language import request_language
from service.store import Role
from service.vocabulary import Language, language_named

from ..i18n import LANG_COOKIE, SCRIPT_KEYS, translator
from ..markdown import plain_text, render_markdown

LANG_COOKIE_SECONDS = 365 * 24 * 3600

templates = Jinja2Templates(directory=Path(__file__).parent.parent / "templates")
templates.env.add_extension("jinja2.ext.do")  # the charts gather their points in the template
templates.env.filters["plain"] = plain_text
templates.env.filters["markdown"] = render_markdown
templates.env.filters["draft_notes"] = draft_notes


class SignInRequired(Exception):
    """A page needs a signed-in person; the handler redirects to the sign-in form."""

    def __init__(self, next_url: str, reason: str) -> None:
        super().__init__(reason)
        self.next_url = next_url
        self.reason = reason


class PageNotAllowed(Exception):
    """The page is for another role."""

    def __init__(self, caller: Caller) -> None:
        super().__init__(caller.role.value)
        # The handler runs after the request's session has closed: keep plain values only.
        self.locale = caller.person.locale.value


def _here(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def page_caller(request: Request, session: SessionDep) -> Caller:
    """The signed-in caller of a page (GET: no CSRF token involved), else a redirect."""
    try:
        return resolve_caller(request, session, None)
    except NotAuthenticated as exc:
        raise SignInRequired(_here(request), exc.code) from None


PageCaller = Annotated[Caller, Depends(page_caller)]


def page_for(*roles: Role) -> Callable[[Caller], Caller]:
    """A page dependency for ``roles`` (admins may see every page)."""
    allowed = frozenset({*roles, Role.ADMIN})

    def check(caller: PageCaller) -> Caller:
        if caller.role not in allowed:
            raise PageNotAllowed(caller)
        return caller

    return check


def page_language(request: Request, caller: Caller | None, locale: str | None = None) -> Language:
    return request_language(request, caller.person.locale.value if caller else locale)


def render(
    request: Request,
    template: str,
    caller: Caller | None,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    locale: str | None = None,
) -> HTMLResponse:
    """Render ``template`` in the page language; a ``?lang=`` choice is remembered."""
    ui = page_language(request, caller, locale)
    t = translator(ui)
    response = templates.TemplateResponse(
        request,
        template,
        {
            "t": t,
            "ui": ui.value,
            "caller": caller,
            "csrf_token": caller.csrf_token if caller else None,
            "script_text": {key: t[key] for key in SCRIPT_KEYS},
            **(context or {}),
        },
        status_code=status_code,
    )
    requested = language_named(request.query_params.get("lang"))
    if requested is not None:
        response.set_cookie(
            LANG_COOKIE, requested.value, max_age=LANG_COOKIE_SECONDS, httponly=True, samesite="lax"
        )
    return response


def not_found(request: Request, caller: Caller) -> HTMLResponse:
    return render(request, "message.html", caller, {"title_key": "not_found"}, status_code=404)


def install_page_errors(app: FastAPI) -> None:
    """Page-level refusals as pages and redirects, not the API's JSON errors."""

    @app.exception_handler(SignInRequired)
    async def _sign_in(_: Request, exc: SignInRequired) -> Response:
        query = {"next": exc.next_url}
        if exc.reason == "session_expired":
            query["error"] = "session_expired"
        return RedirectResponse(f"/signin?{urlencode(query)}", status_code=303)

    @app.exception_handler(PageNotAllowed)
    async def _not_allowed(request: Request, exc: PageNotAllowed) -> Response:
        context = {"title_key": "forbidden_title", "text_key": "forbidden_text"}
        return render(request, "message.html", None, context, status_code=403, locale=exc.locale)
