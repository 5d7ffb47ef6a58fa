"""A replayed history is stamped with the moments it happened; live writes with now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from service.store import Database, list_events, publish_story
from service.store.columns import replaying_at, utcnow
from service.store.enums import Role
from service.store.seed import person_with_role
from tests.store.factories import add_story


def test_rows_written_while_replaying_carry_the_replayed_moment(database: Database) -> None:
    then = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    with database.transaction() as session:
        leader = person_with_role(session, "acme", "Lee", Role.LEADER)
        with replaying_at(then):
            story = add_story(session, leader, published=False)
        with replaying_at(then + timedelta(days=2)):
            publish_story(session, "acme", story.id, leader.id)
            session.flush()
        assert story.created_at == then
        assert story.published_at == then + timedelta(days=2)
        [event] = list_events(session, "acme", story_id=story.id)
        assert event.created_at == then + timedelta(days=2)
        assert utcnow() - leader.created_at < timedelta(minutes=5)  # outside: now


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"), replaying_at(datetime(2026, 3, 2)):
        pass
