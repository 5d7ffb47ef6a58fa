"""Discussion questions are kept per story, newest first, inside one organisation."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput, NotFound
from service.store import Database, Role, keep_questions, list_questions
from service.store.seed import person_with_role
from service.vocabulary import Language
from tests.store.factories import add_story


def test_kept_questions_are_listed_newest_first_and_only_in_their_org(database: Database) -> None:
    with database.transaction() as session:
        leader = person_with_role(session, "acme", "Lee", Role.LEADER)
        member = person_with_role(session, "acme", "Mo", Role.MEMBER)
        story = add_story(session, leader)
        first = keep_questions(session, "acme", story.id, member.id, Language.EN, ["Why?", "How?"])
        second = keep_questions(session, "acme", story.id, member.id, Language.EN, [" What? "])
        assert [k.id for k in list_questions(session, "acme", story.id)] == [second.id, first.id]
        assert second.questions == ["What?"]
        assert list_questions(session, "globex", story.id) == []
        with pytest.raises(NotFound):
            keep_questions(session, "globex", story.id, member.id, Language.EN, ["Why?"])
        with pytest.raises(InvalidInput, match="questions"):
            keep_questions(session, "acme", story.id, member.id, Language.EN, [])
