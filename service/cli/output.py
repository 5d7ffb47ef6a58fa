"""Console output and the mapping of domain errors to exit codes (the CLI's one place for it).

Exit codes: 0 done, 1 done with problems (some corpus files did not load), 2 bad input.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console

from service.errors import (
    ConfigurationError,
    EmptyOrganisation,
    InvalidInput,
    NotFound,
    NotPublished,
)

if TYPE_CHECKING:  # only for the annotation: the gate is loaded by the eval commands
    from service.evaluation.gate import GateReport

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


def held_to_baseline(gate: GateReport, compared: str, baseline: str) -> None:
    """Print a gate's failures and drops; exit ``HAD_PROBLEMS`` when it failed, else say that
    ``compared`` were held to ``baseline`` and none dropped."""
    for line in [*gate.failures, *(f"{c.name}: dropped" for c in gate.checks if not c.passed)]:
        out().print(f"[red]{line}[/]", highlight=False)
    if not gate.passed:
        raise typer.Exit(HAD_PROBLEMS)
    out().print(f"{len(gate.checks)} {compared} compared with {baseline}: none dropped")
