"""Organisations and the people in them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound
from service.vocabulary import ORG_ID_MAX_LENGTH, Language, is_org_id

from .enums import Role
from .limits import EMAIL_CHARS, NAME_CHARS, checked_optional, checked_text
from .models import Organisation, Person


def ensure_organisation(session: Session, org: str, name: str | None = None) -> Organisation:
    """The organisation ``org``, created when missing; its id must suit a Chroma collection."""
    if not is_org_id(org):
        raise InvalidInput("org", "org_id_rule", most=ORG_ID_MAX_LENGTH)
    found = session.get(Organisation, org)
    if found is not None:
        return found
    created = Organisation(id=org, name=checked_text("name", name or org, NAME_CHARS))
    session.add(created)
    session.flush()
    return created


def get_organisation(session: Session, org: str) -> Organisation:
    found = session.get(Organisation, org)
    if found is None:
        raise NotFound("organisation", org)
    return found


TEAM_CHARS = 120


def create_person(
    session: Session,
    org: str,
    name: str,
    role: Role,
    *,
    email: str | None = None,
    locale: Language = Language.EN,
    team: str | None = None,
) -> Person:
    """A new person in ``org``; names are unique within an organisation. ``team`` names
    their team (a story told for the team is read there only)."""
    name = checked_text("name", name, NAME_CHARS)
    if find_person(session, org, name) is not None:
        raise InvalidInput("name", "name_taken", name=name, org=org)
    person = Person(
        org_id=get_organisation(session, org).id,
        name=name,
        role=Role(role),
        email=checked_optional("email", email, EMAIL_CHARS),
        locale=Language(locale),
        team=checked_optional("team", (team or "").strip() or None, TEAM_CHARS),
    )
    session.add(person)
    session.flush()
    return person


def find_person(session: Session, org: str, name: str) -> Person | None:
    return session.scalar(select(Person).where(Person.org_id == org, Person.name == name.strip()))


def get_person(session: Session, org: str, person_id: int) -> Person:
    person = session.scalar(select(Person).where(Person.org_id == org, Person.id == person_id))
    if person is None:
        raise NotFound("person", str(person_id))
    return person


def list_people(session: Session, org: str) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.org_id == org).order_by(Person.id)))
