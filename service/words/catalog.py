"""Reading the words files: one folder per domain, one TOML file per language in it.

Code decides what to say and when; the files hold how it is said in each language, so a
translator edits text without touching Python, and a test can hold both languages to the same
keys. A value is text, or a word list (a TOML array: the words the checks look for in each
language, read with ``Words.listed``). Files are read once per process (they ship inside the
package, so they do not change).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from service.vocabulary import Language

WORDS_DIR = Path(__file__).parent
"""Where the domain folders are: ``<domain>/<language>.toml``."""


class MissingWords(LookupError):
    """A key the code asks for is not in a words file, or is a table where text was wanted."""


@dataclass(frozen=True)
class Words:
    """One domain's words in one language, or one table of them; text is found by dotted key."""

    domain: str
    language: Language
    entries: Mapping[str, Any]
    prefix: str = ""
    """The dotted key of this table within the domain's file ("" for the whole file)."""

    def __getitem__(self, key: str) -> str:
        value = self._find(key)
        if not isinstance(value, str):
            raise MissingWords(f"{self._where(key)} is a table, not text")
        return value

    def __contains__(self, key: object) -> bool:
        try:
            self._find(str(key))
        except MissingWords:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def get(self, key: str, default: str) -> str:
        """The text at ``key``, or ``default`` when there is none."""
        try:
            return self[key]
        except MissingWords:
            return default

    def listed(self, key: str) -> tuple[str, ...]:
        """The list at ``key`` (a TOML array of text: a word list, in its file's order)."""
        value = self._find(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise MissingWords(f"{self._where(key)} is not a list of words")
        return tuple(value)

    def section(self, key: str) -> Words:
        """The table at ``key``, to look its keys up relative to it."""
        value = self._find(key)
        if not isinstance(value, Mapping):
            raise MissingWords(f"{self._where(key)} is text, not a table")
        return Words(self.domain, self.language, value, self._dotted(key))

    def texts(self) -> dict[str, str]:
        """Every text in this table and the tables under it, by dotted key (lists aside)."""
        return {key: value for key, value in _flatten(self.entries, "") if isinstance(value, str)}

    def lists(self) -> dict[str, tuple[str, ...]]:
        """Every word list in this table and the tables under it, by dotted key."""
        found = _flatten(self.entries, "")
        return {key: tuple(value) for key, value in found if isinstance(value, list)}

    def _find(self, key: str) -> Any:
        value: Any = self.entries
        for part in key.split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise MissingWords(f"{self._where(key)} is missing")
            value = value[part]
        return value

    def _dotted(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def _where(self, key: str) -> str:
        return f"{self.domain}/{self.language.value}.toml: {self._dotted(key)!r}"


def _flatten(entries: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, str | list[str]]]:
    for key, value in entries.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            yield from _flatten(value, dotted)
        elif isinstance(value, list):
            yield dotted, [str(item) for item in value]
        else:
            yield dotted, str(value)


def domains() -> list[str]:
    """The domains that have words files, sorted."""
    return sorted({path.parent.name for path in WORDS_DIR.glob("*/*.toml")})


@cache
def load_words(domain: str, language: Language | str) -> Words:
    """A domain's words in ``language``, read from ``<domain>/<language>.toml``.

    Raises:
        FileNotFoundError: the domain has no file for that language.
    """
    language = Language(language)
    path = WORDS_DIR / domain / f"{language.value}.toml"
    with path.open("rb") as file:
        return Words(domain, language, tomllib.load(file))
