"""``storycoach follow-ups``: what is due, e-mailed or listed, and an organisation's delay.

``send`` is meant for cron or a systemd timer (daily, say): it works out what is due when it
runs, e-mails each team member their due follow-ups once, and exits 1 when someone could not
be reached (no address, or the mail server refused), so the timer's log shows it.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from service.errors import InvalidInput
from service.follow_ups import Reminder, ReminderReport, due_reminders, send_reminders
from service.follow_ups.mail import SmtpMailer
from service.settings import get_settings
from service.store import follow_up_days, migrated_session, set_follow_up_days
from service.store.columns import utcnow

from .output import HAD_PROBLEMS, errors_as_exit_codes, out

app = typer.Typer(
    help="Follow-ups: e-mail or list what is due, and set how long until they come back.",
    no_args_is_help=True,
)

OrgOption = Annotated[
    str | None, typer.Option("--org", help="Organisation id (default: STORYCOACH_DEFAULT_ORG).")
]


def _rows(reminders: list[Reminder]) -> list[dict[str, object]]:
    return [
        {
            "member": r.member.name,
            "email": r.member.email,
            "follow_ups": [
                {"id": f.id, "kind": f.kind, "title": f.subject.title, "since": f.since.isoformat()}
                for f in r.follow_ups
            ],
        }
        for r in reminders
    ]


@app.command()
def send(
    org: OrgOption = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Only list what is due; e-mail nobody.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """E-mail each team member the follow-ups that are due and not e-mailed yet (once each).

    Without STORYCOACH_SMTP_HOST, or with --list, it lists them instead and marks nothing.
    E-mails link to the follow-ups, so sending needs STORYCOACH_PUBLIC_URL.
    """
    settings = get_settings()
    org = org or settings.default_org
    mailing = settings.smtp_host is not None and not list_only
    with errors_as_exit_codes():
        if mailing and settings.public_url is None:
            raise InvalidInput("public_url", "set STORYCOACH_PUBLIC_URL: e-mails link to it")
        with migrated_session(settings) as session:
            now = utcnow()
            reminders = due_reminders(session, org, now)
            report = None
            if mailing:
                assert settings.smtp_from is not None and settings.public_url is not None
                report = send_reminders(
                    reminders,
                    SmtpMailer(settings),
                    sender=settings.smtp_from,
                    public_url=settings.public_url,
                    now=now,
                )
            listed = _rows(reminders)
    if report is None:
        _print_due(org, listed, as_json)
        return
    _print_report(org, report, as_json)
    if report.no_address or report.failed:
        raise typer.Exit(HAD_PROBLEMS)


def _print_due(org: str, listed: list[dict[str, object]], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"org": org, "due": listed}, indent=2))
        return
    console = out()
    console.print(f"{len(listed)} team member(s) in {org} have follow-ups due:", highlight=False)
    for row in listed:
        follow_ups = row["follow_ups"]
        assert isinstance(follow_ups, list)
        titles = "; ".join(str(f["title"]) for f in follow_ups)
        address = row["email"] or "no e-mail"
        console.print(f"  {row['member']} <{address}>: {titles}", highlight=False)


def _print_report(org: str, report: ReminderReport, as_json: bool) -> None:
    if as_json:
        summary = {
            "org": org,
            "sent": [r.member.name for r in report.sent],
            "no_address": [r.member.name for r in report.no_address],
            "failed": [{"member": r.member.name, "reason": why} for r, why in report.failed],
        }
        typer.echo(json.dumps(summary, indent=2))
        return
    console = out()
    console.print(f"e-mailed {len(report.sent)} team member(s) in {org}", highlight=False)
    for reminder in report.no_address:
        console.print(f"  no e-mail address: {reminder.member.name}", highlight=False)
    for reminder, why in report.failed:
        console.print(f"  not sent to {reminder.member.name}: {why}", highlight=False)


@app.command()
def delay(
    days: Annotated[
        int | None, typer.Argument(help="Days until a follow-up comes back (1-365).")
    ] = None,
    org: OrgOption = None,
) -> None:
    """Show, or set, how many days after a 1:1 lesson is given or a story discussed it comes
    back as a follow-up (default 7). A change applies to every open follow-up."""
    settings = get_settings()
    org = org or settings.default_org
    with errors_as_exit_codes(), migrated_session(settings) as session:
        if days is not None:
            set_follow_up_days(session, org, days)
        shown = follow_up_days(session, org)
    out().print(f"follow-ups in {org} come back after {shown} day(s)", highlight=False)
