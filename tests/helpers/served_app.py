"""The app as ``make run`` serves it, in a process of its own: the real command line ingests
the demo corpus and serves it on a free port. Used by the e2e tests (the ``served_app``
fixture in ``tests/e2e/conftest.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.processes import free_port, wait_for

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CLI = [sys.executable, "-m", "service.cli"]
"""``storycoach``, run by the interpreter the tests run in."""


@dataclass(frozen=True)
class ServedApp:
    """A ``storycoach serve`` process over the demo corpus."""

    url: str
    env: dict[str, str]

    def key(self, role: str) -> str:
        """A new key for a person in ``role``, made by ``storycoach admin create-key``."""
        made = subprocess.run(
            [*CLI, "admin", "create-key", "--role", role],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return made.stdout.strip()


@contextmanager
def serve_demo(embedding_model: str, *, seconds: float = 60) -> Iterator[ServedApp]:
    """``ingest`` the demo corpus with ``embedding_model``, then ``serve`` until the block ends.

    The data folder is ``STORYCOACH_DATA_DIR`` of the environment (the tests' ``tmp_path``)."""
    env = {**os.environ, "STORYCOACH_EMBEDDING_MODEL": embedding_model}
    subprocess.run([*CLI, "ingest", str(CORPUS)], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/health", server, seconds)
        yield ServedApp(url, env)
    finally:
        server.terminate()
        server.wait(timeout=30)
