from __future__ import annotations

import pytest
from sqlalchemy import select

from service.errors import InvalidInput, NotFound
from service.store import (
    ApiKey,
    AuditAction,
    AuditTrailIsAppendOnly,
    Database,
    Role,
    create_api_key,
    find_api_key,
    find_web_session,
    list_events,
    list_people,
    record_event,
    revoke_api_key,
    start_web_session,
)
from service.store.seed import DEMO_PEOPLE, person_with_role, seed_demo
from service.store.tokens import hash_secret
from tests.store.factories import add_person


def test_keys_are_stored_only_as_a_hash(database: Database) -> None:
    with database.transaction() as session:
        member = add_person(session, "acme", "Mo", Role.MEMBER)
    with database.transaction() as session:
        stored = session.scalars(select(ApiKey)).one()
        assert stored.key_hash == hash_secret(member.key) and member.key not in stored.key_hash
        assert member.key.startswith("sc_") and len(member.key) == 46
        assert member.key.startswith(stored.prefix)
        found = find_api_key(session, member.key)
        assert found is not None and found.person.name == "Mo"
        assert find_api_key(session, member.key + "x") is None
        assert revoke_api_key(session, "acme", stored.prefix) == 1
        with pytest.raises(NotFound):
            revoke_api_key(session, "globex", stored.prefix)
    with database.transaction() as session:
        record = find_api_key(session, member.key)
        assert record is not None and record.revoked_at is not None


def test_web_sessions_keep_a_hash_and_a_csrf_token(database: Database) -> None:
    with database.transaction() as session:
        person = person_with_role(session, "acme", "Rita", Role.REVIEWER)
        key, _ = create_api_key(session, person)
        record, token = start_web_session(session, key)
        assert record.token_hash == hash_secret(token) and record.api_key_id == key.id
        assert len(record.csrf_token) >= 40 and record.expires_at > record.created_at
        assert find_web_session(session, token) is record


def test_seed_demo_is_idempotent_and_rotates_keys(database: Database) -> None:
    with database.transaction() as session:
        first = seed_demo(session, "demo")
    with database.transaction() as session:
        second = seed_demo(session, "demo")
        assert [p.role for p in list_people(session, "demo")] == [r for _, r, _ in DEMO_PEOPLE]
        old = find_api_key(session, first[0].key)
        new = find_api_key(session, second[0].key)
        assert old is not None and old.revoked_at is not None
        assert new is not None and new.revoked_at is None


def test_a_name_keeps_its_role(database: Database) -> None:
    with database.transaction() as session:
        person_with_role(session, "acme", "Rita", Role.REVIEWER)
        with pytest.raises(InvalidInput):
            person_with_role(session, "acme", "Rita", Role.LEADER)
        with pytest.raises(InvalidInput):
            person_with_role(session, "Not An Org", "Rita", Role.LEADER)


def test_the_audit_trail_is_append_only(database: Database) -> None:
    with database.transaction() as session:
        rita = add_person(session, "acme", "Rita", Role.REVIEWER)
        record_event(session, "acme", rita.id, AuditAction.EDIT, comment="typo")
    with pytest.raises(AuditTrailIsAppendOnly), database.transaction() as session:
        event = list_events(session, "acme")[0]
        event.comment = "rewritten history"
        session.flush()
    with pytest.raises(AuditTrailIsAppendOnly), database.transaction() as session:
        session.delete(list_events(session, "acme")[0])
        session.flush()
    with database.transaction() as session:
        assert [e.comment for e in list_events(session, "acme")] == ["typo"]
        assert list_events(session, "globex") == []
