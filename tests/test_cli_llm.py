"""``storycoach llm serve``: which models it serves, where, and what it refuses.

Weights are not assembled and no server starts: ``assemble_weights``, ``build_server`` and
``uvicorn.run`` are replaced by recorders (the app ``build_server`` makes is tested in
``tests/llm/test_served.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.cli import llm as llm_cli
from service.llm.served import ServedModel
from service.llm.weights import WeightSpec
from service.settings import Settings

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {"assembled": []}

    def assemble(spec: WeightSpec, folder: Path) -> Path:
        seen["assembled"].append((spec.name, folder))
        return folder / f"{spec.name}.gguf"

    def build(models: list[ServedModel], settings: Settings) -> str:
        seen["served"] = models
        return "the app"

    def run(server: Any, **options: Any) -> None:
        seen["run"] = (server, options)

    monkeypatch.setattr(llm_cli, "assemble_weights", assemble)
    monkeypatch.setattr(llm_cli, "build_server", build)
    monkeypatch.setattr(uvicorn, "run", run)
    return seen


def test_serves_the_default_model_on_the_given_address(
    started: dict[str, Any], settings: Settings
) -> None:
    result = runner.invoke(app, ["llm", "serve", "--host", "0.0.0.0", "--port", "8093"])
    assert result.exit_code == 0, result.output
    assert started["run"] == ("the app", {"host": "0.0.0.0", "port": 8093})
    (served,) = started["served"]
    assert served.name == "qwen2.5-coder-1.5b-instruct"
    assert started["assembled"] == [(served.name, settings.models_dir)]
    assert "openai/qwen2.5-coder-1.5b-instruct at http://0.0.0.0:8093/v1" in result.output


def test_the_model_setting_names_the_served_model_when_it_is_a_packaged_one(
    started: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The web process's own .env (openai/<name> at the servers) starts the right model here.
    monkeypatch.setenv("STORYCOACH_MODEL", "openai/qwen2.5-coder-0.5b-instruct")
    monkeypatch.setenv("STORYCOACH_MODEL_API_BASE", '["http://127.0.0.1:8081/v1"]')
    result = runner.invoke(app, ["llm", "serve"])
    assert result.exit_code == 0, result.output
    assert [m.name for m in started["served"]] == ["qwen2.5-coder-0.5b-instruct"]
    assert started["run"][1] == {"host": "127.0.0.1", "port": 8081}


def test_several_models_are_served_in_the_order_given(started: dict[str, Any]) -> None:
    result = runner.invoke(
        app,
        [
            "llm",
            "serve",
            "--model",
            "qwen2.5-coder-0.5b-instruct",
            "--model",
            "storycoach/qwen2.5-coder-1.5b-instruct",
        ],
    )
    assert result.exit_code == 0, result.output
    assert [m.name for m in started["served"]] == [
        "qwen2.5-coder-0.5b-instruct",
        "qwen2.5-coder-1.5b-instruct",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "openai/gpt-4o"], "unknown embedded model 'openai/gpt-4o'"),
        (["--port", "0"], "Invalid value for '--port'"),
    ],
)
def test_bad_options_exit_2_before_any_weights_are_read(
    started: dict[str, Any], args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["llm", "serve", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert started["assembled"] == [] and "run" not in started
