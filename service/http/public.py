"""Rows as public schemas: the only place ORM objects are read into responses.

The API returns these and the pages render the same ones, so a page shows what the API says.
"""

from __future__ import annotations

from typing import Any

from service.chat import DraftParts, draft_text, is_draft, latest_draft, read_parts
from service.chat.drafts import fallback_source
from service.coach.result_parts import read_result_parts
from service.errors import NotFound
from service.knowledge import KnowledgeBase
from service.review import allowed_actions
from service.store import (
    AuditEvent,
    Conversation,
    DiscussionQuestions,
    Lesson,
    Message,
    MessageRole,
    Person,
    Reflection,
    Story,
)

from .schemas import (
    AuditEventPublic,
    CitationPublic,
    ConversationDetail,
    ConversationPublic,
    DraftPartsPublic,
    DraftPublic,
    LessonPublic,
    MessagePublic,
    PartPublic,
    PersonRef,
    QuestionSetPublic,
    ReflectionPublic,
    ResultPartsPublic,
    ScorePublic,
    StoryPublic,
)


def person_ref(person: Person) -> PersonRef:
    return PersonRef(id=person.id, name=person.name)


def parts_public(stored: dict[str, Any] | None) -> DraftPartsPublic:
    """Kept parts (a message's or a story's JSON) with their keys, as the API shows them."""
    kept = read_parts(stored)
    if kept is None:
        return DraftPartsPublic()
    return DraftPartsPublic(
        parts=_parts(kept), fallbacks=list(kept.fallbacks), notes=list(kept.notes)
    )


def _parts(kept: DraftParts) -> list[PartPublic]:
    return [
        PartPublic(
            key=key,
            name=p.name,
            label=p.label,
            text=p.text,
            origin=p.origin,
            fallback_from=fallback_source(p, kept.parts),
        )
        for key, p in zip(kept.keys(), kept.parts, strict=True)
    ]


def result_parts_public(stored: dict[str, Any] | None) -> ResultPartsPublic:
    """A lesson's or question set's kept parts, as the API shows them."""
    return ResultPartsPublic.model_validate(read_result_parts(stored).as_json())


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
        parts=parts_public(story.parts).parts,
        created_at=story.created_at,
        updated_at=story.updated_at,
        published_at=story.published_at,
        visibility=story.visibility,
        current=story.current,
        retired_at=story.retired_at,
        told_by=story.told_by,
    )


def lesson_public(lesson: Lesson) -> LessonPublic:
    return LessonPublic(
        **result_parts_public(lesson.parts).model_dump(),
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


def question_set_public(kept: DiscussionQuestions) -> QuestionSetPublic:
    return QuestionSetPublic(
        **result_parts_public(kept.parts).model_dump(),
        id=kept.id,
        story_id=kept.story_id,
        language=kept.language,
        questions=kept.questions,
        person=person_ref(kept.person),
        created_at=kept.created_at,
    )


def citations_public(knowledge: KnowledgeBase, org: str, ids: list[str]) -> list[CitationPublic]:
    """Cited ids with their documents' titles, to show beside a reply."""
    found = []
    for identifier in ids:
        try:
            title = knowledge.document(org, identifier).title
        except NotFound:  # removed from the corpus since: still show what was cited
            title = identifier
        found.append(CitationPublic(id=identifier, title=title))
    return found


def message_public(knowledge: KnowledgeBase, message: Message) -> MessagePublic:
    return MessagePublic(
        **parts_public(message.parts).model_dump(),
        id=message.id,
        role=message.role,
        content=message.content,
        citations=citations_public(knowledge, message.org_id, message.citations),
        is_draft=message.role is MessageRole.ASSISTANT and is_draft(message.content),
        created_at=message.created_at,
    )


def conversation_public(conversation: Conversation) -> ConversationPublic:
    return ConversationPublic(
        id=conversation.id,
        title=conversation.title,
        priority_id=conversation.priority_id,
        language=conversation.language,
        created_at=conversation.created_at,
        updated_at=conversation.updated_at,
    )


def conversation_detail(
    knowledge: KnowledgeBase, conversation: Conversation, messages: list[Message]
) -> ConversationDetail:
    shown = [message_public(knowledge, m) for m in messages]
    draft = latest_draft(messages)
    latest = None
    if draft is not None:
        text = draft_text(draft.content)
        latest = DraftPublic(
            **parts_public(draft.parts).model_dump(),
            message_id=draft.id,
            title=text.splitlines()[0].removeprefix("# ").strip(),
            text=text,
            citations=next(m.citations for m in shown if m.id == draft.id),
        )
    return ConversationDetail(
        **conversation_public(conversation).model_dump(), messages=shown, draft=latest
    )
