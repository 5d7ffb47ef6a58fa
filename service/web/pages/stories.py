"""Stories: the published list, one story with its questions and reflections, and the
reflection and metadata forms (plain CSRF-protected forms, so they work without JavaScript)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.errors import NotFound
from service.http.deps import CallerDep, KnowledgeDep, SessionDep
from service.http.ids import StoryId
from service.http.paging import DEFAULT_LIMIT as PAGE
from service.http.paging import PageDep, cut
from service.http.public import question_set_public
from service.http.routing import CommittingRoute
from service.knowledge import DocumentKind
from service.store import (
    NotAllowed,
    StoryStatus,
    StoryVisibility,
    add_reflection,
    list_lessons,
    list_questions,
    list_reflections,
    list_stories,
    open_story,
    readable_story,
    update_story,
)
from service.store.access import OVERSEERS, can_read_all_reflections
from service.store.limits import COMMENT_CHARS, TITLE_CHARS

from .rendering import PageCaller, not_found, render
from .sources import cited_documents

router = APIRouter(route_class=CommittingRoute)


@router.get("/stories")
def stories_page(
    request: Request,
    caller: PageCaller,
    session: SessionDep,
    knowledge: KnowledgeDep,
    page: PageDep,
) -> HTMLResponse:
    rows = list_stories(
        session,
        caller.org,
        status=StoryStatus.PUBLISHED,
        audience=None if caller.role in OVERSEERS else caller.person,
        limit=page.peek,
        offset=page.offset,
    )
    stories, following = cut(rows, page)
    corpus = knowledge.list_documents(caller.org, DocumentKind.STORY)
    context = {"stories": stories, "next": following, "corpus": corpus}
    return render(request, "stories.html", caller, context)


@router.get("/stories/{story_id}")
def story_page(
    request: Request,
    story_id: StoryId,
    caller: PageCaller,
    session: SessionDep,
    knowledge: KnowledgeDep,
    page: PageDep,
    thanks: bool = False,
) -> HTMLResponse:
    """One story; its reflections a page at a time (``?offset=`` pages them)."""
    try:
        story = open_story(session, caller.person, story_id)
    except NotFound:
        return not_found(request, caller)
    sees_all = can_read_all_reflections(caller.person, story)
    rows = list_reflections(
        session,
        caller.org,
        story.id,
        person_id=None if sees_all else caller.person.id,
        limit=page.peek,
        offset=page.offset,
    )
    reflections, following = cut(rows, page)
    is_author = story.author_id == caller.person.id
    lessons = (
        list_lessons(session, caller.org, author_id=caller.person.id, story_id=story.id, limit=PAGE)
        if is_author
        else []
    )
    context = {
        "story": story,
        "sources": cited_documents(knowledge, caller.org, story.citations),
        "reflections": reflections,
        "kept_questions": [
            question_set_public(k) for k in list_questions(session, caller.org, story.id)
        ],
        "next": following,
        "sees_all": sees_all,
        "is_author": is_author,
        "lessons": lessons,
        "thanks": thanks,
        "comment_chars": COMMENT_CHARS,
        "visibilities": list(StoryVisibility),
    }
    return render(request, "story.html", caller, context)


@router.post("/stories/{story_id}/metadata")
def metadata_form(
    story_id: StoryId,
    caller: CallerDep,
    session: SessionDep,
    visibility: Annotated[StoryVisibility, Form()] = StoryVisibility.ORGANISATION,
    current: Annotated[bool, Form()] = False,
    told_by: Annotated[str, Form(max_length=TITLE_CHARS)] = "",
) -> Response:
    """Who may read the story, whether it is current, who told it (its author, from the
    story page's form; ``CallerDep`` checks the form's ``csrf_token``). An unticked box
    is not sent, so a missing ``current`` retires the story."""
    story = readable_story(session, caller.person, story_id)
    if story.author_id != caller.person.id:
        raise NotAllowed("only the story's author may change it")
    update_story(
        session, caller.org, story.id, visibility=visibility, current=current, told_by=told_by
    )
    return RedirectResponse(f"/stories/{story.id}#metadata", status_code=303)


@router.post("/stories/{story_id}/reflections")
def reflect_form(
    story_id: StoryId,
    caller: CallerDep,
    session: SessionDep,
    text: Annotated[str, Form(max_length=COMMENT_CHARS)] = "",
) -> Response:
    """Leave a reflection from the form (``CallerDep`` checks the form's ``csrf_token``)."""
    story = readable_story(session, caller.person, story_id)
    target = f"/stories/{story.id}"
    if story.status is StoryStatus.PUBLISHED and text.strip():
        add_reflection(session, caller.org, story.id, caller.person.id, text.strip())
        target += "?thanks=1"
    return RedirectResponse(f"{target}#reflections", status_code=303)
