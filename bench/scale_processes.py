"""The processes ``bench.scale`` measures: real ``storycoach serve`` and ``llm serve``, each in
its own process group, over one data folder made once per run.

Settings reach the processes as ``STORYCOACH_*`` variables only (the bench's own environment
is cleared of them), and each runs with its working directory in the data folder, so no stray
``.env`` of a checkout changes what is measured. Every process group is stopped, and waited
for, when its deployment ends: only one deployment holds the model at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import httpx

from bench.load import free_port
from service.llm.weights import QWEN25_CODER_15B

ROOT = Path(__file__).resolve().parent.parent
SERVED = QWEN25_CODER_15B.name
"""The model ``storycoach llm serve`` serves, reached by web processes as ``openai/{SERVED}``."""
ORG = "demo"
SMOKE_ORG = "acme"
"""The organisation ``bench.load_server`` seeds (the smoke run's in-process server)."""


def environment(data: Path, **settings: str) -> dict[str, str]:
    """This process's environment without its ``STORYCOACH_*``, plus ``settings`` as such."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYCOACH_")}
    env.update(PYTHONPATH=str(ROOT), STORYCOACH_DATA_DIR=str(data))
    env.update({f"STORYCOACH_{name.upper()}": value for name, value in settings.items()})
    return env


def run_cli(env: dict[str, str], *args: str) -> str:
    """``storycoach ARGS`` to the end; its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        env=env,
        cwd=env["STORYCOACH_DATA_DIR"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(f"storycoach {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout.strip()


@dataclass(frozen=True)
class Started:
    name: str
    process: subprocess.Popen[bytes]
    log: Path

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:]


class ProcessGroups:
    """Processes started in their own process groups; all stopped and waited for on exit."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.started: list[Started] = []

    def start(
        self, name: str, command: list[str], env: dict[str, str], stdout: bool = False
    ) -> Started:
        """``command`` in a new process group; its output to ``{name}.log`` (with ``stdout``,
        its standard output is a pipe to read instead)."""
        log = self.logs / f"{name}.log"
        with log.open("ab") as out:
            process = subprocess.Popen(
                command,
                env=env,
                cwd=env["STORYCOACH_DATA_DIR"],
                stdout=subprocess.PIPE if stdout else out,
                stderr=out,
                start_new_session=True,  # its own group: stopping it stops its children
            )
        started = Started(name, process, log)
        self.started.append(started)
        return started

    def stop_all(self) -> None:
        for started in reversed(self.started):
            _signal_group(started.process, signal.SIGTERM)
        deadline = time.monotonic() + 60
        for started in reversed(self.started):
            try:
                started.process.wait(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(started.process, signal.SIGKILL)
                started.process.wait()
        self.started.clear()

    def __enter__(self) -> ProcessGroups:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop_all()


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group has ended already
        os.killpg(process.pid, sig)  # start_new_session: the group's id is the leader's pid


def wait_until_up(url: str, started: Started, seconds: float) -> None:
    """Until ``url`` answers 200; fails with the process's log if it exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if started.process.poll() is not None:
            raise RuntimeError(f"{started.name} exited: {started.tail()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{started.name} did not answer {url} within {seconds:.0f} s")


def find_weights() -> Path | None:
    """An assembled GGUF to share with every process (``llm serve`` and the in-process web
    process verify its sha256 at load): ``$STORYCOACH_DATA_DIR/models`` or ``data/models``."""
    name = f"{SERVED}.gguf"
    given = os.environ.get("STORYCOACH_DATA_DIR")
    folders = [*([Path(given)] if given else []), ROOT / "data"]
    return next((f / "models" / name for f in folders if (f / "models" / name).is_file()), None)


@dataclass(frozen=True)
class BenchData:
    """The run's data folder: the demo corpus ingested, one key per leader."""

    folder: Path
    keys: list[str]


def prepare_data(folder: Path, leaders: int) -> BenchData:
    """Ingest the demo corpus with the real embedder and make ``leaders`` leader keys (each
    its own person, so each its own caller in the model queue). The weights are linked in,
    not copied; missing, the first model process assembles them (minutes)."""
    folder.mkdir(parents=True, exist_ok=True)
    weights = find_weights()
    if weights is not None:
        (folder / "models").mkdir(exist_ok=True)
        (folder / "models" / weights.name).symlink_to(weights.resolve())
    env = environment(folder)
    run_cli(env, "ingest", str(ROOT / "corpus"), "--org", ORG)
    return BenchData(folder, leader_keys(env, ORG, range(1, leaders + 1)))


def leader_keys(env: dict[str, str], org: str, numbers: range) -> list[str]:
    """A key for each of leaders ``numbers``, each its own person (``storycoach admin``)."""
    command = ("admin", "create-key", "--org", org, "--role", "leader", "--name")
    return [run_cli(env, *command, f"leader {n}") for n in numbers]


def smoke_server(groups: ProcessGroups, folder: Path, leaders: int) -> tuple[str, list[str]]:
    """``bench.load_server`` (the instant model in process, the hashing embedder) over a
    fresh ``folder``: its address and ``leaders`` leader keys."""
    folder.mkdir(parents=True)
    port = free_port()
    command = [sys.executable, "-m", "bench.load_server", "--data", str(folder)]
    command += ["--port", str(port), "--queued"]
    started = groups.start("inprocess-smoke", command, environment(folder), stdout=True)
    assert started.process.stdout is not None
    line = started.process.stdout.readline()  # its key, once the data folder is ready
    if not line:
        raise RuntimeError(f"bench.load_server exited: {started.tail()}")
    keys = [json.loads(line)["key"]]
    keys += leader_keys(environment(folder), SMOKE_ORG, range(2, leaders + 1))
    url = f"http://127.0.0.1:{port}"
    wait_until_up(f"{url}/health", started, 120)
    return url, keys
