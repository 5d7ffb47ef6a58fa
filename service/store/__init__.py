"""Persistence: organisations, people, keys, sessions, conversations, stories, lessons, audit,
follow-ups.

SQLAlchemy 2 over SQLite (default, in the data folder) or any SQLAlchemy URL; Alembic
migrations ship inside this package. Every repository function takes a ``Session`` and the
caller's ``org`` and filters by it, so no query can reach another organisation's rows. Work in
``Database.transaction()`` so that a failure leaves nothing half-written::

    database = upgrade_database(settings)
    with database.transaction() as session:
        conversation = create_conversation(session, org, leader.id, title=..., language=...)
        add_message(session, org, conversation.id, MessageRole.USER, "...")
"""

from .access import (
    NotAllowed,
    can_read_lesson,
    can_read_story,
    open_story,
    readable_lesson,
    readable_story,
    require_overseer,
)
from .audit import AuditTrailIsAppendOnly, list_events, record_event
from .conversations import (
    add_message,
    create_conversation,
    get_conversation,
    list_conversations,
    list_messages,
)
from .credentials import (
    LAST_USED_RESOLUTION,
    SESSION_LIFETIME,
    create_api_key,
    end_sessions_signed_in_with,
    end_web_session,
    find_api_key,
    find_web_session,
    list_api_keys,
    note_key_use,
    revoke_api_key,
    revoke_key,
    start_web_session,
)
from .database import Database, database_url, make_engine
from .enums import AuditAction, LessonState, MessageRole, Role, StoryStatus, StoryVisibility
from .follow_ups import (
    REPLY_CHARS,
    answer_follow_up,
    can_read_follow_up,
    due_at,
    due_for_reminder,
    follow_up_days,
    give_lesson,
    lesson_follow_up,
    list_follow_ups,
    readable_follow_up,
    reply_to_answer,
    set_follow_up_days,
    team_members,
)
from .learning import note_act
from .lessons import count_lessons, create_lesson, get_lesson, list_lessons
from .migrate import migrated_session, upgrade_database, upgrade_engine
from .models import (
    ApiKey,
    AuditEvent,
    Conversation,
    DiscussionQuestions,
    FollowUp,
    Lesson,
    Message,
    Organisation,
    Person,
    Reflection,
    Story,
    WebSession,
)
from .people import create_person, ensure_organisation, find_person, get_person, list_people
from .questions import keep_questions, list_questions
from .reflections import add_reflection, list_reflections
from .stories import (
    get_story,
    list_stories,
    publish_story,
    require_current,
    save_story,
    update_story,
)

__all__ = [
    "LAST_USED_RESOLUTION",
    "REPLY_CHARS",
    "SESSION_LIFETIME",
    "ApiKey",
    "AuditAction",
    "AuditEvent",
    "AuditTrailIsAppendOnly",
    "Conversation",
    "Database",
    "DiscussionQuestions",
    "FollowUp",
    "Lesson",
    "LessonState",
    "Message",
    "MessageRole",
    "NotAllowed",
    "Organisation",
    "Person",
    "Reflection",
    "Role",
    "Story",
    "StoryStatus",
    "StoryVisibility",
    "WebSession",
    "add_message",
    "add_reflection",
    "answer_follow_up",
    "can_read_follow_up",
    "can_read_lesson",
    "can_read_story",
    "count_lessons",
    "create_api_key",
    "create_conversation",
    "create_lesson",
    "create_person",
    "database_url",
    "due_at",
    "due_for_reminder",
    "end_sessions_signed_in_with",
    "end_web_session",
    "ensure_organisation",
    "find_api_key",
    "find_person",
    "find_web_session",
    "follow_up_days",
    "get_conversation",
    "get_lesson",
    "get_person",
    "get_story",
    "give_lesson",
    "keep_questions",
    "lesson_follow_up",
    "list_api_keys",
    "list_conversations",
    "list_events",
    "list_follow_ups",
    "list_lessons",
    "list_messages",
    "list_people",
    "list_questions",
    "list_reflections",
    "list_stories",
    "make_engine",
    "migrated_session",
    "note_act",
    "note_key_use",
    "open_story",
    "publish_story",
    "readable_follow_up",
    "readable_lesson",
    "readable_story",
    "record_event",
    "reply_to_answer",
    "require_current",
    "require_overseer",
    "revoke_api_key",
    "revoke_key",
    "save_story",
    "set_follow_up_days",
    "start_web_session",
    "team_members",
    "update_story",
    "upgrade_database",
    "upgrade_engine",
]
