"""The demo organisation's people: one of each role, each with a fresh sign-in key."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.errors import InvalidInput
from service.vocabulary import Language

from .credentials import create_api_key, list_api_keys, revoke_key
from .enums import Role
from .limits import EMAIL_CHARS, checked_optional
from .models import Person
from .people import TEAM_CHARS, create_person, ensure_organisation, find_person

DEMO_PEOPLE = (
    ("Demo Leader", Role.LEADER, Language.EN),
    ("Demo Reviewer", Role.REVIEWER, Language.NL),
    ("Demo Member", Role.MEMBER, Language.NL),
    ("Demo Admin", Role.ADMIN, Language.EN),
)


@dataclass(frozen=True)
class IssuedKey:
    person: Person
    key: str


def person_with_role(
    session: Session,
    org: str,
    name: str,
    role: Role,
    locale: Language = Language.EN,
    *,
    team: str | None = None,
    email: str | None = None,
) -> Person:
    """The person ``name`` of ``org`` (created when missing); refuses a name with another role.
    A ``team`` given puts them in it (an existing person moves there); an ``email`` given is
    theirs from now on (follow-ups are e-mailed to it)."""
    ensure_organisation(session, org)
    person = find_person(session, org, name)
    if person is None:
        return create_person(session, org, name, role, locale=locale, team=team, email=email)
    if person.role is not role:
        raise InvalidInput(
            "role", f"'{name}' in {org} is a {person.role.value}, not a {role.value}"
        )
    if team is not None:
        person.team = checked_optional("team", team.strip() or None, TEAM_CHARS)
    if email is not None:
        person.email = checked_optional("email", email.strip() or None, EMAIL_CHARS)
    return person


def seed_demo(session: Session, org: str) -> list[IssuedKey]:
    """Create the demo people if missing and give each a fresh key.

    Keys are kept only as hashes, so earlier keys cannot be shown again; running this again
    revokes the demo people's earlier keys and prints new ones. The people, and everything
    they made, stay: running it twice leaves one person per role.
    """
    issued = []
    for name, role, locale in DEMO_PEOPLE:
        person = person_with_role(session, org, name, role, locale)
        for key in list_api_keys(session, org):
            if key.person_id == person.id and key.revoked_at is None:
                revoke_key(session, key)
        issued.append(IssuedKey(person, create_api_key(session, person)[1]))
    return issued
