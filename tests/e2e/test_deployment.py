"""The scale path as one deployment of real processes, and a leader's journey across it.

PostgreSQL (started by the tests), a ``chroma run`` server, two ``storycoach llm serve``
processes with the packaged model, and two ``storycoach serve`` web processes that share them
(``STORYCOACH_DATABASE_URL``, ``STORYCOACH_CHROMA_HOST``, ``STORYCOACH_MODEL=openai/...`` with
both model servers in ``STORYCOACH_MODEL_API_BASE``, load-balanced by litellm's Router). The
journey goes back and forth between the web processes: a chat on the first drafts a story
(the real model), the second writes a lesson from it, the first submits it, the second
approves it, the first publishes it, and the second's search finds it — each process reads
what the other wrote, in the shared database and the shared index.

Slow (two model servers load 1.1 GB each; the story and the lesson are real generations on
the CPU), so one journey covers every hand-over.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from bench.scale_processes import environment, run_cli
from tests.factories import ACCOUNT
from tests.helpers.processes import free_port, wait_for
from tests.postgres import PostgresServer

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
SERVED = "qwen2.5-coder-1.5b-instruct"
PRIORITY = "priority-complaints-one-day"


def _process(
    stack: ExitStack, env: dict[str, str], name: str, *args: str
) -> subprocess.Popen[bytes]:
    log = stack.enter_context((Path(env["STORYCOACH_DATA_DIR"]) / f"{name}.log").open("wb"))
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", *args],
        env=env,
        cwd=env["STORYCOACH_DATA_DIR"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()

    stack.callback(stop)
    return process


@pytest.fixture
def deployment(
    tmp_path: Path, postgres_server: PostgresServer, chroma_server: tuple[str, int]
) -> Iterator[dict[str, str]]:
    """The web processes' addresses and the people's keys, with everything behind them."""
    database = postgres_server.fresh_database()
    host, port = chroma_server
    with ExitStack() as stack:
        stack.callback(postgres_server.drop_database, database)
        model_bases = []
        for number in (1, 2):
            folder = tmp_path / f"llm-{number}"
            folder.mkdir()
            llm_port = free_port()
            server = _process(
                stack,
                environment(folder),
                "llm",
                "llm",
                "serve",
                "--port",
                str(llm_port),
                "--model",
                SERVED,
            )
            model_bases.append((f"http://127.0.0.1:{llm_port}/v1", server))
        shared = {
            "database_url": postgres_server.url(database),
            "chroma_host": host,
            "chroma_port": str(port),
            "model": f"openai/{SERVED}",
            "model_api_base": json.dumps([base for base, _ in model_bases]),
        }
        setup = environment(tmp_path, **shared)
        run_cli(setup, "ingest", str(ROOT / "corpus"), "--org", "demo")
        keys = {
            role: run_cli(setup, "admin", "create-key", "--org", "demo", "--role", role)
            for role in ("leader", "reviewer")
        }
        for base, server in model_bases:  # first use assembles the weights: minutes
            wait_for(f"{base}/models", server, seconds=900)
        webs = {}
        for name in ("a", "b"):
            folder = tmp_path / f"web-{name}"
            folder.mkdir()
            web_port = free_port()
            env = environment(folder, **shared)
            web = _process(stack, env, f"web-{name}", "serve", "--port", str(web_port))
            webs[name] = f"http://127.0.0.1:{web_port}"
            wait_for(f"{webs[name]}/health", web, seconds=300)
        yield {**webs, **{f"key_{role}": key for role, key in keys.items()}}


def _events(body: str) -> list[tuple[str, dict[str, object]]]:
    found = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", ""
        for line in block.splitlines():
            if line.startswith("event:"):
                name = line.removeprefix("event:").strip()
            elif line.startswith("data:"):
                data += line.removeprefix("data:").strip()
        if data:
            found.append((name, json.loads(data)))
    return found


def test_a_leaders_journey_across_two_web_processes_and_two_model_servers(
    deployment: dict[str, str],
) -> None:
    leader = {"Authorization": f"Bearer {deployment['key_leader']}"}
    reviewer = {"Authorization": f"Bearer {deployment['key_reviewer']}"}
    a = httpx.Client(base_url=deployment["a"], timeout=900)
    b = httpx.Client(base_url=deployment["b"], timeout=900)

    started = a.post(
        "/api/conversations", json={"priority": PRIORITY, "language": "en"}, headers=leader
    )
    assert started.status_code == 201, started.text
    conversation = started.json()["id"]
    reply = a.post(
        f"/api/conversations/{conversation}/messages", json={"content": ACCOUNT}, headers=leader
    )
    names = [name for name, _ in _events(reply.text)]
    assert names[-1] == "done", reply.text[-1000:]
    story = a.post(f"/api/conversations/{conversation}/story", headers=leader)
    assert story.status_code == 201, story.text
    story_id = story.json()["id"]

    lesson = b.post(
        f"/api/stories/{story_id}/lessons", json={}, headers=leader
    )  # the other process
    assert lesson.status_code == 201, lesson.text
    lesson_id = lesson.json()["id"]
    assert a.post(f"/api/lessons/{lesson_id}/submit", headers=leader).status_code == 200
    approved = b.post(
        f"/api/lessons/{lesson_id}/decision", json={"decision": "approve"}, headers=reviewer
    )
    assert approved.status_code == 200, approved.text
    published = a.post(f"/api/lessons/{lesson_id}/publish", headers=reviewer)
    assert published.status_code == 200, published.text
    corpus_id = published.json()["corpus_id"]

    title = lesson.json()["title"]
    found = b.get("/api/search", params={"q": title, "kind": "lesson", "k": 10}, headers=leader)
    assert found.status_code == 200, found.text
    assert corpus_id in [hit["id"] for hit in found.json()["data"]]
