"""The wheel carries the prompts and rubrics, so an installed StoryCoach runs without its checkout.

Built as ``pip install .`` builds it (pip fetches the build backend, setuptools, into an
isolated environment: about 5 s), from a copy of the sources under ``tmp_path``, because an
in-tree build would leave ``build/`` in the checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from service.settings import Settings, packaged_folder

REPO = Path(__file__).resolve().parent.parent
WORDS = list((REPO / "service" / "words").glob("*/*.toml"))
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "service", "prompts")


def build_wheel(tmp_path: Path) -> zipfile.ZipFile:
    source = tmp_path / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_data")
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "evals" / "rubrics", source / "evals" / "rubrics")
    out = tmp_path / "wheel"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out)]
    built = subprocess.run([*command, str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = out.glob("storycoach-*.whl")
    return zipfile.ZipFile(wheel)


def test_the_wheel_carries_every_prompt_and_rubric(tmp_path: Path) -> None:
    with build_wheel(tmp_path) as wheel:
        names = set(wheel.namelist())
    prompts = {f"service/_data/prompts/{p.name}" for p in (REPO / "prompts").glob("*.j2")}
    rubrics = {f"service/_data/rubrics/{p.name}" for p in (REPO / "evals/rubrics").glob("*.yaml")}
    assert prompts and rubrics
    assert prompts <= names and rubrics <= names
    assert "service/web/templates/base.html" in names  # the package data declared before
    words = {f"service/{p.relative_to(REPO / 'service').as_posix()}" for p in WORDS}
    assert words and words <= names
    assert "service/evaluation/templates/report.html.j2" in names  # the eval report
    assert "service/testing/embedder.py" in names
    assert not any(n.startswith(("prompts/", "evals/", "tests/", "bench/")) for n in names)


def test_an_editable_install_reads_the_checkouts_folders() -> None:
    settings = Settings()
    assert settings.prompts_dir == packaged_folder("prompts", "prompts") == REPO / "prompts"
    assert settings.rubrics_dir == REPO / "evals" / "rubrics"


def test_postgresql_is_an_extra_the_test_command_installs() -> None:
    """SQLite needs no driver, so psycopg stays out of a plain install; ``dev`` (what
    ``make test`` installs) pulls it in, because the store and API suites run on PostgreSQL."""
    import importlib.util
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    assert any(d.startswith("psycopg[binary]") for d in extras["postgres"])
    assert not any(d.startswith("psycopg") for d in project["dependencies"])
    assert "storycoach[postgres]" in extras["dev"]
    assert importlib.util.find_spec("psycopg") is not None
