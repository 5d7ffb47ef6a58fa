"""``storycoach follow-ups send`` against a real SMTP server the test starts (aiosmtpd on a
local port): each team member gets their due follow-ups in one e-mail, in their language,
once; what is not due, answered, or of another organisation is not sent. Time is the store's
replayed moments (a lesson given eight days ago), never a wait."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from service.cli import app
from service.settings import get_settings
from service.store import (
    Database,
    FollowUp,
    Role,
    follow_up_days,
    give_lesson,
    keep_questions,
    upgrade_database,
)
from service.store.columns import replaying_at, utcnow
from service.store.people import create_person
from service.vocabulary import Language, LessonKind
from tests.helpers.processes import free_port
from tests.store.factories import add_lesson, add_person, add_story

runner = CliRunner()
TEAM = "Montage lijn 1"
PUBLIC_URL = "https://coach.example.com"


class Inbox:
    """What the SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    received = Inbox()
    port = free_port()
    server = Controller(received, hostname="127.0.0.1", port=port)
    server.start()
    try:
        yield received, port
    finally:
        server.stop()


@pytest.fixture
def database() -> Iterator[Database]:
    opened = upgrade_database(get_settings())
    yield opened
    opened.close()


@pytest.fixture
def history(database: Database) -> dict[str, Any]:
    """Joris gave Anouk a 1:1 lesson eight days ago and another yesterday; Anouk's team
    discussed Ilse's story ten days ago."""
    eight_days_ago = utcnow() - timedelta(days=8)
    with database.transaction() as session:
        joris = add_person(session, "acme", "Joris", Role.LEADER, team=TEAM)
        ilse = add_person(session, "acme", "Ilse", Role.LEADER, team="Accu")
        anouk = create_person(
            session,
            "acme",
            "Anouk",
            Role.MEMBER,
            team=TEAM,
            locale=Language.NL,
            email="anouk@example.com",
        )
        leader = session.get_one(type(anouk), joris.id)
        story = add_story(session, joris, title="Vraag het de lijn")
        given = add_lesson(session, joris, story.id, LessonKind.ONE_ON_ONE)
        with replaying_at(eight_days_ago):
            lesson_follow_up = give_lesson(session, leader, given.id, anouk.id, eight_days_ago)
        fresh = add_lesson(session, joris, story.id, LessonKind.ONE_ON_ONE)
        yesterday = give_lesson(session, leader, fresh.id, anouk.id, utcnow() - timedelta(days=1))
        told = add_story(session, ilse, title="De accu's die ik zelf aftekende")
        with replaying_at(utcnow() - timedelta(days=10)):
            keep_questions(session, "acme", told.id, joris.id, Language.NL, ["Waarom?"])
        add_person(session, "globex", "Gus", Role.MEMBER)
        return {"follow_up": lesson_follow_up.id, "anouk": anouk.id, "yesterday": yesterday.id}


def smtp_env(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setenv("STORYCOACH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("STORYCOACH_SMTP_PORT", str(port))
    monkeypatch.setenv("STORYCOACH_SMTP_FROM", "StoryCoach <coach@example.com>")
    monkeypatch.setenv("STORYCOACH_PUBLIC_URL", PUBLIC_URL)
    get_settings.cache_clear()


def test_send_e_mails_each_member_their_due_follow_ups_once(
    history: dict[str, Any],
    database: Database,
    inbox: tuple[Inbox, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    received, port = inbox
    listed = runner.invoke(app, ["follow-ups", "send", "--org", "acme", "--json"])
    assert listed.exit_code == 0, listed.output  # no mail server set: a list
    due = json.loads(listed.stdout)["due"]
    assert [row["member"] for row in due] == ["Anouk"]
    titles = [f["title"] for f in due[0]["follow_ups"]]
    assert titles == ["De accu's die ik zelf aftekende", "Vraag het de lijn"]
    assert received.messages == []

    smtp_env(monkeypatch, port)
    sent = runner.invoke(app, ["follow-ups", "send", "--org", "acme"])
    assert sent.exit_code == 0, sent.output
    assert "e-mailed 1 team member(s) in acme" in sent.stdout
    [mail] = received.messages
    assert mail["To"] == "Anouk <anouk@example.com>"
    assert mail["From"] == "StoryCoach <coach@example.com>"
    assert mail["Subject"] == "StoryCoach: kijk terug op wat je leerde"  # Anouk reads Dutch
    body = mail.get_content()
    assert body.startswith("Hallo Anouk,")
    assert f"{PUBLIC_URL}/follow-ups/{history['follow_up']}" in body
    assert "De accu's die ik zelf aftekende" in body

    again = runner.invoke(app, ["follow-ups", "send", "--org", "acme"])
    assert again.exit_code == 0 and "e-mailed 0 team member(s)" in again.stdout
    assert len(received.messages) == 1  # e-mailed once
    with database.transaction() as session:
        mailed = session.query(FollowUp).filter(FollowUp.member_id == history["anouk"]).all()
        reminded = {f.id for f in mailed if f.reminded_at is not None}
        assert len(mailed) == 3 and history["yesterday"] not in reminded  # not due yet
        assert history["follow_up"] in reminded and len(reminded) == 2


def test_a_member_without_an_address_or_a_refusing_server_is_reported_and_left_for_later(
    history: dict[str, Any],
    database: Database,
    inbox: tuple[Inbox, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    received, port = inbox
    with database.transaction() as session:
        anouk = session.get_one(FollowUp, history["follow_up"]).member
        anouk.email = None
    smtp_env(monkeypatch, port)
    sent = runner.invoke(app, ["follow-ups", "send", "--org", "acme", "--json"])
    assert sent.exit_code == 1, sent.output  # someone was not reached: the timer's log says so
    assert json.loads(sent.stdout)["no_address"] == ["Anouk"]
    assert received.messages == []

    with database.transaction() as session:
        session.get_one(FollowUp, history["follow_up"]).member.email = "anouk@example.com"
    smtp_env(monkeypatch, free_port())  # nothing listens there
    refused = runner.invoke(app, ["follow-ups", "send", "--org", "acme"])
    assert refused.exit_code == 1 and "not sent to Anouk" in refused.stdout
    smtp_env(monkeypatch, port)
    later = runner.invoke(app, ["follow-ups", "send", "--org", "acme"])
    assert later.exit_code == 0 and len(received.messages) == 1  # reached at last


def test_sending_needs_the_public_address_and_a_known_organisation(
    history: dict[str, Any], inbox: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    smtp_env(monkeypatch, inbox[1])
    monkeypatch.delenv("STORYCOACH_PUBLIC_URL")
    get_settings.cache_clear()
    missing = runner.invoke(app, ["follow-ups", "send", "--org", "acme"])
    assert missing.exit_code == 2 and "public_url" in missing.output
    unknown = runner.invoke(app, ["follow-ups", "send", "--org", "nobody", "--list"])
    assert unknown.exit_code == 2 and "organisation not found" in unknown.output


def test_the_delay_is_shown_and_set_per_organisation(
    history: dict[str, Any], database: Database
) -> None:
    shown = runner.invoke(app, ["follow-ups", "delay", "--org", "acme"])
    assert shown.exit_code == 0 and "after 7 day(s)" in shown.stdout
    assert runner.invoke(app, ["follow-ups", "delay", "14", "--org", "acme"]).exit_code == 0
    bad = runner.invoke(app, ["follow-ups", "delay", "0", "--org", "acme"])
    assert bad.exit_code == 2 and "days" in bad.output
    with database.transaction() as session:
        assert follow_up_days(session, "acme") == 14
        assert follow_up_days(session, "globex") == 7
    # Eight days ago is not fourteen: nothing is due in acme now.
    listed = runner.invoke(app, ["follow-ups", "send", "--org", "acme", "--list", "--json"])
    assert json.loads(listed.stdout)["due"] == []
