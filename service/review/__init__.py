"""L&D review of lessons: the state machine, the use cases, four eyes, and publishing into
the corpus (and out of it) as recorded steps."""

from .four_eyes import FourEyes
from .publication import publish_lesson, reconcile_publication, unpublish_lesson
from .states import (
    TRANSITIONS,
    InvalidTransition,
    allowed_actions,
    next_state,
)
from .workflow import (
    decide_lesson,
    edit_lesson,
    review_queue,
    scoring_context,
    submit_lesson,
)

__all__ = [
    "TRANSITIONS",
    "FourEyes",
    "InvalidTransition",
    "allowed_actions",
    "decide_lesson",
    "edit_lesson",
    "next_state",
    "publish_lesson",
    "reconcile_publication",
    "review_queue",
    "scoring_context",
    "submit_lesson",
    "unpublish_lesson",
]
