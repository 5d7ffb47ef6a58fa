"""An app over a real database (SQLite, then PostgreSQL) with two organisations, a small
corpus and a fake model."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.app import create_app
from service.knowledge import KnowledgeBase
from service.settings import Settings
from service.store import Database, Role
from service.testing import FakeModel
from tests.helpers.follow_ups import clock, desk, desk_client, lesson_id  # noqa: F401 (fixtures)
from tests.store.factories import Member, add_lesson, add_story, seed_org

QUESTIONS = {
    "English": [
        "Why do you think the callback was missed that day?",
        "When did you last see a promise of yours slip, and what did you do?",
        "How will you make sure your team answers within one working day?",
        "What would you tell a new colleague first about this story?",
        "Which part of the apology made the difference for the customer, do you think?",
        "What will you change in how you plan callbacks this week?",
        "Why did the customer stay after the apology, do you think?",
        "How could the team have noticed the missed callback sooner?",
        "Which moment in this story would you have handled differently?",
        "Where were you when a complaint last waited too long?",
        "What did you do the last time a promise of yours slipped?",
        "What went wrong that day, and what was your part in it?",
        "What did you do next, and why?",
        "What is different today, and who noticed it first?",
    ],
    "Dutch": [
        "Waarom denk je dat het terugbellen die dag mislukte?",
        "Wanneer heb jij zelf een belofte niet waargemaakt, en wat deed je toen?",
        "Hoe zorg je dat je team binnen een werkdag antwoordt?",
        "Wat zou je een nieuwe collega als eerste over dit verhaal vertellen?",
        "Welk deel van het excuus maakte het verschil voor de klant, denk je?",
        "Wat ga je deze week anders doen bij het plannen van terugbelafspraken?",
        "Waarom bleef de klant na het excuus, denk je?",
        "Hoe had het team het gemiste telefoontje eerder kunnen zien?",
        "Welk moment in dit verhaal had jij anders aangepakt?",
        "Wat ga jij deze week anders doen bij een klacht?",
        "Waar was je toen een klacht te lang bleef liggen?",
        "Wat deed jij de laatste keer dat je een belofte niet waarmaakte?",
        "Wat ging er mis die dag, en wat was jouw aandeel?",
        "Wat deed je daarna, en waarom?",
        "Wat is er anders nu, en waaraan merk je dat?",
    ],
}
OPENING = re.compile(r'(?:Start the question with|Begin de vraag met) "([^"]+)"')


def answering_model() -> FakeModel:
    """Answers each question step in the language and with the opening it asks for, with a
    question that is not among those the prompt lists as already asked."""

    def reply(messages: list[dict[str, str]]) -> str:
        prompt = messages[-1]["content"]
        dutch = "Write it in Dutch" in prompt or "in het Nederlands" in prompt
        found = OPENING.search(prompt)
        opening = found.group(1) + " " if found else ""
        fresh = [
            q
            for q in QUESTIONS["Dutch" if dutch else "English"]
            if q.startswith(opening) and " ".join(q.lower().split()[2:]) not in prompt.lower()
        ]
        assert fresh, f"no scripted question starts with {opening!r}"
        return json.dumps({"question": fresh[0]})

    return FakeModel(answer=reply)


@pytest.fixture
def settings(settings_on_each_database: Settings) -> Settings:
    """Every test here runs on SQLite and on PostgreSQL (see ``tests/conftest.py``)."""
    return settings_on_each_database


@pytest.fixture
def globex(database: Database) -> dict[Role, Member]:
    """Another organisation, with a published story and a lesson in review of its own."""
    people = seed_org(database, "globex")
    with database.transaction() as session:
        story = add_story(session, people[Role.LEADER], title="Globex secret story")
        add_lesson(session, people[Role.LEADER], story.id)
    return people


@pytest.fixture
def app(
    settings: Settings,
    loaded: KnowledgeBase,
    database: Database,
    acme: dict[Role, Member],
    globex: dict[Role, Member],
) -> FastAPI:
    # The search page (not yet behind sign-in) shows the default organisation.
    settings = settings.model_copy(update={"default_org": "acme"})
    return create_app(settings, loaded, model=answering_model(), database=database)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client
