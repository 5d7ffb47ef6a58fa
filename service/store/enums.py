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


class StoryVisibility(StrEnum):
    """Who may read a published story (its author, reviewers and admins always may)."""

    TEAM = "team"
    """Only people of its author's team."""
    ORGANISATION = "organisation"
    """Everyone in the organisation."""


class LessonState(StrEnum):
    """Where a lesson is in review; ``service.review.states`` says how it may move."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHING = "publishing"
    """Recorded before the lesson is written to the search index: if the service stops
    half-way, the next start finds it here and finishes or rolls it back."""
    PUBLISHED = "published"
    UNPUBLISHING = "unpublishing"
    """Recorded before the lesson is removed from the search index (as ``PUBLISHING``)."""


class AuditAction(StrEnum):
    """Everything the audit trail records. The first six move a lesson from one state to
    another as a person asks (``service.review.states``); the three after them are the
    recorded phases of publishing and unpublishing (``service.review.publication``); the
    others record a change without a move."""

    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    START_PUBLISH = "start_publish"
    """The intent to publish, recorded before the index is written."""
    PUBLISH_FAILED = "publish_failed"
    """A publish that did not complete, rolled back: the lesson is approved again."""
    START_UNPUBLISH = "start_unpublish"
    CREATE = "create"
    EDIT = "edit"
    PUBLISH_STORY = "publish_story"
