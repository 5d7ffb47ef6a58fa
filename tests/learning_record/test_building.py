"""Statements built from learning events: valid xAPI shape, the chosen verbs, both languages,
ids that a retry repeats, and nothing personal or secret in them."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from service.learning_record import LearningAct, Statement, build_statement, statement_id
from service.learning_record.events import ANSWERED
from service.vocabulary import Language

from .events import PUBLIC_URL, event

VERB = {
    LearningAct.OPENED_STORY: "http://adlnet.gov/expapi/verbs/experienced",
    LearningAct.DISCUSSED_STORY: "http://adlnet.gov/expapi/verbs/interacted",
    LearningAct.REFLECTED_ON_STORY: "http://adlnet.gov/expapi/verbs/commented",
    LearningAct.PUBLISHED_LESSON: "https://w3id.org/xapi/dod-isd/verbs/published",
    LearningAct.ANSWERED_LESSON_FOLLOW_UP: "http://adlnet.gov/expapi/verbs/answered",
    LearningAct.ANSWERED_STORY_FOLLOW_UP: "http://adlnet.gov/expapi/verbs/answered",
}
OBJECT = {
    LearningAct.OPENED_STORY: f"{PUBLIC_URL}/stories/3",
    LearningAct.DISCUSSED_STORY: f"{PUBLIC_URL}/stories/3/questions",
    LearningAct.REFLECTED_ON_STORY: f"{PUBLIC_URL}/stories/3",
    LearningAct.PUBLISHED_LESSON: f"{PUBLIC_URL}/lessons/3",
    LearningAct.ANSWERED_LESSON_FOLLOW_UP: f"{PUBLIC_URL}/lessons/3/follow-up",
    LearningAct.ANSWERED_STORY_FOLLOW_UP: f"{PUBLIC_URL}/stories/3/follow-up",
}
ANSWER = "The second headset.\n\nI took the escalated call myself; the rider agreed a date."


@pytest.mark.parametrize("act", list(LearningAct))
@pytest.mark.parametrize("language", list(Language))
def test_each_act_is_a_valid_statement_in_its_language(
    act: LearningAct, language: Language
) -> None:
    title = "De belofte die ik te vroeg deed" if language is Language.NL else "The promise"
    response = ANSWER if act in ANSWERED else None
    happened = event(act, language=language, title=title, response=response)
    sent = build_statement(happened, PUBLIC_URL).as_json()

    assert Statement.model_validate(sent).as_json() == sent  # the wire shape reads back
    assert uuid.UUID(sent["id"]).version == 5
    assert sent["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": PUBLIC_URL, "name": "7"},
    }
    assert sent["verb"]["id"] == VERB[act]
    assert set(sent["verb"]["display"]) == {"en", "nl"}
    target = sent["object"]
    assert target["objectType"] == "Activity" and target["id"] == OBJECT[act]
    assert list(target["definition"]["name"]) == [language.value]
    assert title in target["definition"]["name"][language.value]
    assert target["definition"]["type"].startswith("http")
    assert sent["context"]["language"] == language.value
    assert sent["context"]["platform"] == "StoryCoach"
    grouping = sent["context"]["contextActivities"]["grouping"]
    assert [a["id"] for a in grouping] == [f"{PUBLIC_URL}/orgs/acme"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", sent["timestamp"])
    assert sent["timestamp"] == "2026-03-04T09:30:15.123Z"
    assert "version" not in sent and "authority" not in sent
    assert ("result" in sent) == (act in ANSWERED)


def test_the_discussion_is_part_of_its_story() -> None:
    sent = build_statement(event(LearningAct.DISCUSSED_STORY), PUBLIC_URL).as_json()
    parents = sent["context"]["contextActivities"]["parent"]
    assert [p["id"] for p in parents] == [f"{PUBLIC_URL}/stories/3"]
    assert sent["object"]["definition"]["type"] == "http://id.tincanapi.com/activitytype/discussion"
    opened = build_statement(event(LearningAct.OPENED_STORY), PUBLIC_URL).as_json()
    assert "parent" not in opened["context"]["contextActivities"]


@pytest.mark.parametrize(
    ("act", "parent"),
    [
        (LearningAct.ANSWERED_LESSON_FOLLOW_UP, f"{PUBLIC_URL}/lessons/3"),
        (LearningAct.ANSWERED_STORY_FOLLOW_UP, f"{PUBLIC_URL}/stories/3"),
    ],
)
def test_an_answered_follow_up_carries_the_answer_as_its_response(
    act: LearningAct, parent: str
) -> None:
    sent = build_statement(event(act, response=ANSWER), PUBLIC_URL).as_json()
    assert sent["result"] == {"response": ANSWER, "completion": True}
    assert sent["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/question"
    assert sent["object"]["definition"]["name"] == {"en": "Follow-up: The battery that got hot"}
    parents = sent["context"]["contextActivities"]["parent"]
    assert [p["id"] for p in parents] == [parent]


def test_the_same_event_is_the_same_statement_and_another_act_is_not() -> None:
    once = build_statement(event(), PUBLIC_URL)
    again = build_statement(event(), PUBLIC_URL + "/")
    assert once == again and once.id == statement_id(event(), PUBLIC_URL)
    others = {
        build_statement(event(occurrence="2"), PUBLIC_URL).id,
        build_statement(event(person_id=8), PUBLIC_URL).id,
        build_statement(event(subject_id=4), PUBLIC_URL).id,
        build_statement(event(LearningAct.REFLECTED_ON_STORY), PUBLIC_URL).id,
        build_statement(event(), "https://other.example.com").id,
    }
    assert once.id not in others and len(others) == 5


def test_a_statement_names_nobody_and_carries_no_text_but_a_title() -> None:
    """The event has ids, a title and a language only; the statement adds no name, email,
    or anything else a person wrote (the reflection's text never reaches the event)."""
    sent = json.dumps(build_statement(event(LearningAct.REFLECTED_ON_STORY), PUBLIC_URL).as_json())
    assert "mbox" not in sent and "@" not in sent
    assert '"name": "7"' in sent  # the account's name is the person's id
    assert "response" not in sent and "result" not in sent


def test_a_statement_refuses_what_is_not_an_iri_or_a_language() -> None:
    good = build_statement(event(), PUBLIC_URL).as_json()
    for path, bad in [(("object", "id"), "stories/3"), (("context", "language"), "Dutch")]:
        changed = json.loads(json.dumps(good))
        changed[path[0]][path[1]] = bad
        with pytest.raises(ValueError):
            Statement.model_validate(changed)
