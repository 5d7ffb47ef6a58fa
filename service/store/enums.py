"""The closed vocabularies only the store keeps: roles, statuses and lesson states.

Languages and lesson kinds are in ``service.vocabulary``, shared with every other layer.

Plain ``StrEnum`` values, stored as short strings, so the same names appear in the database,
the API's JSON and the audit trail.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a person may do in their organisation (see ``service.http.auth``)."""

    LEADER = "leader"
    """Drafts stories and lessons from their own experience."""
    REVIEWER = "reviewer"
    """L&D: reviews lessons before they are published into the corpus."""
    MEMBER = "member"
    """A team member: reads published stories, asks questions, reflects."""
    ADMIN = "admin"
    """Manages people and keys; may do everything the other roles do."""


class MessageRole(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"


class StoryStatus(StrEnum):
    DRAFT = "draft"
    """Only the author (and reviewers, who need the source of a lesson) can read it."""
    PUBLISHED = "published"
    """Everyone in the organisation can read it, ask questions about it and reflect on it."""


class LessonState(StrEnum):
    """Where a lesson is in review; ``service.review.states`` says how it may move."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHED = "published"


class AuditAction(StrEnum):
    """Everything the audit trail records. The first five move a lesson from one state to
    another; the others record a change without a move."""

    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"
    PUBLISH = "publish"
    CREATE = "create"
    EDIT = "edit"
    PUBLISH_STORY = "publish_story"
