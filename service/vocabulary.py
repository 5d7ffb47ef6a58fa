"""The words every layer shares, starting with the languages.

At the bottom of the import graph (it imports nothing from ``service``), so the knowledge base,
the store, the API schemas and the pages all name a language the same way and
never convert one enum into another. The values are what the database, the JSON and the URLs
hold, so they never change.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """A language the coach writes and the corpus is kept in."""

    EN = "en"
    NL = "nl"
