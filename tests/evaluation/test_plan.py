"""A run's plan: jobs and cases are checked, and named by their option, before any model call."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput
from service.evaluation.cases import load_generation_set
from service.evaluation.plan import parse_jobs, select_cases
from service.evaluation.result import Job
from tests.conftest import CASES

GENERATION = CASES / "generation-v1.yaml"


def test_jobs_keep_their_order_once_each() -> None:
    assert parse_jobs(" questions, story,questions ") == [Job.QUESTIONS, Job.STORY]
    with pytest.raises(InvalidInput, match="unknown job 'poem'"):
        parse_jobs("story,poem")
    with pytest.raises(InvalidInput, match="name at least one"):
        parse_jobs(" , ")


def test_cases_are_limited_then_picked_by_id() -> None:
    case_set = load_generation_set(GENERATION)
    first, second, third = (c.id for c in case_set.cases[:3])
    assert [c.id for c in select_cases(case_set, GENERATION, limit=2, ids=None)] == [first, second]
    picked = select_cases(case_set, GENERATION, limit=2, ids=[third, second])
    assert [c.id for c in picked] == [second]  # the limit comes first; the file's order stays
    with pytest.raises(InvalidInput, match=r"no case 'gen-nope' in generation-v1\.yaml"):
        select_cases(case_set, GENERATION, limit=None, ids=["gen-nope"])
