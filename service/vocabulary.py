"""The words every layer shares: languages, lesson kinds and what an organisation id looks like.

At the bottom of the import graph (it imports nothing from ``service``), so the knowledge base,
the store, the API schemas and the pages all name a language or a lesson kind the same way and
never convert one enum into another. The values are what the database, the JSON and the URLs
hold, so they never change.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Language(StrEnum):
    """A language the coach writes and the corpus is kept in."""

    EN = "en"
    NL = "nl"


def language_named(code: str | None) -> Language | None:
    """The language whose code is ``code`` ("en", "nl"), or ``None`` for anything else."""
    return Language(code) if code in _CODES else None


_CODES = frozenset(language.value for language in Language)


class LessonKind(StrEnum):
    """What a lesson is made for: the team, or one team member's development goal.

    The value (``one_on_one``) is the one spelling in the database, the API and the rubric
    kinds; ``dashed`` is the name people type and read: the CLI command, the corpus tag.
    """

    LESSON = "lesson"
    ONE_ON_ONE = "one_on_one"

    @property
    def dashed(self) -> str:
        return _DASHED[self]


_DASHED = {LessonKind.LESSON: "lesson", LessonKind.ONE_ON_ONE: "one-on-one"}


ORG_ID_MAX_LENGTH = 40
"""An organisation id is also its Chroma collection's name and a 40-character key in the store."""
ORG_ID_PATTERN = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{ORG_ID_MAX_LENGTH - 1}}}$")
ORG_ID_RULE = f"must be lowercase letters, digits and dashes (at most {ORG_ID_MAX_LENGTH})"
"""What to tell someone whose organisation id breaks the rule."""


def is_org_id(value: str) -> bool:
    """Whether ``value`` is a well-formed organisation id."""
    return ORG_ID_PATTERN.match(value) is not None
