"""Draw how the packages of ``service/`` depend on each other, from their imports.

    python docs/dependencies.py           # rewrite the picture in docs/architecture.md
    python docs/dependencies.py --check   # exit 1 when the picture is out of date

Reads every module with ``ast`` (imports inside functions and relative imports included),
folds modules to their top-level package (``service.coach.making.steps`` is ``coach``) and writes,
between two marker lines of docs/architecture.md, a Mermaid flowchart grouped by layer and a
table of every package's direct imports. The flowchart leaves out an arrow A → C when A
already reaches C through another arrow (a transitive reduction), so it stays readable; the
table lists them all. The ground (settings, errors, vocabulary, words), which every layer may
use, is in the table only. Standard library only; ``tests/test_docs.py`` runs ``--check``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVICE = ROOT / "service"
DOC = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- dependencies: begin (written by docs/dependencies.py; do not edit) -->"
END = "<!-- dependencies: end -->"

LAYERS: dict[str, tuple[str, ...]] = {
    "entry points": ("cli", "app"),
    "delivery": ("api", "web"),
    "shared HTTP": ("http",),
    "evaluation": ("evaluation",),
    "use cases": (
        "chat",
        "review",
        "export",
        "demo",
        "analytics",
        "cards",
        "follow_ups",
        "coach",
    ),
    "test doubles": ("testing",),
    "engines": ("quality", "knowledge", "prompting", "llm", "store"),
    "learning record": ("learning_record",),
    "ground": ("settings", "errors", "vocabulary", "words"),
}
"""Where each package sits, top to bottom (docs/architecture.md says why)."""
GROUND = frozenset(LAYERS["ground"])


def packages(service: Path = SERVICE) -> list[str]:
    """The top-level packages and modules of ``service`` (``__init__`` aside); a folder of
    modules without an ``__init__.py`` (a namespace package) is a package too."""
    found = [p.name for p in service.iterdir() if p.is_dir() and any(p.glob("*.py"))]
    found += [p.stem for p in service.glob("*.py") if p.stem != "__init__"]
    return sorted(found)


def imported(path: Path, root: Path) -> Iterable[str]:
    """Every module ``path`` imports, relative imports resolved; ``from a import b`` gives
    both ``a`` and ``a.b`` (``b`` may be a module)."""
    package = list(path.parent.relative_to(root).parts)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def dependencies(service: Path = SERVICE) -> dict[str, set[str]]:
    """Each package of ``service`` and the other packages of ``service`` it imports."""
    names = set(packages(service))
    edges: dict[str, set[str]] = {name: set() for name in names}
    root = service.parent
    for path in service.rglob("*.py"):
        source = path.relative_to(service).parts[0].removesuffix(".py")
        if source not in names:
            continue
        for module in imported(path, root):
            parts = module.split(".")
            if parts[0] == service.name and len(parts) > 1 and parts[1] in names:
                edges[source].add(parts[1])
        edges[source].discard(source)
    return edges


def reachable(edges: dict[str, set[str]], start: str, skip: tuple[str, str]) -> set[str]:
    """Packages ``start`` reaches through its arrows, the arrow ``skip`` left out."""
    seen: set[str] = set()
    todo = [b for b in edges[start] if (start, b) != skip]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(edges.get(name, ()))
    return seen


def reduced(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """The arrows left when every arrow another path already implies is taken out."""
    return {
        a: {b for b in targets if b not in reachable(edges, a, skip=(a, b))}
        for a, targets in edges.items()
    }


def layer_of(name: str) -> str:
    return next((layer for layer, names in LAYERS.items() if name in names), "not placed")


def mermaid(edges: dict[str, set[str]]) -> list[str]:
    """A top-to-bottom Mermaid flowchart: one box per layer, the ground left out."""
    drawn = {a: b - GROUND for a, b in reduced(edges).items() if a not in GROUND}
    lines = ["```mermaid", "flowchart TB"]
    placed = [*LAYERS, "not placed"]
    for number, layer in enumerate(placed):
        members = sorted(n for n in drawn if layer_of(n) == layer)
        if not members:
            continue
        lines.append(f'  subgraph L{number}["{layer}"]')
        lines.extend(f"    {name}" for name in members)
        lines.append("  end")
    for source in sorted(drawn):
        lines.extend(f"  {source} --> {target}" for target in sorted(drawn[source]))
    lines.append("```")
    return lines


def table(edges: dict[str, set[str]]) -> list[str]:
    """Every package's direct imports from ``service``, package by package, top to bottom."""
    order = [n for names in LAYERS.values() for n in names if n in edges]
    order += sorted(set(edges) - set(order))
    lines = ["| package | layer | imports from `service` |", "| --- | --- | --- |"]
    for name in order:
        imports = ", ".join(f"`{t}`" for t in sorted(edges[name])) or "nothing"
        lines.append(f"| `{name}` | {layer_of(name)} | {imports} |")
    return lines


def block(service: Path = SERVICE) -> str:
    """What goes between the markers: the flowchart, then the table."""
    edges = dependencies(service)
    return "\n".join([BEGIN, *mermaid(edges), "", *table(edges), END])


def updated(document: str, new_block: str) -> str:
    """``document`` with the text between the markers (markers included) replaced."""
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{DOC.relative_to(ROOT)} has no dependency markers")
    return document[:start] + new_block + document[end + len(END) :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    check = parser.parse_args(argv).check
    document = DOC.read_text(encoding="utf-8")
    new = updated(document, block())
    if new == document:
        print(f"{DOC.relative_to(ROOT)}: the dependency picture is current")
        return 0
    if check:
        print(f"{DOC.relative_to(ROOT)}: out of date; run python docs/dependencies.py")
        return 1
    DOC.write_text(new, encoding="utf-8")
    print(f"{DOC.relative_to(ROOT)}: dependency picture rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
