"""The session card's page: linked from the story page, the card in the story's language,
its controls in the reader's, and the PDF one click away."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.store import Database, Role, keep_questions, update_story
from service.vocabulary import Language
from service.words import load_words
from tests.store.factories import Member, add_story
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]


def test_the_story_page_links_its_card_and_the_card_prints_the_story(
    client: TestClient, acme: People, database: Database
) -> None:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER], title="The battery that got hot")
        asked = ["Why was the callback missed?", "What did you do the last time?"]
        keep_questions(session, "acme", story.id, acme[Role.LEADER].id, Language.EN, asked)
    sign_in(client, acme[Role.MEMBER])
    page = client.get(f"/stories/{story.id}?lang=nl").text
    assert f'href="/stories/{story.id}/card"' in page and ui("nl", "card_open") in page
    assert f'href="/api/stories/{story.id}/card.pdf"' in page

    card = client.get(f"/stories/{story.id}/card?lang=nl")
    assert card.status_code == 200
    text = card.text
    assert '<html lang="nl">' in text  # the reader's controls...
    assert ui("nl", "card_print") in text and ui("nl", "card_pdf") in text
    assert 'lang="en" id="session-card"' in text  # ...around the story's English card
    words = load_words("card", Language.EN)
    assert words["try_this_week"] in text and words["steps.discuss"] in text
    assert "The battery that got hot" in text and "Last spring a customer" in text
    for question in asked:  # the team's questions, then a fixed one of the third kind
        assert question in text
    assert words["questions_fallback.understanding"] in text
    assert f"/api/stories/{story.id}/card.pdf" in text
    assert "<script>" not in text and "style=" not in text  # the strict page policy holds


def test_no_card_for_a_story_the_reader_may_not_read_or_that_is_retired(
    client: TestClient, acme: People, globex: People, database: Database
) -> None:
    with database.transaction() as session:
        draft = add_story(session, acme[Role.LEADER], published=False)
        retired = add_story(session, acme[Role.LEADER])
        update_story(session, "acme", retired.id, current=False)
    sign_in(client, acme[Role.MEMBER])
    assert client.get(f"/stories/{draft.id}/card").status_code == 404
    gone = client.get(f"/stories/{retired.id}/card", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"].endswith(
        f"/stories/{retired.id}#retired"
    )
    assert 'id="session-card"' not in client.get(f"/stories/{retired.id}").text
    sign_in(client, globex[Role.MEMBER])
    assert client.get(f"/stories/{retired.id}/card").status_code == 404
