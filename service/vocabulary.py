"""The words every layer shares: languages and lesson kinds.

At the bottom of the import graph (it imports nothing from ``service``), so the knowledge base,
the store, the API schemas and the pages all name a language or a lesson kind the same way and
never convert one enum into another. The values are what the database, the JSON and the URLs
hold, so they never change.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """A language the coach writes and the corpus is kept in."""

    EN = "en"
    NL = "nl"


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
