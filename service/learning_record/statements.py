"""The shape of an xAPI 1.0.3 statement, as much of it as StoryCoach sends.

Field names follow Python; the JSON names (``objectType``, ``homePage``...) are aliases, and
``Statement.as_json`` is what goes over the wire. Everything is frozen: a statement is built
once, and a retry sends the very same one (its id included), so an LRS never stores it twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

Iri = Annotated[str, Field(pattern=r"^https?://[^\s]+$")]
"""An http(s) IRI, kept exactly as built (no normalising: an id is compared as a string)."""
LanguageMap = dict[str, str]
"""xAPI's language map: an RFC 5646 tag (``nl``, ``en``) to the text in that language."""


class XapiModel(BaseModel):
    model_config = ConfigDict(
        frozen=True, populate_by_name=True, extra="forbid", alias_generator=to_camel
    )


class Account(XapiModel):
    """An account on a system: the xAPI way to name a person without an email address."""

    home_page: Iri
    """The system the account is on: StoryCoach's public address."""
    name: str = Field(min_length=1)
    """The person's stable id on that system (never their name or email)."""


class Agent(XapiModel):
    object_type: Literal["Agent"] = "Agent"
    account: Account


class Verb(XapiModel):
    id: Iri
    display: LanguageMap


class ActivityDefinition(XapiModel):
    type: Iri | None = None
    name: LanguageMap


class Activity(XapiModel):
    object_type: Literal["Activity"] = "Activity"
    id: Iri
    definition: ActivityDefinition


class ContextActivities(XapiModel):
    parent: list[Activity] | None = None
    """The activity this one is part of (a story, for its discussion questions)."""
    grouping: list[Activity] | None = None
    """Activities the statement belongs with more loosely: the organisation."""


class Context(XapiModel):
    platform: str
    language: str = Field(pattern=r"^[a-z]{2}$")
    """The language the experience was in (RFC 5646): the story's or the lesson's."""
    context_activities: ContextActivities | None = None


class Result(XapiModel):
    response: str
    """What the person answered, as they wrote it."""
    completion: bool = True


class Statement(XapiModel):
    id: UUID
    """Derived from what happened (``building.statement_id``), so a resend is recognised."""
    actor: Agent
    verb: Verb
    object_: Activity = Field(validation_alias="object", serialization_alias="object")
    context: Context
    result: Result | None = None
    """An answer's response (follow-ups only)."""
    timestamp: AwareDatetime

    def as_json(self) -> dict[str, Any]:
        """The statement as the LRS reads it: xAPI names, nothing unset, UTC with a ``Z``."""
        body = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        body["timestamp"] = utc_timestamp(self.timestamp)
        return body


def utc_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``, to the millisecond (what LRSs store)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
