"""The Stories page lists the corpus's stories beside the app's, marked as from the corpus;
a story's page shows the discussion questions teams asked for before."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from service.store import Database, Role
from tests.store.factories import Member, add_story
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]


def test_corpus_stories_are_listed_with_their_language_and_marked(
    client: TestClient, acme: People, database: Database
) -> None:
    with database.transaction() as session:
        add_story(session, acme[Role.LEADER], title="Our own published story")
    sign_in(client, acme[Role.MEMBER])
    page = client.get("/stories?lang=en").text
    assert "Our own published story" in page
    corpus = page.split('id="corpus-stories"', 1)[1]
    items = re.findall(r'<li class="hit story-item corpus-story" data-id="([^"]+)"', corpus)
    # The small corpus's four stories (two English, two Dutch), and no value documents.
    assert sorted(items) == [
        "story-battery-scare",
        "story-junior-idea",
        "story-klachten",
        "story-late-bikes",
    ]
    assert ui("en", "corpus_stories_title") in page
    assert corpus.count(f'<span class="badge">{ui("en", "from_corpus")}</span>') == 4
    assert corpus.count('<span class="badge">nl</span>') == 2
    assert corpus.count('<span class="badge">en</span>') == 2
    assert "Our own published story" not in corpus  # the app's own stories stay above


def test_another_organisation_s_corpus_is_not_listed(client: TestClient, globex: People) -> None:
    sign_in(client, globex[Role.MEMBER])
    page = client.get("/stories?lang=nl").text
    assert 'id="corpus-stories"' not in page  # globex has indexed nothing
    assert "story-late-bikes" not in page


def test_questions_asked_for_a_story_are_kept_on_its_page(
    client: TestClient, acme: People, database: Database
) -> None:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
    asked = client.post(
        f"/api/stories/{story.id}/questions", json={"count": 3}, headers=acme[Role.MEMBER].headers
    )
    assert asked.status_code == 200, asked.text
    questions = [q["question"] for q in asked.json()["questions"]]
    sign_in(client, acme[Role.LEADER])
    page = client.get(f"/stories/{story.id}?lang=en").text
    assert ui("en", "kept_questions_title") in page
    kept = [q.strip() for q in re.findall(r'<li class="kept-question"[^>]*>([^<]+)', page)]
    assert kept == [q.replace("'", "&#39;") for q in questions]
