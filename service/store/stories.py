"""Leaders' saved stories: drafts only their author sees, and published ones the team reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound, StoryRetired
from service.vocabulary import Language

from .audit import record_event
from .columns import utcnow
from .conversations import get_conversation
from .enums import AuditAction, StoryStatus, StoryVisibility
from .limits import TEXT_CHARS, TITLE_CHARS, checked_ids, checked_optional, checked_text
from .models import Person, Story
from .paging import paged


def save_story(
    session: Session,
    org: str,
    author_id: int,
    *,
    title: str,
    text: str,
    language: Language,
    citations: Sequence[str] = (),
    core_message: str | None = None,
    values: Sequence[str] = (),
    conversation_id: int | None = None,
    parts: dict[str, Any] | None = None,
) -> Story:
    """Save a new draft story of ``author_id``; ``conversation_id`` must be one of ``org``'s.

    ``parts`` says who wrote each part (the chat's ``DraftParts`` as JSON), when known.
    """
    if conversation_id is not None:
        get_conversation(session, org, conversation_id, leader_id=author_id)
    story = Story(
        org_id=org,
        author_id=author_id,
        title=checked_text("title", title, TITLE_CHARS),
        text=checked_text("text", text, TEXT_CHARS),
        language=Language(language),
        citations=checked_ids("citations", list(citations)),
        core_message=checked_optional("core_message", core_message, TEXT_CHARS),
        values=checked_ids("values", list(values)),
        conversation_id=conversation_id,
        parts=parts,
    )
    session.add(story)
    session.flush()
    return story


def update_story(
    session: Session,
    org: str,
    story_id: int,
    *,
    title: str | None = None,
    text: str | None = None,
    citations: Sequence[str] | None = None,
    core_message: str | None = None,
    values: Sequence[str] | None = None,
    visibility: StoryVisibility | None = None,
    current: bool | None = None,
    told_by: str | None = None,
) -> Story:
    """Change the given fields (``None`` leaves a field as it is).

    A new text drops the parts: which words are whose is no longer known part by part, and
    the whole text is now the author's own. ``current=False`` retires the story (it keeps
    the moment it was first retired), ``True`` makes it current again; ``told_by=""`` says
    the author told it.
    """
    story = get_story(session, org, story_id)
    if visibility is not None:
        visibility = StoryVisibility(visibility)
        if visibility is StoryVisibility.TEAM and not story.author.team:
            raise InvalidInput("visibility", "author_without_team")
        story.visibility = visibility
    if current is not None:
        story.retired_at = None if current else (story.retired_at or utcnow())
    if told_by is not None:
        story.told_by = checked_optional("told_by", told_by.strip() or None, TITLE_CHARS)
    if title is not None:
        story.title = checked_text("title", title, TITLE_CHARS)
    if text is not None:
        story.text = checked_text("text", text, TEXT_CHARS)
        story.parts = None
    if citations is not None:
        story.citations = checked_ids("citations", list(citations))
    if core_message is not None:
        story.core_message = checked_optional("core_message", core_message, TEXT_CHARS)
    if values is not None:
        story.values = checked_ids("values", list(values))
    session.flush()
    return story


def publish_story(session: Session, org: str, story_id: int, actor_id: int) -> Story:
    """Make a story readable by the whole organisation (publishing twice changes nothing)."""
    story = get_story(session, org, story_id)
    if story.status is not StoryStatus.PUBLISHED:
        story.status = StoryStatus.PUBLISHED
        story.published_at = utcnow()
        record_event(
            session,
            org,
            actor_id,
            AuditAction.PUBLISH_STORY,
            story_id=story.id,
            from_state=StoryStatus.DRAFT.value,
            to_state=StoryStatus.PUBLISHED.value,
        )
    return story


def require_current(story: Story) -> Story:
    """The story, unless it is retired (``StoryRetired``): nothing new may draw on it."""
    if story.retired_at is not None:
        raise StoryRetired(story.id)
    return story


def get_story(session: Session, org: str, story_id: int) -> Story:
    story = session.scalar(select(Story).where(Story.org_id == org, Story.id == story_id))
    if story is None:
        raise NotFound("story", str(story_id))
    return story


def list_stories(
    session: Session,
    org: str,
    *,
    status: StoryStatus | None = None,
    author_id: int | None = None,
    readable_by: int | None = None,
    conversation_id: int | None = None,
    audience: Person | None = None,
    include_retired: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Story]:
    """``org``'s stories, newest first, optionally by status and author; with
    ``readable_by``, only published ones and that person's own drafts (the filter is in the
    query, so a page of ``limit`` holds ``limit`` stories the person may read). With
    ``audience``, a story told for its team only is listed to that team (and its author);
    leave it out for reviewers and admins, who read every story. Retired stories are left
    out unless ``include_retired`` (a person's own list)."""
    query = select(Story).where(Story.org_id == org)
    if status is not None:
        query = query.where(Story.status == status)
    if author_id is not None:
        query = query.where(Story.author_id == author_id)
    if conversation_id is not None:
        query = query.where(Story.conversation_id == conversation_id)
    if readable_by is not None:
        query = query.where(
            or_(Story.status == StoryStatus.PUBLISHED, Story.author_id == readable_by)
        )
    if audience is not None:
        teammates = select(Person.id).where(Person.org_id == org, Person.team == audience.team)
        query = query.where(
            or_(
                Story.visibility == StoryVisibility.ORGANISATION,
                Story.author_id == audience.id,
                Story.author_id.in_(teammates) if audience.team else false(),
            )
        )
    if not include_retired:
        query = query.where(Story.retired_at.is_(None))
    return list(session.scalars(paged(query.order_by(Story.id.desc()), limit, offset)))
