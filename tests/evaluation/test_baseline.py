"""Saved baselines: written and read back as they were; a broken file is bad input."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from service.errors import InvalidInput
from service.evaluation.baseline import (
    AgreementBaseline,
    GenerationBaseline,
    read_baseline,
    write_baseline,
)
from service.evaluation.result import Job


def test_baselines_round_trip_and_a_broken_file_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "b" / "generation-v1.json"
    saved = GenerationBaseline(
        created=datetime(2026, 11, 28, tzinfo=UTC),
        cases_file="c.yaml",
        cases_version=1,
        model="m",
        passed={Job.STORY: {"a": True}},
    )
    write_baseline(path, saved)
    assert read_baseline(path, GenerationBaseline).passed == {Job.STORY: {"a": True}}
    with pytest.raises(InvalidInput, match="not a AgreementBaseline"):
        read_baseline(path, AgreementBaseline)
    with pytest.raises(InvalidInput, match="no such file"):
        read_baseline(tmp_path / "none.json", GenerationBaseline)
