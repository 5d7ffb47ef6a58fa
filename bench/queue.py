"""Sign-in and pages while model work waits: ``/api/me`` with 45 model requests pending.

    python -m bench.queue [--pending 45] [--model-seconds 0.5] [--seconds 10]

Before the model queue (``service/http/model_queue.py``), every request that wanted the model
held a worker thread while it waited for the model's lock: with 45 ``/v1/chat/completions``
requests pending on the embedded model, ``GET /api/me`` did not answer within 30 s, ten times
out of ten (measured 2026-11-29). Now waiting costs no thread and no database connection.

The server is ``bench.load_server`` with the product's queue (one model slot) and a model
that holds its slot for ``--model-seconds`` a call, so a fast machine sees the same queue a
slow one does. The client starts ``--pending`` conversations at once (each is model work: the
interview), waits until they are queued, then for ``--seconds`` asks, one after another:

- ours: ``GET /api/me`` (a key lookup in the database) and ``GET /stories`` (a page);
- the reference: ``GET /health`` (a bare JSON endpoint on the same server, same moment);

and prints each one's p50/p95 beside the same requests on the idle server, measured first
in the same run. Target: ``/api/me``'s p95 while the model work waits at most 50 ms above its
idle p95 (waiting work costs the other requests nothing); ``/health`` shows how much of any
figure is the machine itself.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import httpx
from rich.console import Console
from rich.table import Table

from bench.load import served
from bench.load_client import PRIORITY
from bench.timing import machine, percentiles_ms

console = Console(width=110)
PROBES = {"me": "/api/me", "page": "/stories", "health": "/health"}
LABELS = {
    "me": "ours: GET /api/me (key, database)",
    "page": "ours: GET /stories (page)",
    "health": "bare JSON (/health)",
}
TARGET_MS = 50.0


async def probe(client: httpx.AsyncClient, key: str, seconds: float) -> dict[str, list[float]]:
    """Each probe in turn for ``seconds``: its latencies in seconds, by name."""
    headers = {"Authorization": f"Bearer {key}"}
    found: dict[str, list[float]] = {name: [] for name in PROBES}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, path in PROBES.items():
            started = time.perf_counter()
            answer = await client.get(path, headers=headers if name != "health" else None)
            found[name].append(time.perf_counter() - started)
            if answer.status_code >= 400 and not (name == "page" and answer.status_code < 500):
                raise RuntimeError(f"{path} answered {answer.status_code}: {answer.text[:200]}")
    return found


async def measure(url: str, key: str, pending: int, seconds: float) -> dict[str, object]:
    limits = httpx.Limits(max_connections=pending + 10)
    async with httpx.AsyncClient(base_url=url, timeout=600, limits=limits) as client:
        idle = await probe(client, key, seconds / 2)
        headers = {"Authorization": f"Bearer {key}"}
        body = {"priority": PRIORITY, "language": "en"}
        started = time.monotonic()
        waiting = [
            asyncio.create_task(client.post("/api/conversations", json=body, headers=headers))
            for _ in range(pending)
        ]
        await asyncio.sleep(1.0)  # let every request reach the queue
        loaded = await probe(client, key, seconds)
        unfinished = sum(not task.done() for task in waiting)
        answers = await asyncio.gather(*waiting)
        drained = time.monotonic() - started
    statuses = sorted({a.status_code for a in answers})
    return {
        "idle": idle,
        "loaded": loaded,
        "unfinished": unfinished,
        "statuses": statuses,
        "drained": drained,
    }


def report(result: dict[str, object], pending: int, model_seconds: float) -> None:
    idle, loaded = result["idle"], result["loaded"]
    assert isinstance(idle, dict) and isinstance(loaded, dict)
    table = Table(
        "request",
        "idle p50 / p95 (ms)",
        f"{pending} model requests pending: p50 / p95 (ms)",
        "requests",
        title=f"one server process, one model slot, {model_seconds:.1f} s per model call",
    )
    for name, label in LABELS.items():
        i50, i95 = percentiles_ms(idle[name])
        l50, l95 = percentiles_ms(loaded[name])
        table.add_row(
            label, f"{i50:.1f} / {i95:.1f}", f"{l50:.1f} / {l95:.1f}", str(len(loaded[name]))
        )
    console.print(table)
    added = percentiles_ms(loaded["me"])[1] - percentiles_ms(idle["me"])[1]
    verdict = "ok" if added <= TARGET_MS else "FAIL"
    console.print(
        f"[bold]/api/me p95 with model work waiting - idle p95[/]: {added:.1f} ms "
        f"(target ≤ {TARGET_MS:.0f} ms) {verdict}"
    )
    console.print(
        f"[bold]model requests[/]: {result['unfinished']} of {pending} still waiting when the "
        f"probes ended; all answered {result['statuses']} after {result['drained']:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pending", type=int, default=45)
    parser.add_argument("--model-seconds", type=float, default=0.5)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    console.print(f"[bold]machine[/]: {machine()}")
    options = ("--queued", "--model-seconds", str(args.model_seconds))
    with served(120, *options) as server:
        result = asyncio.run(measure(server.url, server.key, args.pending, args.seconds))
    report(result, args.pending, args.model_seconds)


if __name__ == "__main__":
    main()
