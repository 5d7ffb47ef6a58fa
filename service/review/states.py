"""The lesson review state machine: which action moves a lesson from which state to which.

Pure: no database, no HTTP. Everything that changes a lesson's state asks ``next_state`` first,
so an invalid move is refused the same way everywhere, with both states named.

::

    draft ──submit──▶ in_review ──approve──▶ approved ──publish──▶ published
                        │  ▲  └──reject──▶ rejected     ▲ ◀──unpublish──┘
          request_changes  │ submit
                        ▼  │
                  changes_requested

Publishing and unpublishing pass through ``publishing`` and ``unpublishing`` while the
search index is written (``publication.py``); from there the same action finishes the move.
"""

from __future__ import annotations

from service.errors import StoryCoachError
from service.store.enums import AuditAction, LessonState

S, A = LessonState, AuditAction

TRANSITIONS: dict[tuple[LessonState, AuditAction], LessonState] = {
    (S.DRAFT, A.SUBMIT): S.IN_REVIEW,
    (S.CHANGES_REQUESTED, A.SUBMIT): S.IN_REVIEW,
    (S.IN_REVIEW, A.APPROVE): S.APPROVED,
    (S.IN_REVIEW, A.REJECT): S.REJECTED,
    (S.IN_REVIEW, A.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.APPROVED, A.PUBLISH): S.PUBLISHED,
    (S.PUBLISHING, A.PUBLISH): S.PUBLISHED,
    (S.PUBLISHED, A.UNPUBLISH): S.APPROVED,
    (S.UNPUBLISHING, A.UNPUBLISH): S.APPROVED,
}
"""Every allowed move; anything not listed is invalid."""

TARGETS: dict[AuditAction, LessonState] = {action: to for (_, action), to in TRANSITIONS.items()}
"""Where each moving action leads (the same target from every state it is allowed in)."""

MOVES = frozenset(TARGETS)
"""The actions that move a lesson; ``create`` and ``edit`` do not."""

AUTHOR_EDITABLE = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
"""States in which the author may still change the text."""
REVIEWER_EDITABLE = frozenset({S.IN_REVIEW})
"""A reviewer edits during review, before deciding; an approved text is what gets published."""
IN_BETWEEN = frozenset({S.PUBLISHING, S.UNPUBLISHING})
"""States a lesson is in only while the search index is written; the publication steps
enter them (``publication.py``), no person's action does."""
TERMINAL = frozenset({S.REJECTED})
"""Nothing more happens to a rejected lesson; a published one may be unpublished."""


class InvalidTransition(StoryCoachError):
    """An action that the lesson's current state does not allow; names both states."""

    def __init__(self, current: LessonState, action: AuditAction) -> None:
        target = TARGETS.get(action)
        verb = action.value.replace("_", " ")
        move = f" ({current.value} → {target.value})" if target is not None else ""
        allowed = ", ".join(a.value for a in allowed_actions(current)) or "none"
        super().__init__(
            f"cannot {verb} a lesson that is {current.value}{move}; allowed now: {allowed}"
        )
        self.current = current
        self.action = action
        self.target = target


def next_state(current: LessonState, action: AuditAction) -> LessonState:
    """The state ``action`` leads to from ``current``; ``InvalidTransition`` if it may not."""
    try:
        return TRANSITIONS[(LessonState(current), AuditAction(action))]
    except KeyError:
        raise InvalidTransition(LessonState(current), AuditAction(action)) from None


def allowed_actions(current: LessonState) -> list[AuditAction]:
    """The moves possible from ``current``, in a stable order (for buttons and error messages)."""
    return [action for (state, action) in TRANSITIONS if state is current]
