"""Who is calling: an API key (``Authorization: Bearer``) or a signed-in browser (cookie).

People sign in with their key, not a password: keys are 256 random bits issued by an admin
(``storycoach admin create-key``), so there is nothing to guess, reuse or reset, and the server
keeps only their sha256. Pasting the key into the sign-in form starts a browser session whose
HttpOnly cookie the page's own fetch calls also use.

Cookies are sent by browsers on their own, so every unsafe request that authenticates by
cookie must also carry the session's CSRF token (form field ``csrf_token`` or header
``X-CSRF-Token``), which another site cannot read. Key requests carry no ambient credential and
need no token.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Literal

from fastapi import Request
from sqlalchemy.orm import Session

from service.store import Person, Role, find_api_key, find_web_session
from service.store.columns import utcnow

SESSION_COOKIE = "storycoach_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class NotAuthenticated(Exception):
    """401: no credential, or one that is unknown, revoked or expired."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class CsrfFailed(Exception):
    """403: a cookie-authenticated unsafe request without the session's CSRF token."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Caller:
    """The authenticated person, their organisation and role, and how they authenticated."""

    person: Person
    org: str
    role: Role
    via: Literal["key", "session"]
    csrf_token: str | None = None
    """The session's CSRF token (cookie callers only): pages put it in forms and headers."""


async def csrf_candidate(request: Request) -> str | None:
    """The CSRF token the request carries, from the header or a form field.

    Async because reading a form is; the form is cached on the request, so a handler's own
    ``Form`` parameters read the same parsed body.
    """
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    if request.method not in SAFE_METHODS and request.headers.get("content-type", "").startswith(
        FORM_TYPES
    ):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def _bearer(header: str) -> str:
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise NotAuthenticated("invalid_key", "send the key as 'Authorization: Bearer <key>'")
    return key.strip()


def _by_key(session: Session, header: str) -> Caller:
    record = find_api_key(session, _bearer(header))
    if record is None or record.revoked_at is not None:
        raise NotAuthenticated("invalid_key", "the API key is unknown or revoked")
    person = record.person
    return Caller(person=person, org=person.org_id, role=person.role, via="key")


def caller_by_key(session: Session, header: str) -> Caller:
    """The caller an ``Authorization: Bearer <key>`` header names (the OpenAI-compatible
    routes take keys only); ``NotAuthenticated`` for a malformed, unknown or revoked key."""
    return _by_key(session, header)


def _by_cookie(session: Session, request: Request, token: str, csrf: str | None) -> Caller:
    record = find_web_session(session, token)
    if record is None:
        raise NotAuthenticated("invalid_session", "not signed in; sign in again with your key")
    now = utcnow()
    if record.expires_at <= now:
        raise NotAuthenticated("session_expired", "the session has expired; sign in again")
    if record.api_key is not None and not record.api_key.usable_at(now):
        raise NotAuthenticated("invalid_session", "not signed in; sign in again with your key")
    if request.method not in SAFE_METHODS and not (
        csrf and hmac.compare_digest(csrf.encode(), record.csrf_token.encode())
    ):
        raise CsrfFailed(
            "missing or stale CSRF token; reload the page (it may be from an earlier session)"
        )
    person = record.person
    return Caller(
        person=person,
        org=person.org_id,
        role=person.role,
        via="session",
        csrf_token=record.csrf_token,
    )


def resolve_caller(request: Request, session: Session, csrf: str | None) -> Caller:
    """The caller, by key if an ``Authorization`` header is sent, else by session cookie.

    A wrong key is refused even when a cookie is present too: a request means one identity.
    ``csrf`` is the token the request carries (``csrf_candidate``), checked for unsafe methods
    only. Handlers get the caller as ``deps.CallerDep``.
    """
    header = request.headers.get("authorization")
    if header is not None:
        return _by_key(session, header)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        return _by_cookie(session, request, token, csrf)
    raise NotAuthenticated("not_authenticated", "send an API key or sign in")


def local_path(path: str | None) -> str:
    """Where to go after signing in: only within this site (``/x``, never ``//evil`` or
    ``https://evil``)."""
    if path and path.startswith("/") and not path.startswith(("//", "/\\")):
        return path
    return "/"
