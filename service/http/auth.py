"""Who is calling: an API key (``Authorization: Bearer``) or a signed-in browser (cookie).

People sign in with their key, not a password: keys are 256 random bits issued by an admin
(``storycoach admin create-key``), so there is nothing to guess, reuse or reset, and the server
keeps only their sha256. Pasting the key into the sign-in form starts a browser session whose
HttpOnly cookie the page's own fetch calls also use.

Cookies are sent by browsers on their own, so every unsafe request that authenticates by
cookie must also carry the session's CSRF token (form field ``csrf_token`` or header
``X-CSRF-Token``), which another site cannot read, and must not come from another site's page
(``origin.py``: the same check guards sign-in, which has no session, and so no token, yet).
Key requests carry no ambient credential and need neither.

A key lets people in while it is usable: not revoked, not expired. A browser session lives
only while the key it was signed in with is usable. Wrong keys are counted per client and
slowed down (``attempts.py``); a key's use is noted, to the minute.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Literal

from fastapi import Request
from sqlalchemy.orm import Session

from service.store import ApiKey, Person, Role, find_api_key, find_web_session, note_key_use
from service.store.columns import utcnow

from .attempts import client_of, failed_sign_ins
from .language import LOCALE_STATE
from .origin import from_another_site

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


class CrossSiteRequest(CsrfFailed):
    """403: a browser sent a sign-in or a cookie-authenticated unsafe request from another
    site's page."""

    def __init__(self, sender: str | None) -> None:
        super().__init__(f"request from another site ({sender}) refused")
        self.sender = sender


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


def _usable(record: ApiKey | None) -> ApiKey:
    """``record`` if it lets anyone in now (its use noted), else ``NotAuthenticated``."""
    now = utcnow()
    if record is None or record.revoked_at is not None:
        raise NotAuthenticated("invalid_key", "the API key is unknown or revoked")
    if not record.usable_at(now):
        raise NotAuthenticated("key_expired", "the API key has expired; ask an admin for a new one")
    note_key_use(record, now)
    return record


def checked_key(request: Request, session: Session, key: str) -> ApiKey:
    """The record of ``key`` if it lets anyone in now (not revoked, not expired; its use is
    noted), else ``NotAuthenticated``: for the ``Authorization`` header and the sign-in form
    alike. Wrong keys are counted against the client and slowed down
    (``TooManyFailedSignIns`` while it is shut out); a failure is logged without the key."""
    attempts = failed_sign_ins(request.app)
    client = client_of(request)
    attempts.check(client)
    record = find_api_key(session, key)
    try:
        usable = _usable(record)
    except NotAuthenticated as exc:
        attempts.failed(client, exc.code, record.prefix if record is not None else None)
        raise
    attempts.succeeded(client)
    return usable


def _by_key(request: Request, session: Session, header: str) -> Caller:
    person = checked_key(request, session, _bearer(header)).person
    return Caller(person=person, org=person.org_id, role=person.role, via="key")


def caller_by_key(request: Request, session: Session, header: str) -> Caller:
    """The caller an ``Authorization: Bearer <key>`` header names (the OpenAI-compatible
    routes take keys only); ``NotAuthenticated`` for a malformed, unknown, revoked or
    expired key."""
    caller = _by_key(request, session, header)
    setattr(request.state, LOCALE_STATE, caller.person.locale.value)
    return caller


def refuse_other_sites(request: Request) -> None:
    """``CrossSiteRequest`` when a browser sent ``request`` from another site's page."""
    settings = getattr(request.app.state, "settings", None)
    if from_another_site(request, settings.public_url if settings else None):
        raise CrossSiteRequest(request.headers.get("origin") or request.headers.get("referer"))


def _by_cookie(session: Session, request: Request, token: str, csrf: str | None) -> Caller:
    record = find_web_session(session, token)
    if record is None:
        raise NotAuthenticated("invalid_session", "not signed in; sign in again with your key")
    now = utcnow()
    if record.expires_at <= now:
        raise NotAuthenticated("session_expired", "the session has expired; sign in again")
    if record.api_key is not None and not record.api_key.usable_at(now):
        raise NotAuthenticated("invalid_session", "not signed in; sign in again with your key")
    if request.method not in SAFE_METHODS:
        refuse_other_sites(request)
        if not (csrf and hmac.compare_digest(csrf.encode(), record.csrf_token.encode())):
            raise CsrfFailed(
                "missing or stale CSRF token; reload the page (it may be from an earlier session)"
            )
    if record.api_key is not None:
        note_key_use(record.api_key, now)
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
        caller = _by_key(request, session, header)
    elif token := request.cookies.get(SESSION_COOKIE):
        caller = _by_cookie(session, request, token, csrf)
    else:
        raise NotAuthenticated("not_authenticated", "send an API key or sign in")
    setattr(request.state, LOCALE_STATE, caller.person.locale.value)
    return caller


def local_path(path: str | None) -> str:
    """Where to go after signing in: only within this site (``/x``, never ``//evil`` or
    ``https://evil``)."""
    if path and path.startswith("/") and not path.startswith(("//", "/\\")):
        return path
    return "/"
