"""Reading the words files: one folder per domain, one TOML file per language in it.

Code decides what to say and when; the files hold how it is said in each language, so a
translator edits text without touching Python, and a test can hold both languages to the same
keys. Files are read once per process (they ship inside the package, so they do not change).
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

    def section(self, key: str) -> Words:
        """The table at ``key``, to look its keys up relative to it."""
        value = self._find(key)
        if not isinstance(value, Mapping):
            raise MissingWords(f"{self._where(key)} is text, not a table")
        return Words(self.domain, self.language, value, self._dotted(key))

    def texts(self) -> dict[str, str]:
        """Every text in this table and the tables under it, by dotted key."""
        return dict(_flatten(self.entries, ""))

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


def _flatten(entries: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    for key, value in entries.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            yield from _flatten(value, dotted)
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
