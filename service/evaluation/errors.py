"""Errors of the evaluation package: case files that cannot be read, named by file and field."""

from __future__ import annotations

from pathlib import Path

from service.errors import InvalidInput


class CaseFileError(InvalidInput):
    """An eval case file (labelled documents, generation cases) cannot be read.

    A subclass of ``InvalidInput`` so the CLI reports it as bad input (exit code 2).
    """

    def __init__(self, path: Path | str, field: str, reason: str) -> None:
        super().__init__(f"{path}: {field}", reason)
        self.path = str(path)
