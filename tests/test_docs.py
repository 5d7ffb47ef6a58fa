"""The documentation stays true to the repository: the README stays a front door, every link
points at a file (and heading) that exists, the design it cites is inside the repository, and
the dependency picture in docs/architecture.md is the one the code draws."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(
    [
        ROOT / "README.md",
        ROOT / "CHANGELOG.md",
        ROOT / "SECURITY.md",
        ROOT / "evals" / "README.md",
        ROOT / "evals" / "retrieval" / "README.md",
        *(ROOT / "docs").glob("*.md"),
    ]
)
README_LINES = 250
"""A front door: what it is, the two commands, a tour, the status, and links."""
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
OUTSIDE_DESIGN = ("DESIGN" + ".md", "STYLE" + ".md")
"""The design documents that used to live outside the repository (spelled so this file does
not name them)."""


def links(text: str) -> list[str]:
    """The targets of Markdown links and images in ``text``, fenced code left out."""
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    return LINK.findall(prose)


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    prose = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {anchor(h) for h in re.findall(r"^#{1,6} (.+)$", prose, flags=re.M)}


def broken_links(document: Path, root: Path = ROOT) -> list[str]:
    """Each relative link of ``document`` (under ``root``) whose file, or heading, is missing."""
    broken = []
    for target in links(document.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue  # http(s), mailto: not checked here
        file_part, _, fragment = target.partition("#")
        path = (document.parent / file_part).resolve() if file_part else document
        if not path.exists():
            broken.append(f"{document.relative_to(root)}: {target} (no such file)")
        elif fragment and path.suffix == ".md" and fragment not in anchors(path):
            broken.append(f"{document.relative_to(root)}: {target} (no such heading)")
    return broken


def test_the_readme_is_a_front_door() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_LINES, f"README.md has {len(lines)} lines: move detail to docs/"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_points_at_something_that_exists(document: Path) -> None:
    assert document.is_file()
    assert broken_links(document) == []


def test_the_link_check_finds_missing_files_and_headings(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n## The coach's pipeline\n")
    readme = tmp_path / "README.md"
    readme.write_text(
        "[ok](docs/a.md) [ok](docs/a.md#the-coachs-pipeline) [web](https://example.com)\n"
        "[gone](docs/b.md) [no heading](docs/a.md#nothing) ![img](docs/img/x.png)\n"
        "```\n[in code](nowhere.md)\n```\n"
    )
    found = [line.split(": ", 1)[1] for line in broken_links(readme, tmp_path)]
    assert found == [
        "docs/b.md (no such file)",
        "docs/a.md#nothing (no such heading)",
        "docs/img/x.png (no such file)",
    ]


def test_the_design_the_code_cites_is_inside_the_repository() -> None:
    assert (ROOT / "docs" / "design.md").is_file() and (ROOT / "docs" / "style.md").is_file()
    places = [ROOT / name for name in ("service", "tests", "evals", "bench", "prompts", ".ci")]
    files = [p for place in places for p in place.rglob("*") if p.is_file()]
    files += [p for p in ROOT.iterdir() if p.is_file()]
    cites = [
        str(path.relative_to(ROOT))
        for path in files
        if path.suffix in {".py", ".md", ".j2", ".toml", ".yaml", ".txt", ""}
        and any(
            name in path.read_text(encoding="utf-8", errors="ignore") for name in OUTSIDE_DESIGN
        )
    ]
    assert len(files) > 100
    assert cites == []


def dependencies_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dependencies", ROOT / "docs" / "dependencies.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dependency_picture_is_the_one_the_code_draws() -> None:
    script = dependencies_script()
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert script.updated(document, script.block()) == document, (
        "docs/architecture.md is out of date: run python docs/dependencies.py"
    )


def test_the_picture_has_every_package_and_only_downward_arrows() -> None:
    script = dependencies_script()
    edges = script.dependencies()
    assert {"coach", "knowledge", "api", "web", "store"} <= set(edges)
    layers = list(script.LAYERS)
    upward = [
        f"{a} -> {b}"
        for a, targets in edges.items()
        for b in targets
        if layers.index(script.layer_of(b)) < layers.index(script.layer_of(a))
    ]
    assert "not placed" not in {script.layer_of(name) for name in edges}
    assert upward == []
