"""API keys and browser sessions: issue, look up, revoke.

Lookups by secret are the one place not scoped by organisation: the secret *is* what says who
the caller is and so which organisation they belong to. Everything after that is scoped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.errors import NotFound

from .columns import utcnow
from .models import ApiKey, Person, WebSession
from .tokens import hash_secret, new_api_key, new_secret, shown_prefix

SESSION_LIFETIME = timedelta(hours=12)
"""A working day; signing in again is one paste of the key."""


def create_api_key(session: Session, person: Person) -> tuple[ApiKey, str]:
    """A new key for ``person``: the stored record and the key itself, shown only this once."""
    key = new_api_key()
    record = ApiKey(
        org_id=person.org_id,
        person_id=person.id,
        prefix=shown_prefix(key),
        key_hash=hash_secret(key),
    )
    session.add(record)
    session.flush()
    return record, key


def find_api_key(session: Session, key: str) -> ApiKey | None:
    """The key record for ``key`` (revoked or not), or ``None`` when there is no such key."""
    return session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_secret(key)))


def list_api_keys(session: Session, org: str) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).where(ApiKey.org_id == org).order_by(ApiKey.id)))


def revoke_api_key(session: Session, org: str, prefix: str) -> int:
    """Revoke every live key of ``org`` whose shown prefix is ``prefix``; how many were revoked."""
    keys = session.scalars(
        select(ApiKey).where(
            ApiKey.org_id == org, ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None)
        )
    ).all()
    if not keys:
        raise NotFound("api key", prefix)
    for key in keys:
        key.revoked_at = utcnow()
    # Sessions signed in with a revoked key stay valid until they expire; that is at most
    # SESSION_LIFETIME, and ending them is `end_sessions_of`.
    return len(keys)


def start_web_session(
    session: Session, person: Person, *, lifetime: timedelta = SESSION_LIFETIME
) -> tuple[WebSession, str]:
    """A session for ``person``: the record (with its CSRF token) and the cookie's token."""
    token = new_secret()
    now = utcnow()
    purge_expired_sessions(session, now)
    record = WebSession(
        org_id=person.org_id,
        person_id=person.id,
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


def end_sessions_of(session: Session, org: str, person_id: int) -> None:
    session.execute(
        delete(WebSession).where(WebSession.org_id == org, WebSession.person_id == person_id)
    )


def purge_expired_sessions(session: Session, now: datetime | None = None) -> None:
    session.execute(delete(WebSession).where(WebSession.expires_at <= (now or utcnow())))
