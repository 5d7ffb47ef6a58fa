"""Rows as public schemas: the only place the API reads ORM objects into responses."""

from __future__ import annotations

from service.review import allowed_actions
from service.store import AuditEvent, Lesson, Person, Reflection, Story

from .schemas import (
    AuditEventPublic,
    LessonPublic,
    PersonRef,
    ReflectionPublic,
    ScorePublic,
    StoryPublic,
)


def person_ref(person: Person) -> PersonRef:
    return PersonRef(id=person.id, name=person.name)


def story_public(story: Story) -> StoryPublic:
    return StoryPublic(
        id=story.id,
        title=story.title,
        text=story.text,
        language=story.language,
        status=story.status,
        citations=story.citations,
        core_message=story.core_message,
        values=story.values,
        author=person_ref(story.author),
        conversation_id=story.conversation_id,
        created_at=story.created_at,
        updated_at=story.updated_at,
        published_at=story.published_at,
    )


def lesson_public(lesson: Lesson) -> LessonPublic:
    return LessonPublic(
        id=lesson.id,
        story_id=lesson.story_id,
        kind=lesson.kind,
        title=lesson.title,
        text=lesson.text,
        citations=lesson.citations,
        language=lesson.language,
        state=lesson.state,
        allowed_actions=allowed_actions(lesson.state),
        score=ScorePublic.model_validate(lesson.score) if lesson.score else None,
        team_member_goal=lesson.team_member_goal,
        team_member_role=lesson.team_member_role,
        corpus_id=lesson.corpus_id,
        author=person_ref(lesson.author),
        created_at=lesson.created_at,
        updated_at=lesson.updated_at,
        submitted_at=lesson.submitted_at,
    )


def event_public(event: AuditEvent) -> AuditEventPublic:
    return AuditEventPublic(
        id=event.id,
        action=event.action,
        actor=person_ref(event.actor),
        lesson_id=event.lesson_id,
        story_id=event.story_id,
        from_state=event.from_state,
        to_state=event.to_state,
        comment=event.comment,
        created_at=event.created_at,
    )


def reflection_public(reflection: Reflection) -> ReflectionPublic:
    return ReflectionPublic(
        id=reflection.id,
        story_id=reflection.story_id,
        text=reflection.text,
        person=person_ref(reflection.person),
        created_at=reflection.created_at,
    )
