"""What ``storycoach follow-ups send`` does: find the follow-ups that are due and not e-mailed
yet, and e-mail each team member theirs in one message, in their language, once.

Run it from cron or a systemd timer as often as you like: a follow-up is e-mailed once
(``FollowUp.reminded_at``), and one the member answered before the run is not e-mailed at
all. Nothing is scheduled inside StoryCoach; what is due is worked out when the command runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr
from itertools import groupby

from sqlalchemy.orm import Session

from service.store import FollowUp, Person, due_for_reminder, follow_up_days
from service.words import load_words

from .mail import Mailer, MailFailed

MAX_PER_RUN = 1000
"""Follow-ups one run handles; the rest are e-mailed by the next run."""


@dataclass(frozen=True)
class Reminder:
    """One team member's follow-ups that are due and not e-mailed yet."""

    member: Person
    follow_ups: list[FollowUp]


@dataclass
class ReminderReport:
    sent: list[Reminder] = field(default_factory=list)
    no_address: list[Reminder] = field(default_factory=list)
    """Members without an e-mail address (an admin can add one); not marked, so a later
    run reaches them once they have one."""
    failed: list[tuple[Reminder, str]] = field(default_factory=list)
    """Members whose e-mail the server refused, with the reason; tried again next run."""


def due_reminders(session: Session, org: str, now: datetime) -> list[Reminder]:
    """``org``'s follow-ups due at ``now``, unanswered and not e-mailed, by team member."""
    due_by = now - timedelta(days=follow_up_days(session, org))
    rows = due_for_reminder(session, org, due_by, limit=MAX_PER_RUN)
    return [
        Reminder(member=group[0].member, follow_ups=group)
        for group in (list(g) for _, g in groupby(rows, key=lambda f: f.member_id))
    ]


def reminder_message(reminder: Reminder, sender: str, public_url: str) -> EmailMessage:
    """The e-mail to one member, in their language, linking each follow-up."""
    member = reminder.member
    assert member.email is not None
    words = load_words("follow_ups", member.locale).section("mail")
    base = public_url.rstrip("/")
    lines = [
        words["greeting"].format(name=member.name),
        "",
        words["intro"],
        "",
        *(
            words["item"].format(title=f.subject.title, address=f"{base}/follow-ups/{f.id}")
            for f in reminder.follow_ups
        ),
        "",
        words["closing"],
        "",
        words["once"],
    ]
    message = EmailMessage()
    message["Subject"] = words["subject"]
    message["From"] = sender
    message["To"] = formataddr((member.name, member.email))
    message.set_content("\n".join(lines))
    return message


def send_reminders(
    reminders: Iterable[Reminder],
    mailer: Mailer,
    *,
    sender: str,
    public_url: str,
    now: datetime,
) -> ReminderReport:
    """E-mail each reminder and mark its follow-ups e-mailed (``now``); a member without an
    address or whose mail failed is reported and left for a later run."""
    report = ReminderReport()
    for reminder in reminders:
        if not reminder.member.email:
            report.no_address.append(reminder)
            continue
        try:
            mailer.send(reminder_message(reminder, sender, public_url))
        except MailFailed as failed:
            report.failed.append((reminder, failed.reason))
            continue
        for follow_up in reminder.follow_ups:
            follow_up.reminded_at = now
        report.sent.append(reminder)
    return report
