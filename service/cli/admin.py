"""``storycoach admin``: organisations, people and keys, and the database schema.

Keys, not passwords, are how people sign in: a key is 256 random bits made by the admin and
handed over once, so there is no password to choose badly, reuse, reset or rate-limit, and the
server keeps only its sha256 (``service.store.tokens``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from service.demo import DemoCorpusMissing, SeededHistory, seed_history
from service.knowledge import KnowledgeBase
from service.review.rubrics import review_rubrics
from service.settings import Settings, get_settings
from service.store import (
    ApiKey,
    Role,
    create_api_key,
    list_api_keys,
    migrated_session,
    revoke_api_key,
    upgrade_database,
)
from service.store.columns import utcnow
from service.store.seed import person_with_role, seed_demo

from .durations import parse_duration
from .output import errors_as_exit_codes, out

app = typer.Typer(help="Manage organisations, people, keys and the database.", no_args_is_help=True)

OrgOption = Annotated[
    str | None, typer.Option("--org", help="Organisation id (default: STORYCOACH_DEFAULT_ORG).")
]


@app.command("create-key")
def create_key(
    role: Annotated[Role, typer.Option("--role", help="leader, reviewer, member or admin.")],
    org: OrgOption = None,
    name: Annotated[
        str | None, typer.Option("--name", help="The person's name (default: the role).")
    ] = None,
    expires_in: Annotated[
        str | None,
        typer.Option(
            "--expires-in",
            help="Stop working after this long: 90m, 12h, 30d, 2w (default: until revoked).",
        ),
    ] = None,
    team: Annotated[
        str | None,
        typer.Option("--team", help="Put the person in this team (stories told for a team)."),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option("--email", help="The person's e-mail address (follow-ups are sent to it)."),
    ] = None,
) -> None:
    """Create a key for a person (and the organisation and person when missing).

    Only the key is printed on stdout, so it can be captured: KEY=$(storycoach admin ...).
    """
    settings = get_settings()
    org = org or settings.default_org
    with errors_as_exit_codes():
        expires_at = utcnow() + parse_duration(expires_in) if expires_in else None
        with migrated_session(settings) as session:
            person = person_with_role(
                session, org, name or role.value, role, team=team, email=email
            )
            _, key = create_api_key(session, person, expires_at=expires_at)
    typer.echo(key)


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _shown(moment: str | None) -> str:
    """A time for the table: to the minute, date and time apart so a narrow terminal wraps
    between them."""
    return moment[:16].replace("T", " ") if moment else "-"


def _key_row(key: ApiKey) -> dict[str, str | None]:
    return {
        "prefix": key.prefix,
        "person": key.person.name,
        "role": key.person.role.value,
        "created": _when(key.created_at),
        "last_used": _when(key.last_used_at),
        "expires": _when(key.expires_at),
        "revoked": _when(key.revoked_at),
    }


@app.command("list-keys")
def list_keys(
    org: OrgOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """List an organisation's keys, never the keys themselves (only their hashes are kept).

    Prefix, person, role, and when each was created, last used (to the minute), expires and
    was revoked, in UTC.
    """
    settings = get_settings()
    org = org or settings.default_org
    with errors_as_exit_codes(), migrated_session(settings) as session:
        rows = [_key_row(key) for key in list_api_keys(session, org)]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title=f"Keys of {org} (UTC)", title_justify="left", box=box.SIMPLE)
    for column in ("prefix", "person", "role"):
        table.add_column(column, no_wrap=column != "person")
    for column in ("created", "last used", "expires", "revoked"):
        table.add_column(column, min_width=10)
    for row in rows:
        names = [row["prefix"] or "", row["person"] or "", row["role"] or ""]
        times = [row[k] for k in ("created", "last_used", "expires", "revoked")]
        table.add_row(*names, *(_shown(t) for t in times))
    out().print(table)


@app.command("revoke-key")
def revoke_key(
    prefix: Annotated[str, typer.Argument(help="The key's first 10 characters (sc_...).")],
    org: OrgOption = None,
) -> None:
    """Revoke a key by its shown prefix; it and its browser sessions stop working at once."""
    settings = get_settings()
    org = org or settings.default_org
    with errors_as_exit_codes(), migrated_session(settings) as session:
        count = revoke_api_key(session, org, prefix)
    out().print(f"revoked {count} key(s) starting {prefix} in {org}", highlight=False)


@app.command("seed-demo")
def seed_demo_command(
    org: OrgOption = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history/--no-history",
            help="Also lay down the demo's history: stories, lessons in review, reflections.",
        ),
    ] = True,
) -> None:
    """Create the demo organisation with one person of each role, print sign-in keys, and lay
    down a history of published stories, lessons in every review state and team activity.

    Safe to run again: the people stay, and each gets a fresh key (earlier ones are revoked,
    since only their hashes are kept and they cannot be shown again); the history is added
    only where it is missing. The history needs the organisation's corpus (`storycoach
    ingest` first, as `make run` does); without it the keys are still made.
    """
    settings = get_settings()
    org = org or settings.default_org
    with errors_as_exit_codes(), migrated_session(settings) as session:
        issued = [(i.person.name, i.person.role.value, i.key) for i in seed_demo(session, org)]
    console = out()
    console.print(
        f"Organisation '{org}'. Sign in at /signin with one of these keys:", highlight=False
    )
    for name, role, key in issued:
        console.print(f"  {role:<9} {name:<14} {key}", highlight=False)
    console.print("API: send the key as 'Authorization: Bearer <key>'.", highlight=False)
    if history:
        _seed_history(settings, org)


def _seed_history(settings: Settings, org: str) -> None:
    console = out()
    with errors_as_exit_codes():
        database = upgrade_database(settings)
        knowledge = KnowledgeBase.open(settings)
        try:
            seeded = seed_history(database, org, knowledge, review_rubrics())
        except DemoCorpusMissing as exc:  # raised before anything is written
            console.print(f"No demo history: {exc.reason}.", highlight=False)
            return
        finally:
            database.close()
    console.print(_history_line(seeded), highlight=False)


def _history_line(seeded: SeededHistory) -> str:
    if not (seeded.stories or seeded.lessons or seeded.reflections or seeded.question_sets):
        return "Demo history: already there, nothing added."
    return (
        f"Demo history: {seeded.stories} stories, {seeded.lessons} lessons "
        f"({len(seeded.published_lessons)} published), {seeded.reflections} reflections and "
        f"{seeded.question_sets} sets of discussion questions added."
    )


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (the app and other commands also do this)."""
    with errors_as_exit_codes():
        upgrade_database(get_settings()).close()
    out().print("database is up to date")
