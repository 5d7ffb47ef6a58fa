"""Keys end, and take their browser sessions with them: revocation, expiry, last use."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from service.errors import InvalidInput
from service.store import (
    LAST_USED_RESOLUTION,
    ApiKey,
    Database,
    Role,
    WebSession,
    create_api_key,
    find_api_key,
    find_web_session,
    note_key_use,
    revoke_api_key,
    start_web_session,
)
from service.store.columns import utcnow
from service.store.seed import person_with_role, seed_demo


def test_revoking_a_key_ends_the_sessions_signed_in_with_it_and_no_others(
    database: Database,
) -> None:
    with database.transaction() as session:
        rita = person_with_role(session, "acme", "Rita", Role.REVIEWER)
        leaked, _ = create_api_key(session, rita)
        kept, _ = create_api_key(session, rita)
        _, leaked_browser = start_web_session(session, leaked)
        _, kept_browser = start_web_session(session, kept)
        revoke_api_key(session, "acme", leaked.prefix)
    with database.transaction() as session:
        assert find_web_session(session, leaked_browser) is None
        assert find_web_session(session, kept_browser) is not None


def test_sessions_from_before_keys_were_recorded_end_with_any_key_of_their_person(
    database: Database,
) -> None:
    with database.transaction() as session:
        rita = person_with_role(session, "acme", "Rita", Role.REVIEWER)
        mo = person_with_role(session, "acme", "Mo", Role.MEMBER)
        key, _ = create_api_key(session, rita)
        others, _ = create_api_key(session, mo)
        _, legacy = start_web_session(session, key)
        _, bystander = start_web_session(session, others)
        session.execute(WebSession.__table__.update().values(api_key_id=None))
        revoke_api_key(session, "acme", key.prefix)
    with database.transaction() as session:
        assert find_web_session(session, legacy) is None
        assert find_web_session(session, bystander) is not None  # another person's


def test_rotating_the_demo_keys_signs_their_browsers_out(database: Database) -> None:
    with database.transaction() as session:
        first = seed_demo(session, "demo")
        key = find_api_key(session, first[0].key)
        assert key is not None
        _, browser = start_web_session(session, key)
    with database.transaction() as session:
        seed_demo(session, "demo")
        assert find_web_session(session, browser) is None


def test_a_key_is_usable_until_it_expires_or_is_revoked(database: Database) -> None:
    now = utcnow()
    with database.transaction() as session:
        rita = person_with_role(session, "acme", "Rita", Role.REVIEWER)
        key, _ = create_api_key(session, rita, expires_at=now + timedelta(days=30))
        forever, _ = create_api_key(session, rita)
        assert key.usable_at(now) and not key.usable_at(now + timedelta(days=30))
        assert forever.usable_at(now + timedelta(days=3650))
        revoke_api_key(session, "acme", forever.prefix)
        assert not forever.usable_at(now)
        with pytest.raises(InvalidInput, match="future"):
            create_api_key(session, rita, expires_at=now - timedelta(seconds=1))


def test_last_use_is_written_at_most_once_a_minute(database: Database) -> None:
    start = utcnow()
    with database.transaction() as session:
        rita = person_with_role(session, "acme", "Rita", Role.REVIEWER)
        key, _ = create_api_key(session, rita)
        assert key.last_used_at is None
        note_key_use(key, start)
        assert key.last_used_at == start
        note_key_use(key, start + LAST_USED_RESOLUTION - timedelta(seconds=1))
        assert key.last_used_at == start  # unchanged: no write for this request
        later = start + LAST_USED_RESOLUTION
        note_key_use(key, later)
        assert key.last_used_at == later
    with database.transaction() as session:
        stored = session.scalars(select(ApiKey)).one()
        assert stored.last_used_at == later
