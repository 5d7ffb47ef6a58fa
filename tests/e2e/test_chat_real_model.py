"""One chat through the OpenAI-compatible API of a served app, with the real embedded models.

Slow (minutes on 2 cores): the interview and the story run through llama.cpp. Driven by the
official ``openai`` client, as any chat front end would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
from openai.types.chat import ChatCompletionMessageParam

from tests.e2e.conftest import REAL_MODEL, free_port, wait_for
from tests.factories import ACCOUNT

pytestmark = pytest.mark.e2e
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture
def served(isolated_state: Path) -> Iterator[tuple[str, str]]:
    """A ``storycoach serve`` process over the demo corpus, and a leader's key."""
    env = {**os.environ, "STORYCOACH_EMBEDDING_MODEL": REAL_MODEL}
    cli = [sys.executable, "-m", "service.cli"]
    subprocess.run([*cli, "ingest", str(CORPUS)], env=env, check=True, capture_output=True)
    key = subprocess.run(
        [*cli, "admin", "create-key", "--role", "leader"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    port = free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", server)
        yield f"{base}/v1", key
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_chat_interviews_then_streams_a_story_in_the_leaders_words(
    served: tuple[str, str],
) -> None:
    base_url, key = served
    client = openai.OpenAI(base_url=base_url, api_key=key, timeout=900, max_retries=0)
    assert [m.id for m in client.models.list()] == ["storycoach"]

    chat: list[ChatCompletionMessageParam] = [
        {"role": "user", "content": "priority-complaints-one-day"}
    ]
    interview = client.chat.completions.create(model="storycoach", messages=chat)
    questions = interview.choices[0].message.content or ""
    assert questions.count("?") >= 5 and "priority-complaints-one-day" in questions  # cited

    chat += [{"role": "assistant", "content": questions}, {"role": "user", "content": ACCOUNT}]
    stream = client.chat.completions.create(model="storycoach", messages=chat, stream=True)
    chunks = list(stream)
    assert chunks[-1].choices[0].finish_reason == "stop"
    story = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert story.startswith("# ")
    assert "I asked the team to work two weekends" in story  # the leader's own words, kept
    assert "- [priority-complaints-one-day]" in story  # cited documents listed at the end
    written = [c for c in chunks if (c.choices[0].delta.model_extra or {}).get("reasoning_content")]
    assert len(written) > 3  # the model's parts really streamed, piece by piece
