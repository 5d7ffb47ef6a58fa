"""L&D review of lessons: the state machine, the use cases and publishing into the corpus."""

from .states import (
    TRANSITIONS,
    InvalidTransition,
    allowed_actions,
    next_state,
)
from .workflow import (
    decide_lesson,
    edit_lesson,
    publish_lesson,
    review_queue,
    scoring_context,
    submit_lesson,
)

__all__ = [
    "TRANSITIONS",
    "InvalidTransition",
    "allowed_actions",
    "decide_lesson",
    "edit_lesson",
    "next_state",
    "publish_lesson",
    "review_queue",
    "scoring_context",
    "submit_lesson",
]
