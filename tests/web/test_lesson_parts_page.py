"""The lesson page and the review queue show a reviewer which parts are code's stand-ins, with
the coach's note in plain words, and which parts are missing; the story page marks a kept
question the coach built from the story. The marks are in the page's language (nl and en),
the notes in the lesson's."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from service.coach.making.parts import Origin, fallback_note
from service.coach.result_parts import MissingPart, ResultPart, ResultParts
from service.store import Database, LessonState, Role, create_lesson, keep_questions
from service.store.columns import utcnow
from service.vocabulary import Language, LessonKind
from service.words import load_words
from tests.store.factories import LESSON_TEXT, Member, add_story
from tests.web.conftest import sign_in, ui

People = dict[Role, Member]
SAID = load_words("fallbacks", Language.EN)
NOTE = fallback_note(Language.EN, SAID["part_names.practice"], SAID["sources.frame"])
STAND_IN = "Call back the same day."
QUESTION = "What do you want your team to do differently this week?"


def parts() -> ResultParts:
    def part(
        key: str, label: str, text: str, origin: Origin, note: str | None = None
    ) -> ResultPart:
        return ResultPart(key=key, name=key, label=label, text=text, origin=origin, note=note)

    return ResultParts(
        parts=[
            part(
                "objective",
                "Goal",
                "Every battery complaint gets an answer within one working day.",
                Origin.LEADER,
            ),
            part(
                "why_it_matters", "Why it matters", "A hot battery frightens people.", Origin.COACH
            ),
            part("practice", "What to do", STAND_IN, Origin.FALLBACK, NOTE),
        ],
        fallbacks=["practice"],
        notes=[NOTE],
        missing=[MissingPart(name="call_to_action", label="Call to action", question=QUESTION)],
    )


def lesson_in_review(database: Database, leader: Member, kept: ResultParts | None) -> int:
    with database.transaction() as session:
        story = add_story(session, leader)
        lesson = create_lesson(
            session,
            leader.org,
            leader.id,
            story.id,
            kind=LessonKind.LESSON,
            text=LESSON_TEXT,
            parts=kept.as_json() if kept else None,
        )
        lesson.state, lesson.submitted_at = LessonState.IN_REVIEW, utcnow()
        return lesson.id


def section(page: str, element_id: str) -> str:
    found = re.search(rf'<(section|details) [^>]*id="{element_id}".*?</\1>', page, re.S)
    assert found, f"no #{element_id} on the page"
    return found.group(0)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_reviewer_sees_each_stand_in_with_its_note_and_each_missing_part(
    client: TestClient, acme: People, database: Database, lang: str
) -> None:
    lesson_id = lesson_in_review(database, acme[Role.LEADER], parts())
    sign_in(client, acme[Role.REVIEWER])
    page = client.get(f"/lessons/{lesson_id}?lang={lang}").text

    checks = section(page, "stand-ins")
    assert ui(lang, "stand_ins_title") in checks
    practice = re.search(r'<li class="part-check" data-key="practice".*?</li>', checks, re.S)
    assert practice and ui(lang, "part_origin_fallback") in practice.group(0)
    assert STAND_IN in practice.group(0) and str(escape(NOTE)) in practice.group(0)
    assert 'data-key="objective"' not in checks  # only the stand-ins are listed to check
    assert ui(lang, "part_missing") in checks and ui(lang, "missing_ask") in checks
    assert QUESTION in checks

    who = section(page, "who-wrote")
    assert ui(lang, "parts_title") in who and ui(lang, "part_origin_coach") in who
    objective = re.search(r'data-key="objective".*?</li>', who, re.S)
    assert objective and "origin-mark" not in objective.group(0)  # the leader's own: no mark


def test_the_queue_counts_the_stand_ins_and_missing_parts(
    client: TestClient, acme: People, database: Database
) -> None:
    lesson_in_review(database, acme[Role.LEADER], parts())
    sign_in(client, acme[Role.REVIEWER])
    page = client.get("/review?lang=nl").text
    assert ui("nl", "stand_ins_count").replace("{count}", "1") in page
    assert ui("nl", "missing_count").replace("{count}", "1") in page


def test_a_lesson_written_whole_shows_no_parts(
    client: TestClient, acme: People, database: Database
) -> None:
    lesson_id = lesson_in_review(database, acme[Role.LEADER], None)
    sign_in(client, acme[Role.REVIEWER])
    page = client.get(f"/lessons/{lesson_id}?lang=en").text
    assert 'id="stand-ins"' not in page and 'id="who-wrote"' not in page
    assert "Every battery complaint gets an answer" in page


def test_a_kept_question_built_from_the_story_is_marked_on_the_story_page(
    client: TestClient, acme: People, database: Database
) -> None:
    asked = ["Why was the callback missed?", "What did you do the last time?", "How will you?"]
    note = "The coach could not write the discussion question well enough."
    kept = ResultParts(
        parts=[
            ResultPart(
                key=f"question-{n}",
                name="question",
                label="Questions for the team",
                text=q,
                origin=Origin.FALLBACK if n == 1 else Origin.COACH,
                note=note if n == 1 else None,
            )
            for n, q in enumerate(asked, 1)
        ],
        fallbacks=["question-1"],
        notes=[note],
    )
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
        keep_questions(
            session, "acme", story.id, acme[Role.MEMBER].id, Language.EN, asked, kept.as_json()
        )
    sign_in(client, acme[Role.MEMBER])
    page = client.get(f"/stories/{story.id}?lang=nl").text
    marked = re.findall(r'<li class="kept-question" data-origin="(\w+)">(.*?)</li>', page, re.S)
    assert [origin for origin, _ in marked] == ["fallback", "coach", "coach"]
    assert ui("nl", "question_origin_fallback") in marked[0][1] and note in marked[0][1]
    assert "origin-mark" not in marked[1][1]
