"""``storycoach llm serve`` as a real process with the packaged weights, reached by the gateway.

Slow and heavy: the process assembles and loads the 1.5B model (about 1.1 GB) and decodes on
the CPU. It proves that a web process configured with ``STORYCOACH_MODEL=openai/<name>`` and
``STORYCOACH_MODEL_API_BASE`` gets grammar-constrained JSON back, as the coach needs: an enum of
the leader's own sentences and a string whose limit llama.cpp's grammar must be capped for.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from service.llm.gateway import open_gateway
from service.settings import Settings
from tests.helpers.processes import free_port, wait_for

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
SERVED = "qwen2.5-coder-1.5b-instruct"

SENTENCES = (
    "On her first day nobody had told her where the medicine trolley was.",
    "I made a four-week plan with a fixed buddy for every day.",
    "On Fridays we now talk briefly about what went well and what did not.",
)


class Pick(BaseModel):
    choice: Literal[SENTENCES]  # type: ignore[valid-type]
    reason: str = Field(max_length=1200)  # capped to 800 in the grammar, checked here


@pytest.fixture(scope="module")
def model_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One ``storycoach llm serve`` process on a free port; its address and data folder."""
    data = tmp_path_factory.mktemp("llm-serve")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYCOACH_")}
    env.update(STORYCOACH_DATA_DIR=str(data), PYTHONPATH=str(ROOT))  # this checkout's code
    port = free_port()
    log = (data / "server.log").open("wb")
    command = ["llm", "serve", "--port", str(port), "--model", SERVED]
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", *command],
        cwd=data,  # no stray .env
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        # First use assembles the weights from their packages and checks their sha256.
        wait_for(f"{base}/models", process, seconds=900)
        yield base, data
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def test_a_schema_constrained_choice_through_the_gateway_is_valid_json(
    model_server: tuple[str, Path],
) -> None:
    base, data = model_server
    settings = Settings(data_dir=data, model=f"openai/{SERVED}", model_api_base=[base])
    gateway = open_gateway(settings)
    story = " ".join(SENTENCES)
    reply = gateway.complete(
        [
            {"role": "system", "content": "Answer in JSON."},
            {
                "role": "user",
                "content": f"A leader told this story: {story}\n"
                "Which sentence is the action the leader took? Say why in one sentence.",
            },
        ],
        schema=Pick.model_json_schema(),
        max_tokens=400,  # the grammar caps the reason at 800 characters: the JSON always closes
        temperature=0.0,
    )
    picked = Pick.model_validate_json(reply.text)  # the grammar allows nothing else
    assert picked.choice in SENTENCES
    assert picked.reason.strip()
    assert reply.completion_tokens > 0
    assert reply.model.endswith(SERVED)


def test_a_reply_streams_through_the_gateway(model_server: tuple[str, Path]) -> None:
    base, data = model_server
    settings = Settings(data_dir=data, model=f"openai/{SERVED}", model_api_base=[base])
    deltas = list(
        open_gateway(settings).stream(
            [{"role": "user", "content": "Say hello to a team leader in five words."}],
            max_tokens=30,
        )
    )
    assert len(deltas) > 1  # streamed, not delivered at once
    assert "".join(deltas).strip()
