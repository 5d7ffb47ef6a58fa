"""A real Learning Record Store for the tests: Ralph (``ralph-malph`` on PyPI) with its
file-system backend, started on a free local port and stopped at the end.

Ralph pins its own FastAPI, pydantic-settings and uvicorn, which need not agree with ours, so
it lives in a virtual environment of its own, made once per machine under
``~/.cache/storycoach/ralph-venv`` (``STORYCOACH_RALPH_VENV`` elsewhere) and reused while the
pinned version is the same: a fresh clone or CI installs it with pip, nothing by hand.

The server is Ralph's app under uvicorn, as Ralph's own docs run it (``ralph runserver``
would add uvicorn's file-watching reloader); its settings are environment variables, its
basic-auth user is written by ``ralph auth``, its statements go to a temporary folder.

One change to Ralph, made where it starts (``LAUNCH``): its file-system backend writes its
one statements file in "create" mode, so only the first POST ever succeeds and every later
one fails with 500 "Statements bulk indexation failed" (5.1.0; this test found it). Set to
"append", it keeps every batch; validation, basic auth, duplicate ids, storing and the
statements query are Ralph's own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.postgres import free_port

REQUIREMENTS = ("ralph-malph[cli,lrs]==5.1.0", "requests>=2")
"""5.1.0's ``lrs`` extra leaves out ``requests``, which its API imports (for OIDC)."""
VENV = Path(os.environ.get("STORYCOACH_RALPH_VENV", Path.home() / ".cache/storycoach/ralph-venv"))
USER, PASSWORD = "storycoach", "not-a-real-secret"
XAPI_HEADERS = {"X-Experience-API-Version": "1.0.3"}
LAUNCH = """
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="info")
"""


class RalphMissing(RuntimeError):
    """Ralph could not be installed (no package index?)."""


def ensure_ralph(venv: Path = VENV) -> Path:
    """The ``python`` of a virtual environment with Ralph, made (and pip-installed) if the
    one at ``venv`` is missing or holds another version."""
    stamp = venv / ".storycoach-requirements"
    python = venv / "bin" / "python"
    if python.exists() and stamp.exists() and stamp.read_text() == "\n".join(REQUIREMENTS):
        return python
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *REQUIREMENTS,
        ],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise RalphMissing(f"{' '.join(step)} failed:\n{done.stderr[-2000:]}")
    stamp.write_text("\n".join(REQUIREMENTS))
    return python


@dataclass
class RalphServer:
    python: Path
    folder: Path
    port: int
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @classmethod
    def start(cls, python: Path) -> RalphServer:
        server = cls(python, Path(tempfile.mkdtemp(prefix="ralph-")), free_port())
        (server.folder / "statements").mkdir()
        ralph = str(python.parent / "ralph")
        auth = [ralph, "auth", "--write-to-disk", "-u", USER, "-p", PASSWORD]
        scopes = ["-s", "statements/write", "-s", "statements/read"]
        agent = ["--agent-ifi-account", USER, "http://storycoach.test"]
        made = subprocess.run(
            auth + scopes + agent, env=server.env, capture_output=True, text=True, timeout=120
        )
        if made.returncode != 0:
            raise RuntimeError(f"ralph auth failed:\n{made.stderr[-2000:]}")
        with server.log.open("wb") as log:
            server.process = subprocess.Popen(
                [str(python), "-c", LAUNCH, str(server.port)],
                env=server.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=server.folder,
            )
        server._wait_until_up()
        return server

    @property
    def env(self) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.folder),
            "RALPH_APP_DIR": str(self.folder),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "statements"),
        }

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def endpoint(self) -> str:
        """The xAPI address StoryCoach is given (statements go to ``{endpoint}/statements``)."""
        return f"http://127.0.0.1:{self.port}/xAPI"

    def statements(self) -> list[dict[str, Any]]:
        """Every statement the LRS holds, read back through its own xAPI API."""
        answer = httpx.get(
            f"{self.endpoint}/statements",
            params={"limit": 500},
            auth=(USER, PASSWORD),
            headers=XAPI_HEADERS,
            timeout=10,
        )
        answer.raise_for_status()
        return list(answer.json()["statements"])

    def _wait_until_up(self, within: float = 120.0) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                break
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1).is_success:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Ralph did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
