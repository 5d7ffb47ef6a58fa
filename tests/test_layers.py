"""Dependencies point one way (STYLE.md, point 2), checked on the source, not by convention.

- The rubric engine (``service.quality``) imports neither the coach nor the evaluation
  package that sits above both; the coach does not import the evaluation package.
- The benches import nothing from ``tests/``: what they share with the tests (fake models,
  the hashing embedder) lives in ``service.testing``.

Imports are read with ``ast`` (relative ones resolved), including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def imported_modules(source: str, module: str) -> set[str]:
    """Every module ``source`` imports, relative imports resolved against ``module``
    (the dotted name of the file, e.g. ``service.quality.scoring``)."""
    found: set[str] = set()
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def offending_imports(folder: str, forbidden: tuple[str, ...]) -> tuple[int, list[str]]:
    """How many files under ``folder`` were read, and ``file: module`` for each import of a
    forbidden package (the package itself or anything in it)."""
    files = sorted((REPO / folder).rglob("*.py"))
    offences = []
    for path in files:
        module = _module_name(path)
        if path.name == "__init__.py":
            module += ".__init__"  # relative imports in a package resolve against itself
        for name in imported_modules(path.read_text(encoding="utf-8"), module):
            if any(name == f or name.startswith(f"{f}.") for f in forbidden):
                offences.append(f"{path.relative_to(REPO)}: {name}")
    return len(files), sorted(set(offences))


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("service/quality", ("service.coach", "service.evaluation", "service.cli")),
        ("service/coach", ("service.evaluation", "service.cli")),
        ("bench", ("tests",)),
    ],
)
def test_imports_point_down(folder: str, forbidden: tuple[str, ...]) -> None:
    read, offences = offending_imports(folder, forbidden)
    assert read > 5, f"no Python files found under {folder}"
    assert offences == []


def test_the_scan_sees_every_form_of_import() -> None:
    """The guard must be able to fail: each way of importing is found."""
    source = (
        "import tests.fakes\n"
        "from tests import fakes\n"
        "def f():\n"
        "    from ..evaluation.gate import gate_run\n"
        "from . import signals\n"
    )
    found = imported_modules(source, "service.quality.scoring")
    assert {"tests.fakes", "tests", "service.evaluation.gate"} <= found
    assert "service.quality.signals" in found
