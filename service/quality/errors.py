"""Errors of the quality package: rubric files that cannot be used, named by file and field."""

from __future__ import annotations

from pathlib import Path

from service.errors import InvalidInput


class RubricError(InvalidInput):
    """A rubric file is broken. Names the file and the field, so the author can fix it at once.

    A subclass of ``InvalidInput`` so the CLI and the API report it as bad input without knowing
    about rubrics.
    """

    def __init__(self, path: Path | str, field: str, reason: str) -> None:
        super().__init__(f"{path}: {field}", reason)
        self.path = str(path)
        self.rubric_field = field
