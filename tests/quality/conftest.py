from __future__ import annotations

from pathlib import Path

import pytest

from service.quality import Rubric, load_rubrics

REPO = Path(__file__).resolve().parents[2]
RUBRICS = REPO / "evals" / "rubrics"
CASES = REPO / "evals" / "cases"


@pytest.fixture(scope="session")
def rubrics() -> dict[str, Rubric]:
    return load_rubrics(RUBRICS)
