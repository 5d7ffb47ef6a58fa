"""Starting ``tests.e2e.fault_server`` (the app as ``storycoach serve`` runs it, with the
instant model and the hashing embedder, and switches that break it at a chosen point) in a
process of its own. Used by ``tests/e2e/test_faults.py`` and the browser's chat-fault test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.helpers.processes import free_port, wait_for

REPO = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 120
"""Long enough for a loaded 2-core machine to import the app; a start that takes longer fails."""


@dataclass
class Served:
    url: str
    keys: dict[str, str]
    process: subprocess.Popen[bytes]
    data: Path

    def client(self, who: str) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[who]}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@contextmanager
def served(data: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """``tests.e2e.fault_server`` over ``data`` until the block ends (or the test kills it)."""
    port = free_port()
    command = [sys.executable, "-m", "tests.e2e.fault_server", "--data", str(data)]
    process = subprocess.Popen(
        [*command, "--port", str(port), *options],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # the keys, once the data folder is ready
        if not line:
            raise RuntimeError(f"the fault server exited with {process.wait()}")
        url = f"http://127.0.0.1:{port}"
        wait_for(f"{url}/health", process, STARTUP_SECONDS)
        yield Served(url, json.loads(line), process, data)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
