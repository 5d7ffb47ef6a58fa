"""The session card of a story, as the API's PDF and the print page both show it."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from service.cards import SessionCard, session_card
from service.settings import Settings
from service.store import Person, list_questions, readable_story, require_current

from .origin import own_origin

KEPT_SETS = 10
"""The newest kept question sets a card looks at for its three questions."""


def story_card(
    session: Session, person: Person, story_id: int, request: Request, settings: Settings
) -> SessionCard:
    """The card of a story ``person`` may read (else ``NotFound``); not of a retired one
    (``StoryRetired``): a huddle is something new drawn from it."""
    story = require_current(readable_story(session, person, story_id))
    kept = list_questions(session, person.org_id, story.id, limit=KEPT_SETS)
    origin = own_origin(request, settings.public_url) or ""
    return session_card(story, kept, f"{origin}/stories/{story.id}")
