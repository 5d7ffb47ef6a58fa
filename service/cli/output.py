"""Console output and the mapping of domain errors to exit codes (the CLI's one place for it).

Exit codes: 0 done, 1 done with problems (some corpus files did not load), 2 bad input.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console

from service.errors import (
    ConfigurationError,
    EmptyOrganisation,
    InvalidInput,
    NotFound,
    NotPublished,
)

BAD_INPUT = 2
HAD_PROBLEMS = 1


def out() -> Console:
    # Made per call, so the terminal width (COLUMNS) is read when the command runs.
    return Console(soft_wrap=True)


def err() -> Console:
    return Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = BAD_INPUT) -> NoReturn:
    err().print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def errors_as_exit_codes() -> Iterator[None]:
    try:
        yield
    except (InvalidInput, NotFound, NotPublished, EmptyOrganisation, ConfigurationError) as exc:
        fail(str(exc))
