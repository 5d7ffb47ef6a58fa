"""Lengths the store accepts, checked before writing so PostgreSQL and SQLite agree.

SQLite ignores ``VARCHAR(n)``; PostgreSQL refuses the whole statement. Checking here turns
either into the same clear ``InvalidInput`` naming the field.
"""

from __future__ import annotations

from service.errors import InvalidInput

TITLE_CHARS = 200
NAME_CHARS = 200
EMAIL_CHARS = 320
TEXT_CHARS = 60_000
"""A story or lesson in Markdown; far above any real one, far below the request limit."""
COMMENT_CHARS = 4_000
MAX_MESSAGES = 200
"""Messages one conversation holds: a hundred turns, far more than one story needs, so a
conversation (and the page and API answer that show it whole) stays bounded."""
CITATIONS = 50
CITATION_CHARS = 120


def checked_text(field: str, value: str, max_chars: int, *, required: bool = True) -> str:
    """``value`` stripped; ``InvalidInput`` when it is empty (and required) or too long."""
    value = value.strip()
    if required and not value:
        raise InvalidInput(field, "empty")
    if len(value) > max_chars:
        raise InvalidInput(field, "too_long", most=max_chars, count=len(value))
    return value


def checked_optional(field: str, value: str | None, max_chars: int) -> str | None:
    if value is None:
        return None
    return checked_text(field, value, max_chars, required=False) or None


def checked_ids(field: str, values: list[str] | tuple[str, ...]) -> list[str]:
    """Corpus ids (citations, values): plain, short, deduplicated in order."""
    if len(values) > CITATIONS:
        raise InvalidInput(field, "too_many_ids", most=CITATIONS)
    kept: list[str] = []
    for value in values:
        value = checked_text(field, value, CITATION_CHARS)
        if value not in kept:
            kept.append(value)
    return kept
