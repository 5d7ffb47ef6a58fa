"""API keys and browser sessions: issue, look up, note use, revoke.

Lookups by secret are the one place not scoped by organisation: the secret *is* what says who
the caller is and so which organisation they belong to. Everything after that is scoped.

A browser session remembers the key it was signed in with, and lives only while that key is
usable: revoking a key ends its sessions at once (``revoke_api_key``), and the caller's
lookup also refuses a session whose key has since expired or been revoked
(``ApiKey.usable_at``), so no path that stops a key can leave its sessions running.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound

from .columns import utcnow
from .models import ApiKey, Person, WebSession
from .tokens import hash_secret, new_api_key, new_secret, shown_prefix

SESSION_LIFETIME = timedelta(hours=12)
"""A working day; signing in again is one paste of the key."""
LAST_USED_RESOLUTION = timedelta(minutes=1)
"""How stale a key's ``last_used_at`` may get: a key used all day long costs one write a
minute, not one per request (enough to tell a key in use from a forgotten one)."""


def create_api_key(
    session: Session, person: Person, *, expires_at: datetime | None = None
) -> tuple[ApiKey, str]:
    """A new key for ``person``: the stored record and the key itself, shown only this once.

    ``expires_at`` makes the key stop working on its own then (a contractor's key, a demo's).
    """
    if expires_at is not None and expires_at <= utcnow():
        raise InvalidInput("expires_at", "not_in_future")
    key = new_api_key()
    record = ApiKey(
        org_id=person.org_id,
        person_id=person.id,
        prefix=shown_prefix(key),
        key_hash=hash_secret(key),
        expires_at=expires_at,
    )
    session.add(record)
    session.flush()
    return record, key


def find_api_key(session: Session, key: str) -> ApiKey | None:
    """The key record for ``key`` (revoked or not), or ``None`` when there is no such key."""
    return session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_secret(key)))


def list_api_keys(session: Session, org: str) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).where(ApiKey.org_id == org).order_by(ApiKey.id)))


def note_key_use(key: ApiKey, moment: datetime | None = None) -> None:
    """Record that ``key`` was used, unless that is already known to the minute."""
    moment = moment or utcnow()
    if key.last_used_at is None or moment - key.last_used_at >= LAST_USED_RESOLUTION:
        key.last_used_at = moment


def revoke_key(session: Session, key: ApiKey) -> None:
    """Stop ``key`` now, and end every browser session signed in with it.

    Every path that revokes a key goes through here (the admin command, the demo's key
    rotation), so "it stops working at once" holds for browsers too.
    """
    key.revoked_at = key.revoked_at or utcnow()
    end_sessions_signed_in_with(session, key)


def revoke_api_key(session: Session, org: str, prefix: str) -> int:
    """Revoke every live key of ``org`` whose shown prefix is ``prefix`` and end the browser
    sessions signed in with them; how many keys were revoked."""
    keys = session.scalars(
        select(ApiKey).where(
            ApiKey.org_id == org, ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None)
        )
    ).all()
    if not keys:
        raise NotFound("api key", prefix)
    for key in keys:
        revoke_key(session, key)
    return len(keys)


def start_web_session(
    session: Session,
    key: ApiKey,
    *,
    lifetime: timedelta = SESSION_LIFETIME,
) -> tuple[WebSession, str]:
    """A session for the person of ``key``, who signed in with it: the record (with its CSRF
    token) and the cookie's token. It ends with the key: at revocation or expiry."""
    token = new_secret()
    now = utcnow()
    purge_expired_sessions(session, now)
    person: Person = key.person
    record = WebSession(
        org_id=person.org_id,
        person_id=person.id,
        api_key_id=key.id,
        token_hash=hash_secret(token),
        csrf_token=new_secret(),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(record)
    session.flush()
    return record, token


def find_web_session(session: Session, token: str) -> WebSession | None:
    """The session for a cookie's token (expired or not), or ``None``."""
    return session.scalar(select(WebSession).where(WebSession.token_hash == hash_secret(token)))


def end_web_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == hash_secret(token)))


def end_sessions_signed_in_with(session: Session, key: ApiKey) -> None:
    """End the sessions signed in with ``key``, and the person's sessions that do not say
    which key they came from (started before migration 0003): ending one of those too many
    costs a sign-in, keeping one too many would keep a revoked key's browser in."""
    session.execute(
        delete(WebSession).where(
            WebSession.org_id == key.org_id,
            or_(
                WebSession.api_key_id == key.id,
                and_(WebSession.api_key_id.is_(None), WebSession.person_id == key.person_id),
            ),
        )
    )


def purge_expired_sessions(session: Session, now: datetime | None = None) -> None:
    session.execute(delete(WebSession).where(WebSession.expires_at <= (now or utcnow())))
