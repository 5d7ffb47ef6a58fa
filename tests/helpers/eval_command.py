"""``storycoach eval run`` in tests: the command opens the given fake model, and its result
file is read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from service.cli import eval_run as eval_run_module
from service.coach import questions as questions_module
from service.settings import Settings
from service.testing import FakeModel
from service.vocabulary import Language


def use_model(monkeypatch: pytest.MonkeyPatch, model: FakeModel) -> None:
    """Every model the command opens is ``model``."""

    def open_fake(settings: Settings, name: str | None) -> FakeModel:
        return model

    monkeypatch.setattr(eval_run_module, "open_chat_model", open_fake)


def model_writes_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The coach lets the model write discussion questions in every language. The embedded
    model writes none (frames build them, ``questions.MODEL_WRITES``), so a fake model could
    not make them fail or come back as garbage; tests of the eval need it to."""
    monkeypatch.setattr(questions_module, "MODEL_WRITES", frozenset(Language))


def read_result(folder: Path) -> dict[str, Any]:
    """The ``result.json`` a run wrote into ``folder``."""
    result: dict[str, Any] = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    return result
