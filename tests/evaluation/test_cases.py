from __future__ import annotations

from pathlib import Path

import pytest

from service.evaluation.cases import load_generation_set, load_labelled_set
from service.evaluation.errors import CaseFileError
from service.knowledge import load_corpus
from service.knowledge.languages import words
from service.vocabulary import Language
from tests.conftest import CASES, CORPUS


def test_generation_cases_are_usable() -> None:
    cases = load_generation_set(CASES / "generation-v1.yaml").cases
    priorities = {d.id for d in load_corpus(CORPUS).documents if d.meta.kind == "priority"}
    assert len(cases) >= 30
    assert {c.priority for c in cases} == priorities
    languages = [c.language for c in cases]
    assert min(languages.count(Language.EN), languages.count(Language.NL)) >= 12
    assert sum(c.development_goal is not None for c in cases) >= 8
    for case in cases:
        assert 80 <= len(words(case.account)) <= 200, case.id
        assert (case.development_goal is None) == (case.team_member_role is None), case.id


def test_a_broken_case_file_names_the_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("version: 1\ncases:\n  - id: x\n    priority: nope\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"cases.yaml: cases.0.priority"):
        load_generation_set(path)
    with pytest.raises(CaseFileError, match="no such file"):
        load_labelled_set(tmp_path / "missing.yaml")
