"""Chat drafting: the coach interviews a leader, drafts their story, and redrafts on feedback.

Read a chat with ``read_transcript``, answer it with ``stream_reply`` (stateless, as the
OpenAI-compatible API does) or keep it as a conversation (``start_conversation``,
``add_leader_message``, ``reply_to``, ``save_draft``).
"""

from .conversations import (
    NoDraft,
    Turn,
    add_leader_message,
    latest_draft,
    reply_to,
    save_draft,
    start_conversation,
)
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
from .transcript import Said, Transcript, draft_text, is_draft, read_transcript

__all__ = [
    "MIN_ACCOUNT_WORDS",
    "NoDraft",
    "Reply",
    "ReplyKind",
    "Said",
    "Transcript",
    "Turn",
    "add_leader_message",
    "chat_language",
    "check_account_size",
    "draft_text",
    "final_reply",
    "generate_lesson",
    "is_draft",
    "latest_draft",
    "read_transcript",
    "reply_to",
    "save_draft",
    "start_conversation",
    "stream_reply",
]
