"""Dependencies point one way (docs/style.md, point 2), checked on the source, not by convention.

- The coach has one entrance: outside ``service/coach/``, nothing imports its step modules
  (``service/coach/making/``); the jobs are reached through ``service.coach.JOBS``.

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
- No test imports from another test module (``test_*.py``): what tests share lives in
  ``tests/helpers/`` (or a helper module beside them), so each test module stands alone.
- No module in ``service/`` holds a word list of both languages longer than ten lines: the
  product's Dutch and English words are data, in ``service/words/`` (docs/design.md).

Imports are read with ``ast`` (relative ones resolved), including those inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from service.knowledge.languages import STOPWORDS, words
from service.vocabulary import Language

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


def test_the_coach_is_entered_by_its_jobs_not_its_making() -> None:
    """Outside the coach, service code reaches a job through ``service.coach`` (its ``JOBS``)
    or the coach's top-level modules, never the steps in ``service/coach/making/``; the eval
    alone reads how code frames a part, to tell the coach's frames in an output."""
    files = [
        path
        for path in sorted((ROOT / "service").rglob("*.py"))
        if not path.is_relative_to(ROOT / "service" / "coach")
    ]
    assert len(files) > 100, "found too few modules: the check would pass vacuously"
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path, ROOT))
        if name.startswith("service.coach.making")
        and f"{path.relative_to(ROOT)}" != "service/evaluation/parts.py"
    ]
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


def imports_of_test_modules(path: Path, root: Path) -> list[str]:
    """Each test module (a ``test_*.py`` file under ``root``) that ``path`` imports from."""
    found = set()
    for name in imported_modules(path, root):
        parts = name.split(".")
        for end in range(2, len(parts) + 1):
            module = root.joinpath(*parts[:end]).with_suffix(".py")
            if parts[end - 1].startswith("test_") and module.is_file():
                found.add(f"{path.relative_to(root)} imports {'.'.join(parts[:end])}")
                break
    return sorted(found)


def test_no_test_imports_from_another_test_module() -> None:
    files = sorted((ROOT / "tests").rglob("*.py"))
    assert len(files) > 100, "found too few test files: the check would pass vacuously"
    assert [found for path in files for found in imports_of_test_modules(path, ROOT)] == []


def test_the_test_import_check_finds_test_modules_not_helpers(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    (tests / "api").mkdir(parents=True)
    (tests / "helpers").mkdir()
    for module in ("api/test_review.py", "helpers/steps.py", "api/chat_client.py"):
        (tests / module).write_text("")
    importers = {
        "test_a.py": "from tests.api.test_review import story\n",
        "test_b.py": "def f():\n    from .test_review import lesson\n",
        "test_c.py": "from tests.api import test_review\n",
        "test_d.py": "import tests.api.test_review\n",
        "test_e.py": (
            "from tests.helpers.steps import test_data\n"
            "from tests.api.chat_client import sse_events\n"
            "from tests.api import chat_client\n"
        ),
    }
    found = []
    for name, source in importers.items():
        (tests / "api" / name).write_text(source)
        found += imports_of_test_modules(tests / "api" / name, tmp_path)
    assert found == [
        f"tests/api/{name} imports tests.api.test_review"
        for name in ("test_a.py", "test_b.py", "test_c.py", "test_d.py")
    ]


LONGEST_WORD_LIST = 10
"""Lines a literal in ``service/`` may span while it holds words of both languages."""
DUTCH_ONLY = STOPWORDS[Language.NL] - STOPWORDS[Language.EN]
ENGLISH_ONLY = STOPWORDS[Language.EN] - STOPWORDS[Language.NL]
BOTH_LANGUAGES = 3
"""Distinct function words of each language that make a literal's words a mixed list (one or
two are names or codes: "en" is English's language code and Dutch for "and")."""


def mixed_word_lists(path: Path, root: Path) -> list[str]:
    """Each value assigned in ``path`` that spans more than ``LONGEST_WORD_LIST`` lines and
    whose strings hold function words of both Dutch and English, as ``file:line name``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        value = node.value
        if (value.end_lineno or value.lineno) - value.lineno + 1 <= LONGEST_WORD_LIST:
            continue
        texts = [c.value for c in ast.walk(value) if isinstance(c, ast.Constant)]
        found_words = {w for text in texts if isinstance(text, str) for w in words(text)}
        dutch, english = found_words & DUTCH_ONLY, found_words & ENGLISH_ONLY
        if len(dutch) >= BOTH_LANGUAGES and len(english) >= BOTH_LANGUAGES:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            found.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(target)}")
    return found


def test_no_mixed_language_word_list_in_service_code() -> None:
    files = sorted((ROOT / "service").rglob("*.py"))
    assert len(files) > 100, "found too few modules: the check would pass vacuously"
    assert [found for path in files for found in mixed_word_lists(path, ROOT)] == []


def test_the_word_list_check_finds_long_mixed_lists_only(tmp_path: Path) -> None:
    module = tmp_path / "service" / "cues.py"
    module.parent.mkdir()
    mixed = ["but", "the mistake", "they forgot", "maar", "het probleem", "toen ik"] * 2
    english = ["but", "the mistake", "they forgot", "we were late", "he lost", "I"] * 2
    lines = ",\n    ".join
    module.write_text(
        "MIXED: tuple[str, ...] = (\n    " + lines(repr(w) for w in mixed) + ",\n)\n"
        "ENGLISH = (\n    " + lines(repr(w) for w in english) + ",\n)\n"
        "SHORT = ('but', 'the', 'they', 'maar', 'het', 'toen')\n"
        "def f():\n    local = {\n" + "".join(f"        {w!r}: 1,\n" for w in mixed) + "    }\n"
    )
    assert mixed_word_lists(module, tmp_path) == [
        "service/cues.py:1 MIXED",
        f"service/cues.py:{2 * len(mixed) + 7} local",
    ]
