"""Stories: leaders save and publish them; everyone in the organisation reads published ones."""

from __future__ import annotations

from fastapi import APIRouter

from service.http.deps import CallerDep, LeaderDep, SessionDep
from service.http.ids import StoryId
from service.http.paging import PageDep, cut
from service.http.public import story_public
from service.http.routing import CommittingRoute
from service.http.schemas import StoriesPublic, StoryCreate, StoryPublic, StoryUpdate
from service.store import (
    NotAllowed,
    Role,
    StoryStatus,
    list_stories,
    open_story,
    publish_story,
    readable_story,
    save_story,
    update_story,
)
from service.store.access import OVERSEERS

router = APIRouter(route_class=CommittingRoute, prefix="/stories", tags=["stories"])


@router.get("")
def list_visible_stories(
    caller: CallerDep,
    session: SessionDep,
    page: PageDep,
    status: StoryStatus | None = None,
    mine: bool = False,
) -> StoriesPublic:
    """Stories the caller may read, newest first, a page at a time: published ones told to
    them and their own drafts (reviewers and admins read every story); retired stories only
    in their author's own list (``mine``)."""
    overseer = caller.role in OVERSEERS
    rows = list_stories(
        session,
        caller.org,
        status=status,
        author_id=caller.person.id if mine else None,
        readable_by=None if overseer else caller.person.id,
        audience=None if overseer else caller.person,
        include_retired=mine,
        limit=page.peek,
        offset=page.offset,
    )
    shown, following = cut(rows, page)
    data = [story_public(s) for s in shown]
    return StoriesPublic(data=data, count=len(data), next=following)


@router.post("", status_code=201)
def create_story(body: StoryCreate, caller: LeaderDep, session: SessionDep) -> StoryPublic:
    """Save a draft story (leaders)."""
    story = save_story(session, caller.org, caller.person.id, **body.model_dump())
    return story_public(story)


@router.get("/{story_id}")
def read_story(story_id: StoryId, caller: CallerDep, session: SessionDep) -> StoryPublic:
    return story_public(open_story(session, caller.person, story_id))


@router.patch("/{story_id}")
def change_story(
    story_id: StoryId, body: StoryUpdate, caller: CallerDep, session: SessionDep
) -> StoryPublic:
    """Change a story's fields, who may read it, whether it is current and who told it (its
    author only)."""
    story = readable_story(session, caller.person, story_id)
    if story.author_id != caller.person.id:
        raise NotAllowed("only the story's author may change it")
    changed = update_story(session, caller.org, story.id, **body.model_dump(exclude_unset=True))
    return story_public(changed)


@router.post("/{story_id}/publish")
def publish(story_id: StoryId, caller: CallerDep, session: SessionDep) -> StoryPublic:
    """Publish a story to the organisation (its author, or an admin)."""
    story = readable_story(session, caller.person, story_id)
    if story.author_id != caller.person.id and caller.role is not Role.ADMIN:
        raise NotAllowed("only the story's author or an admin may publish it")
    return story_public(publish_story(session, caller.org, story.id, caller.person.id))
