"""Path parameters for row ids, bounded so a huge number is a 422, not a database overflow."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from .schemas import MAX_ID

StoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="A story's id.")]
LessonId = Annotated[int, Path(ge=1, le=MAX_ID, description="A lesson's id.")]
ConversationId = Annotated[int, Path(ge=1, le=MAX_ID, description="A conversation's id.")]
FollowUpId = Annotated[int, Path(ge=1, le=MAX_ID, description="A follow-up's id.")]
LessonReference = Annotated[
    str,
    Path(
        min_length=1,
        max_length=120,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="A lesson's id (12), or a corpus lesson's id (lesson-listen-to-juniors).",
    ),
]
