"""The ORM models: one table per thing the product keeps.

Every row that belongs to an organisation carries ``org_id``, even where a parent row would
imply it, so that every repository query can filter by the caller's organisation directly
(no query reaches another organisation's rows by forgetting a join).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from service.vocabulary import ORG_ID_MAX_LENGTH, Language, LessonKind

from .columns import UtcDateTime, utcnow
from .enums import (
    AuditAction,
    LessonState,
    MessageRole,
    Role,
    StoryStatus,
    StoryVisibility,
)

DEFAULT_FOLLOW_UP_DAYS = 7

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints, so migrations can drop and alter them on every backend."""


def _enum(values: type[StrEnum]) -> Enum:
    # Stored as VARCHAR holding the value ("one_on_one"), not a native PostgreSQL enum: adding a
    # state later is then a code change, not a type migration.
    return Enum(
        values,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(ORG_ID_MAX_LENGTH), primary_key=True)
    """Also the organisation's Chroma collection id, so it follows ``ORG_ID_PATTERN``."""
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    follow_up_days: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_FOLLOW_UP_DAYS, server_default=str(DEFAULT_FOLLOW_UP_DAYS)
    )
    """Days after a 1:1 lesson is given, or a story discussed, that it comes back to the team
    member as a follow-up (worked out when read, so a change applies to every open one)."""


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("org_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[Role] = mapped_column(_enum(Role))
    locale: Mapped[Language] = mapped_column(_enum(Language), default=Language.EN)
    team: Mapped[str | None] = mapped_column(String(120))
    """The team they belong to, by name; a story told for the team is read there only."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    """A key for the API and for signing in. Only its sha256 is kept (see ``tokens.py``)."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(16))
    """The key's first characters, to tell keys apart in lists; not enough to guess it."""
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    """When the key stops working on its own; ``None`` means it lasts until revoked."""
    last_used_at: Mapped[datetime | None]
    """When the key, or a browser signed in with it, was last used; kept to the minute
    (``credentials.LAST_USED_RESOLUTION``), so a busy key is not a write per request."""

    person: Mapped[Person] = relationship()

    def usable_at(self, moment: datetime) -> bool:
        """Whether the key lets anyone in at ``moment``: not revoked and not expired."""
        return self.revoked_at is None and (self.expires_at is None or moment < self.expires_at)


class WebSession(Base):
    """A signed-in browser: the cookie holds the token, the table only its hash."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    api_key_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    """The key the browser signed in with: revoking or expiring it ends the session.
    ``None`` for sessions started before 0003 (revoking any key of the person ends those)."""
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    """Sent back in forms and fetch headers; useless without the HttpOnly cookie."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    person: Mapped[Person] = relationship()
    api_key: Mapped[ApiKey | None] = relationship()


class Conversation(Base):
    """A leader's drafting chat with the coach about one priority."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    priority_id: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[Language] = mapped_column(_enum(Language))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MessageRole] = mapped_column(_enum(MessageRole))
    content: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[str]] = mapped_column(default=list)
    parts: Mapped[dict[str, Any] | None]
    """A draft reply's parts, each with who wrote it, and the coach's notes (the chat's
    ``DraftParts`` as JSON); ``None`` for other replies and for drafts kept before 0002."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Story(Base):
    """A leader's saved story: a draft only they see, or published to their organisation."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    """Markdown."""
    citations: Mapped[list[str]] = mapped_column(default=list)
    core_message: Mapped[str | None] = mapped_column(Text)
    values: Mapped[list[str]] = mapped_column(default=list)
    """Ids of the corpus values the story illustrates."""
    parts: Mapped[dict[str, Any] | None]
    """Who wrote each part, as saved from a draft (parts the leader edited are theirs);
    ``None`` for a story written whole, or once its text is changed as a whole."""
    language: Mapped[Language] = mapped_column(_enum(Language))
    status: Mapped[StoryStatus] = mapped_column(_enum(StoryStatus), default=StoryStatus.DRAFT)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None]
    visibility: Mapped[StoryVisibility] = mapped_column(
        _enum(StoryVisibility),
        default=StoryVisibility.ORGANISATION,
        server_default=StoryVisibility.ORGANISATION.value,
    )
    """Who may read it once published: its author's team, or the whole organisation."""
    retired_at: Mapped[datetime | None]
    """When its author said it is no longer current: then it is listed nowhere, no new
    lesson or discussion draws on it, and its page says so. ``None``: current."""
    told_by: Mapped[str | None] = mapped_column(String(200))
    """Who told it, when not its author (a leader writing down a colleague's story)."""

    author: Mapped[Person] = relationship()

    @property
    def current(self) -> bool:
        return self.retired_at is None


class Lesson(Base):
    """A lesson or 1:1 lesson made from a story, on its way through L&D review."""

    __tablename__ = "lessons"
    __table_args__ = (Index("ix_lessons_org_id_state", "org_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    kind: Mapped[LessonKind] = mapped_column(_enum(LessonKind))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[str]] = mapped_column(default=list)
    language: Mapped[Language] = mapped_column(_enum(Language))
    state: Mapped[LessonState] = mapped_column(_enum(LessonState), default=LessonState.DRAFT)
    score: Mapped[dict[str, Any] | None]
    """The rubric score recorded at the last submission (``DocumentScore`` as JSON)."""
    team_member_goal: Mapped[str | None] = mapped_column(Text)
    """1:1 lessons: the team member's development goal."""
    team_member_role: Mapped[str | None] = mapped_column(String(200))
    corpus_id: Mapped[str | None] = mapped_column(String(120))
    """The corpus document id once published (then it can be searched and cited)."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]

    author: Mapped[Person] = relationship()
    story: Mapped[Story] = relationship()


class AuditEvent(Base):
    """Who did what to which lesson or story, when. Rows are only ever added."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    lesson_id: Mapped[int | None] = mapped_column(ForeignKey("lessons.id"), index=True)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id"))
    action: Mapped[AuditAction] = mapped_column(_enum(AuditAction))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[Person] = relationship()


class Reflection(Base):
    """A team member's reflection on a published story; its author's leader reads it."""

    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship()


class DiscussionQuestions(Base):
    """Discussion questions asked for a published story, kept so a team can come back to them
    and so the story page shows what teams discussed (the coach's questions, or a leader's)."""

    __tablename__ = "discussion_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    """Who asked for them."""
    language: Mapped[Language] = mapped_column(_enum(Language))
    questions: Mapped[list[str]] = mapped_column(default=list)
    """The questions, in the order they were asked."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship()


class FollowUp(Base):
    """A given 1:1 lesson, or a story a team discussed, coming back to one team member.

    Made when the lesson is given (``lesson_id``) or the story discussed (``story_id``); it is
    due ``Organisation.follow_up_days`` after ``since``, worked out whenever it is read (no
    scheduler). The member answers the recall question and what they tried; the leader it is
    for (who gave the lesson, or told the story) reads it and replies in one line.
    """

    __tablename__ = "follow_ups"
    __table_args__ = (
        UniqueConstraint("lesson_id"),
        UniqueConstraint("member_id", "story_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    """Who reads the answer and replies: the lesson's giver, or the story's author."""
    lesson_id: Mapped[int | None] = mapped_column(ForeignKey("lessons.id"))
    """A 1:1 lesson given to the member (a lesson is given to one person, once)."""
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id"), index=True)
    """A story the member's team discussed (once per member and story)."""
    since: Mapped[datetime]
    """When the lesson was given, or the story first discussed with the member's team."""
    reminded_at: Mapped[datetime | None]
    """When ``storycoach follow-ups send`` e-mailed it (it is e-mailed once)."""
    recalled: Mapped[str | None] = mapped_column(Text)
    """The member's answer to the recall question."""
    tried: Mapped[str | None] = mapped_column(Text)
    """What the member tried."""
    answered_at: Mapped[datetime | None]
    reply: Mapped[str | None] = mapped_column(Text)
    """The leader's one-line reply."""
    replied_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Person] = relationship(foreign_keys=[member_id])
    leader: Mapped[Person] = relationship(foreign_keys=[leader_id])
    lesson: Mapped[Lesson | None] = relationship()
    story: Mapped[Story | None] = relationship()

    @property
    def kind(self) -> str:
        """``lesson`` (a 1:1 lesson given) or ``story`` (a story discussed)."""
        return "lesson" if self.lesson_id is not None else "story"

    @property
    def subject(self) -> Lesson | Story:
        """The lesson given or the story discussed."""
        subject = self.lesson if self.lesson_id is not None else self.story
        assert subject is not None  # exactly one of the two is set, by construction
        return subject
