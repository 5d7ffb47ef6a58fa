"""xAPI statements of learning events, sent to a Learning Record Store (issue #12, point 3).

Domain code notes what happened (``note_learning``) in the transaction that does it; once
that commits, the app's ``LearningRecord`` builds the statement (``build_statement``) and a
background sender POSTs it to the LRS. Off unless ``STORYCOACH_LRS_ENDPOINT`` is set; never
in a request's way. This package imports nothing above the store.
"""

from .building import build_statement, statement_id
from .events import LearningAct, LearningEvent
from .outbox import note_learning
from .recording import LearningRecord, start_learning_record
from .sending import SenderLimits, StatementSender
from .statements import Statement

__all__ = [
    "LearningAct",
    "LearningEvent",
    "LearningRecord",
    "SenderLimits",
    "Statement",
    "StatementSender",
    "build_statement",
    "note_learning",
    "start_learning_record",
    "statement_id",
]
