"""The demo's people are in teams, so a demo leader can tell a story to their team only."""

from __future__ import annotations

from service.demo import load_history, seed_history
from service.knowledge import KnowledgeBase
from service.quality import Rubric
from service.store import Database, find_person
from service.vocabulary import LessonKind
from tests.demo.conftest import ORG


def test_seeding_puts_the_demo_people_in_their_teams(
    database: Database, demo_corpus: KnowledgeBase, lesson_rubrics: dict[LessonKind, Rubric]
) -> None:
    seed_history(database, ORG, demo_corpus, lesson_rubrics)
    with database.transaction() as session:
        leader = find_person(session, ORG, "Demo Leader")
        tom = find_person(session, ORG, "Tom Hughes")
        ilse = find_person(session, ORG, "Ilse Kuipers")
        assert leader is not None and tom is not None and ilse is not None
        assert leader.team == tom.team == "Customer desk Zaandam"
        assert ilse.team != leader.team
    teams = {p.name: p.team for p in load_history().people}
    assert sum(team is not None for team in teams.values()) >= 8
