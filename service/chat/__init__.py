"""Chat drafting: the coach interviews a leader, drafts their story, and redrafts on feedback.

Read a chat with ``read_transcript``, answer it with ``stream_reply`` (stateless, as the
OpenAI-compatible API does) or keep it as a conversation (``start_conversation``,
``add_leader_message``, ``reply_to``, ``pending_turn`` to try a failed reply again,
``save_draft`` with the leader's edits to the draft's parts). A failed reply is told to the
leader with ``plain_failure``.
"""

from .conversations import (
    NoDraft,
    NothingToAnswer,
    Turn,
    add_leader_message,
    latest_draft,
    pending_turn,
    reply_to,
    save_draft,
    start_conversation,
)
from .drafts import DraftParts, part_keys, read_parts
from .failures import Failure, plain_failure
from .lessons import generate_lesson
from .replies import (
    MIN_ACCOUNT_WORDS,
    Reply,
    ReplyKind,
    chat_language,
    check_account_size,
    final_reply,
    stream_reply,
)
from .transcript import Said, Transcript, draft_notes, draft_text, is_draft, read_transcript

__all__ = [
    "MIN_ACCOUNT_WORDS",
    "DraftParts",
    "Failure",
    "NoDraft",
    "NothingToAnswer",
    "Reply",
    "ReplyKind",
    "Said",
    "Transcript",
    "Turn",
    "add_leader_message",
    "chat_language",
    "check_account_size",
    "draft_notes",
    "draft_text",
    "final_reply",
    "generate_lesson",
    "is_draft",
    "latest_draft",
    "part_keys",
    "pending_turn",
    "plain_failure",
    "read_parts",
    "read_transcript",
    "reply_to",
    "save_draft",
    "start_conversation",
    "stream_reply",
]
