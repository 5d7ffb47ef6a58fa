"""Fixtures of the eval command tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.cli import eval_run as eval_run_module


@pytest.fixture
def baselines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Baselines under tmp_path: the repository's own are for the real model."""
    folder = tmp_path / "baselines"
    monkeypatch.setattr(eval_run_module, "BASELINES", folder)
    return folder
