"""Concurrent chat streams against a live server: errors, and the latency the web layer adds.

    python -m bench.load [--streams 50] [--seconds 60]

The server is ``storycoach serve``'s app in its own process (``bench.load_server``: uvicorn on
a free loopback port over a fresh data folder); the load generator (``bench.load_client``,
one httpx AsyncClient) runs in this process. Each client loops: start a conversation, stream
the coach's story draft, then a bare sse-starlette stream of as many events and ``/health``,
so ours and the references are measured in the same run under the same load.

The model is ``service.testing.InstantModel`` (valid JSON for every step, at once; one instance
per request, see ``bench.load_server.RequestScopedInstantModel``). Retrieval uses the hashing
embedder, not the real one: a real query embedding costs ~100 ms on 2 cores and would hide
what this measures, StoryCoach's own cost per request (auth, the database,
Chroma, prompts, checks, SSE) over a bare endpoint on the same server. Both processes share
the machine's cores, so the figures include the load generator's own CPU.
Target: 0 errors.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from bench.load_client import LoadResult, run_load
from bench.timing import machine, percentiles_ms

ROOT = Path(__file__).resolve().parent.parent
console = Console(width=110)
_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit)\b.*")
LABELS = {
    "chat": "ours: chat message (SSE)",
    "bare": "bare sse-starlette (same events)",
    "health": "bare JSON (/health)",
    "start": "ours: start conversation (JSON)",
}


@dataclass(frozen=True)
class Server:
    url: str
    key: str
    process: subprocess.Popen[bytes]
    log: Path

    def cpu_seconds(self) -> float:
        """User + system CPU the server process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(startup_seconds: float = 120, *options: str) -> Iterator[Server]:
    """``bench.load_server`` in a subprocess over a temporary data folder, until the block
    ends; ``options`` are its own (``--queued``, ``--model-seconds``)."""
    with tempfile.TemporaryDirectory(prefix="storycoach-load-") as data:
        port, log = free_port(), Path(data) / "server.log"
        with log.open("wb") as stderr:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench.load_server",
                    "--data",
                    data,
                    "--port",
                    str(port),
                    *options,
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()  # the key, once the data folder is ready
            if not line:
                raise RuntimeError(f"the bench server exited: {log.read_text()[-2000:]}")
            server = Server(f"http://127.0.0.1:{port}", json.loads(line)["key"], process, log)
            _wait_until_up(server, startup_seconds)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the bench server exited: {server.log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"the bench server did not answer within {seconds:.0f} s")


def latency_table(result: LoadResult) -> Table:
    table = Table(
        "endpoint",
        "requests",
        "first byte p50 / p95 (ms)",
        "total p50 / p95 (ms)",
        title=f"{result.streams} concurrent clients, {result.elapsed:.1f} s, one server process",
    )
    for name, label in LABELS.items():
        samples = result.samples[name]
        if not samples.total:
            table.add_row(label, "0", "-", "-")
            continue
        f50, f95 = percentiles_ms(samples.first_byte)
        t50, t95 = percentiles_ms(samples.total)
        table.add_row(
            label, str(len(samples.total)), f"{f50:.1f} / {f95:.1f}", f"{t50:.1f} / {t95:.1f}"
        )
    return table


def added_p95(result: LoadResult) -> tuple[float, float]:
    """Our chat stream's p95 minus the bare stream's: to the first byte, and to the end."""
    ours, bare = result.samples["chat"], result.samples["bare"]
    if not ours.total or not bare.total:
        return float("nan"), float("nan")
    first = percentiles_ms(ours.first_byte)[1] - percentiles_ms(bare.first_byte)[1]
    return first, percentiles_ms(ours.total)[1] - percentiles_ms(bare.total)[1]


def server_exceptions(log: str) -> Counter[str]:
    """The exceptions the server logged, by their message line (chained ones counted once)."""
    found: Counter[str] = Counter()
    for traceback in log.split("Traceback (most recent call last):")[1:]:
        lines = [line for line in traceback.splitlines() if _EXCEPTION.match(line)]
        if lines and "The above exception was the direct cause" not in traceback:
            found[lines[-1]] += 1
    return found


def report(result: LoadResult, server_cpu: float, server_log: str) -> None:
    console.print(latency_table(result))
    first, total = added_p95(result)
    console.print(
        f"[bold]completed chat streams[/]: {result.completed} "
        f"({result.throughput:.1f}/s; {4 * result.throughput:.1f} requests/s in all)"
    )
    console.print(
        f"[bold]added p95 (ours - bare SSE)[/]: first byte {first:.1f} ms, total {total:.1f} ms"
    )
    console.print(
        f"[bold]server CPU[/]: {server_cpu:.1f} s over {result.elapsed:.1f} s "
        f"({100 * server_cpu / result.elapsed:.0f}% of one core)"
    )
    errors = sum(result.errors.values())
    for kind, count in result.errors.most_common():
        console.print(f"  error {kind}: {count} (first: {result.examples.get(kind, '')[:300]})")
    for line, count in server_exceptions(server_log).most_common():
        console.print(f"  server log: {count} x {line[:200]}")
    verdict = "ok" if errors == 0 else "FAIL"
    console.print(f"[bold]errors[/]: {errors} (target 0) {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--streams", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    console.print(f"[bold]machine[/]: {machine()}")
    with served() as server:
        cpu_before = server.cpu_seconds()
        result = run_load(server.url, server.key, args.streams, args.seconds)
        server_cpu = server.cpu_seconds() - cpu_before
        server_log = server.log.read_text(errors="replace")
    report(result, server_cpu, server_log)


if __name__ == "__main__":
    main()
