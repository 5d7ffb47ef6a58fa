"""Every reason bad input is refused with is a code whose text is in ``service/words/invalid/``,
in both languages, with the values its text needs; read on the source, not by convention.

A reason that is plain English text (not a code) is left only where the one who reads it is a
developer at a command line or an eval: ``ENGLISH_ONLY`` lists those modules."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from service.errors import InvalidInput
from service.vocabulary import Language
from service.words import MissingWords, load_words

ROOT = Path(__file__).resolve().parents[2]
ENGLISH_ONLY = {
    # The command line's own checks of files, durations and options (it has no language).
    "service/cli/coach.py",
    "service/cli/durations.py",
    "service/cli/eval_kinds.py",
    "service/cli/eval_parts.py",
    "service/cli/eval_run.py",
    "service/cli/export.py",
    "service/cli/follow_ups.py",
    "service/cli/scoring.py",
    # The evals and the retrieval eval: case files, baselines, job names.
    "service/evaluation/baseline.py",
    "service/evaluation/corpus_stories.py",
    "service/evaluation/plan.py",
    "service/knowledge/evaluation.py",
    # The demo's data files, and the seed of the demo's people (a command).
    "service/demo/fixtures.py",
    "service/demo/history.py",
    "service/store/seed.py",
    # Publishing checks a lesson's corpus front matter with pydantic: its message as it is.
    "service/review/publishing.py",
}
"""Modules that still raise ``InvalidInput`` with an English reason rather than a code."""


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def raises(path: Path) -> list[tuple[int, list[str], set[str]]]:
    """Each ``InvalidInput(...)`` in ``path``: its line, the texts its reason can be and the
    names of its values."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "InvalidInput"
            and len(node.args) >= 2
        ):
            continue
        texts = reason_texts(node.args[1])
        found.append((node.lineno, texts, {k.arg for k in node.keywords if k.arg}))
    return found


def reason_texts(reason: ast.expr) -> list[str]:
    """The texts a reason can be: a constant, either branch of ``a if c else b``; a reason
    built or read at run time counts as words (it cannot be a code)."""
    if isinstance(reason, ast.Constant) and isinstance(reason.value, str):
        return [reason.value]
    if isinstance(reason, ast.IfExp):
        return reason_texts(reason.body) + reason_texts(reason.orelse)
    return [" (built at run time) "]


def every_raise() -> list[tuple[str, int, list[str], set[str]]]:
    return [
        (str(path.relative_to(ROOT)), line, texts, values)
        for path in sorted((ROOT / "service").rglob("*.py"))
        for line, texts, values in raises(path)
    ]


def test_every_reason_outside_the_english_only_modules_is_a_known_code() -> None:
    found = every_raise()
    assert len(found) > 60, "found too few raises: the check would pass vacuously"
    english = load_words("invalid", Language.EN)
    dutch = load_words("invalid", Language.NL)
    wrong = []
    for where, line, texts, values in found:
        if where in ENGLISH_ONLY:
            continue
        for text in texts:
            if " " in text:
                wrong.append(f"{where}:{line} gives a reason in words: {text!r}")
            elif text not in english or text not in dutch:
                wrong.append(f"{where}:{line} gives an unknown code {text!r}")
            elif placeholders(english[text]) != values:
                wrong.append(f"{where}:{line} fills {sorted(values)} into {text!r}")
    assert wrong == []


def test_the_english_only_list_holds_only_modules_that_still_need_it() -> None:
    """A module whose reasons all became codes leaves the list (so the list says exactly
    what remains)."""
    in_words = {where for where, _, texts, _ in every_raise() if any(" " in t for t in texts)}
    assert in_words == ENGLISH_ONLY


def test_a_reason_is_told_in_either_language_with_its_values() -> None:
    refused = InvalidInput("count", "out_of_range", least=3, most=6, count=9)
    assert refused.code == "out_of_range"
    assert refused.reason == "must be between 3 and 6, not 9"
    assert str(refused) == "count: must be between 3 and 6, not 9"
    assert refused.reason_in(Language.NL) == "moet tussen 3 en 6 liggen, niet 9"
    plain = InvalidInput("file", "no such file: x.txt")
    assert plain.code is None and plain.reason_in(Language.NL) == "no such file: x.txt"


def test_an_unknown_code_is_a_programming_error_not_a_reason() -> None:
    with pytest.raises(MissingWords, match=r"invalid/en\.toml: 'emtpy'"):
        InvalidInput("query", "emtpy")
