"""The follow-up journey in a real browser, on the demo as ``make run`` leaves it and on a
clock the test moves (no waiting a week): a leader gives a 1:1 lesson to a member of their
team; the member sees it; seven days later the member answers the recall question and what
they tried; the leader sees the answer and replies in one line; the member sees the reply;
and a reviewer's analytics counts the answer in its answer rate. Once in English, once in
Dutch."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from service.demo import seed_history
from service.knowledge import KnowledgeBase
from service.review.rubrics import review_rubrics
from service.settings import Settings
from service.store import Lesson, Role, create_api_key, create_lesson, find_person, list_stories
from service.testing import MovableClock
from service.vocabulary import Language, LessonKind
from service.web.i18n import translator
from tests.conftest import RUBRICS
from tests.helpers.browser import POLICY_ERRORS, TIMEOUT_MS, watch
from tests.helpers.live_server import ORG, LiveServer, serve

pytestmark = pytest.mark.e2e

DUTCH_LESSON = """## Leerdoel
Na dit gesprek kun je een partij accu's tegenhouden als een meting niet klopt.

## Oefening
Houd deze week één partij tegen waarvan een meting afwijkt, en vertel het in het teamoverleg.

## Terugblikvraag
Welke meting deed je vorige week twijfelen, en wat heb je toen gedaan?
"""


@dataclass(frozen=True)
class Journey:
    language: Language
    leader: str
    member: str
    lesson_title: str
    recalled: str
    tried: str
    reply: str


ENGLISH = Journey(
    Language.EN,
    leader="Demo Leader",
    member="Tom Hughes",
    lesson_title="Tom takes the next escalated call himself",  # the demo's own 1:1 lesson
    recalled="The rider agrees the next step; I do not promise what I cannot keep.",
    tried="I took Monday's escalated call with the second headset on. We agreed a date.",
    reply="Well done. Take Thursday's call without me?",
)
DUTCH = Journey(
    Language.NL,
    leader="Ilse Kuipers",
    member="Youssef El Amrani",
    lesson_title="Een partij tegenhouden",
    recalled="De spanning van drie cellen week af, dus ik twijfelde aan de hele partij.",
    tried="Ik heb dinsdag een partij tegengehouden en het in het overleg verteld.",
    reply="Precies goed. Vertel het ook aan de nieuwe collega?",
)


@pytest.fixture(autouse=True)
def no_policy_violations() -> Iterator[None]:
    """Every page of the journey works under the Content-Security-Policy."""
    POLICY_ERRORS.clear()
    yield
    assert POLICY_ERRORS == []


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def live(settings: Settings, knowledge: KnowledgeBase, clock: MovableClock) -> Iterator[LiveServer]:
    """The demo with its seeded history, on the test's clock."""
    for server in serve(settings, knowledge, None, clock=clock):
        seed_history(server.database, ORG, knowledge, review_rubrics(RUBRICS))
        yield server


def prepare(live: LiveServer, journey: Journey) -> tuple[dict[str, str], int]:
    """Keys for the journey's leader and member, and the leader's 1:1 lesson's id (the demo
    has an English one; the Dutch one is written here, on the leader's own story)."""
    with live.database.transaction() as session:
        leader = find_person(session, ORG, journey.leader)
        member = find_person(session, ORG, journey.member)
        assert leader is not None and member is not None and leader.team == member.team
        keys = {p.name: create_api_key(session, p)[1] for p in (leader, member)}
        lesson = session.query(Lesson).filter_by(title=journey.lesson_title).one_or_none()
        if lesson is None:
            story = next(s for s in list_stories(session, ORG, author_id=leader.id))
            lesson = create_lesson(
                session,
                ORG,
                leader.id,
                story.id,
                kind=LessonKind.ONE_ON_ONE,
                title=journey.lesson_title,
                text=DUTCH_LESSON,
                team_member_goal="Zelf durven beslissen over een partij.",
                team_member_role="monteur",
            )
        assert lesson.kind is LessonKind.ONE_ON_ONE and lesson.author_id == leader.id
        return keys, lesson.id


def sign_in_as(browser: Any, live: LiveServer, key: str) -> Any:
    page = watch(browser.new_context().new_page())
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{live.url}/signin")
    page.fill("input[name=key]", key)
    page.click("form[action='/signin'] button[type=submit]")
    page.wait_for_url(f"{live.url}/")
    return page


@pytest.mark.parametrize("journey", [ENGLISH, DUTCH], ids=["en", "nl"])
def test_a_given_lesson_comes_back_a_week_later_and_the_leader_replies(
    browser: Any, live: LiveServer, clock: MovableClock, journey: Journey
) -> None:
    from playwright.sync_api import expect

    ui = translator(journey.language)
    keys, lesson_id = prepare(live, journey)
    leader = sign_in_as(browser, live, keys[journey.leader])
    assert leader.locator("html").get_attribute("lang") == journey.language.value

    # The leader gives the 1:1 lesson to a member of their team, from the lesson's page.
    leader.goto(f"{live.url}/lessons/{lesson_id}")
    leader.select_option("#give-member", label=journey.member)
    leader.click("#give-form button[type=submit]")
    expect(leader.locator("#given-to")).to_contain_text(journey.member, timeout=TIMEOUT_MS)

    # The member sees it on their home page and reads it; it comes back in seven days.
    member = sign_in_as(browser, live, keys[journey.member])
    given = member.locator("#given-to-me")
    expect(given).to_contain_text(journey.lesson_title)
    given.get_by_text(journey.lesson_title).click()
    expect(member.locator("#given-lesson")).to_be_visible()
    expect(member.locator("#comes-back")).to_contain_text(ui["follow_up_comes_back"])
    assert member.locator("#answer-form").count() == 0

    # A week later (the clock moves; nobody waits) it has come back: the member answers.
    clock.advance(days=7, minutes=1)
    member.goto(f"{live.url}/")
    due = member.locator("#due-follow-ups")
    expect(due).to_contain_text(journey.lesson_title)
    due.get_by_text(journey.lesson_title).click()
    form = member.locator("#answer-form")
    expect(form).to_be_visible()
    if journey.language is Language.NL:  # the lesson's own recall question and practice
        expect(form).to_contain_text("Welke meting deed je vorige week twijfelen")
        expect(form.locator(".practice")).to_contain_text("Houd deze week één partij tegen")
    else:  # the demo lesson has no recall part: a fixed question naming it
        expect(form).to_contain_text(journey.lesson_title)
        expect(form.locator(".practice")).to_contain_text("second headset")
    member.fill("#recalled", journey.recalled)
    member.fill("#tried", journey.tried)
    member.click("#answer-form button[type=submit]")
    expect(member.locator("dl.answer .tried")).to_have_text(journey.tried)

    # The leader finds it waiting on their home page and replies in one line.
    leader.goto(f"{live.url}/")
    waiting = leader.locator("#waiting .answer-item").filter(has_text=journey.tried)
    expect(waiting).to_contain_text(journey.recalled)
    waiting.locator("input[name=text]").fill(journey.reply)
    waiting.locator("button[type=submit]").click()
    expect(leader.locator("#waiting")).to_have_count(0)

    # The member sees the reply, on the follow-up and on their home page.
    member.reload()
    expect(member.locator(".reply-text")).to_have_text(journey.reply)
    member.goto(f"{live.url}/")
    expect(member.locator("#replies")).to_contain_text(journey.reply)

    # A reviewer's analytics counts the answer: the answer rate, and what was tried.
    reviewer = sign_in_as(browser, live, live.keys[Role.REVIEWER])
    reviewer.goto(f"{live.url}/analytics")
    expect(reviewer.locator("#follow-ups-answered")).to_have_text("1")
    came_back = int(reviewer.locator("#follow-ups-due").inner_text())
    assert came_back >= 1  # this lesson, and the demo's discussed stories that came back
    expect(reviewer.locator("#follow-up-rate")).to_have_text(f"{100 / came_back:.0f}%")
    expect(reviewer.locator("#answers-per-subject")).to_contain_text(journey.tried)
