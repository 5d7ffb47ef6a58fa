"""Dependencies point one way (STYLE.md, point 2), checked on the source, not by convention.

- One HTTP layer: the JSON API and the pages never import each other, and the layer they share
  (``service.http``) imports neither. Only the app factory (``service.app``) sees both.
- The rubric engine (``service.quality``) imports neither the coach nor the evaluation package
  that sits above both; the coach does not import the evaluation package.
- The store does not import the knowledge base: the org-id rule and the languages they share
  are in ``service.vocabulary``.
- The shared vocabulary (``service.vocabulary``: languages, lesson kinds, the org-id rule) is
  the bottom of the graph: it imports nothing from ``service``, so every layer may use it.
- The learning record (``service.learning_record``) imports nothing above the store: the
  store and the review note events into it, and only the app factory starts it.
- The benches import nothing from ``tests/``: what they share with the tests (fake models, the
  hashing embedder) lives in ``service.testing``.

Imports are read with ``ast`` (relative ones resolved), including those inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACTORY = "service.app"
BOTTOM = ROOT / "service" / "vocabulary.py"


def imported_modules(path: Path, root: Path) -> set[str]:
    """Every module ``path`` imports anywhere in it (inside functions too), relative imports
    resolved; ``from a import b`` counts as ``a`` and ``a.b``, since ``b`` may be a module."""
    package = list(path.parent.relative_to(root).parts)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def offences(layer: Path, forbidden: tuple[str, ...], root: Path) -> tuple[int, list[str]]:
    """How many files under ``layer`` were read, and each import of a ``forbidden`` module."""
    files = sorted(layer.rglob("*.py"))
    wrong = [
        f"{path.relative_to(root)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path, root))
        if any(name == f or name.startswith(f"{f}.") for f in forbidden)
    ]
    return len(files), wrong


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("service/web", ("service.api", FACTORY)),
        ("service/api", ("service.web", FACTORY)),
        ("service/http", ("service.api", "service.web", FACTORY)),
    ],
)
def test_the_api_and_the_pages_share_one_http_layer_and_not_each_other(
    layer: str, forbidden: tuple[str, ...]
) -> None:
    read, wrong = offences(ROOT / layer, forbidden, ROOT)
    assert read > 3, f"found no modules under {layer}: the check would pass vacuously"
    assert wrong == []


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("service/quality", ("service.coach", "service.evaluation", "service.cli")),
        ("service/coach", ("service.evaluation", "service.cli")),
        ("service/store", ("service.knowledge", "service.coach", "service.http")),
        # The use cases beside review: the demo's history and the lesson export.
        ("service/demo", ("service.api", "service.web", "service.http", "service.cli")),
        ("service/export", ("service.api", "service.web", "service.http", "service.cli")),
        ("service/analytics", ("service.api", "service.web", "service.http", "service.cli")),
        ("service/cards", ("service.api", "service.web", "service.http", "service.cli")),
        ("service/follow_ups", ("service.api", "service.web", "service.http", "service.cli")),
        # The learning record sits under the store, which notes events into it.
        (
            "service/learning_record",
            ("service.store", "service.review", "service.coach", "service.knowledge", FACTORY),
        ),
        ("bench", ("tests",)),
    ],
)
def test_imports_point_down(layer: str, forbidden: tuple[str, ...]) -> None:
    read, wrong = offences(ROOT / layer, forbidden, ROOT)
    assert read > 2, f"found no modules under {layer}: the check would pass vacuously"
    assert wrong == []


def service_imports(path: Path, root: Path) -> list[str]:
    """Every module from ``service`` (the package itself included) that ``path`` imports."""
    found = imported_modules(path, root)
    return sorted(name for name in found if name == "service" or name.startswith("service."))


def test_the_vocabulary_imports_nothing_from_service() -> None:
    assert BOTTOM.is_file()
    assert service_imports(BOTTOM, ROOT) == []


def test_the_bottom_check_finds_service_imports(tmp_path: Path) -> None:
    bottom = tmp_path / "service" / "vocabulary.py"
    bottom.parent.mkdir()
    bottom.write_text("import re\nfrom . import settings\n\ndef f():\n    import service.store\n")
    assert service_imports(bottom, tmp_path) == [
        "service",
        "service.settings",
        "service.store",
    ]


def test_the_check_finds_absolute_relative_and_late_imports(tmp_path: Path) -> None:
    pages = tmp_path / "service" / "web" / "pages"
    pages.mkdir(parents=True)
    (pages / "a.py").write_text("from ...api.auth import Caller\n")
    (pages / "b.py").write_text("from service import api\n")
    (pages / "c.py").write_text("def f():\n    import service.api.routes\n")
    (pages / "d.py").write_text("from .rendering import render\nfrom service.http import deps\n")
    read, wrong = offences(tmp_path / "service" / "web", ("service.api",), tmp_path)
    assert read == 4
    assert wrong == [
        "service/web/pages/a.py imports service.api.auth",
        "service/web/pages/a.py imports service.api.auth.Caller",
        "service/web/pages/b.py imports service.api",
        "service/web/pages/c.py imports service.api.routes",
    ]
