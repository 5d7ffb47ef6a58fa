"""The load generator of ``bench.load``: concurrent clients, each looping over one chat round.

A round, timed request by request:

1. ``start`` — ``POST /api/conversations``: a fresh conversation (JSON; runs the interview);
2. ``chat`` — ``POST /api/conversations/{id}/messages`` with a full account: the coach's
   story draft, streamed as SSE until ``done``;
3. ``bare`` — ``POST /bench/bare-sse``: as many events, as long, as that chat stream had;
4. ``health`` — ``GET /health``: a bare JSON endpoint.

A fresh conversation per round keeps every chat message the same work: reusing one would grow
its transcript with each redraft until the account limit refuses it. The three references run
in the same rounds, so they see the same server load as the chat they are compared with.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

ACCOUNT = (
    "Last March I ran customer service in Zaandam with a backlog of 340 open complaints. "
    "Most customers waited four days for any answer. "
    "But I made it worse: I asked the team to work two weekends and told nobody why. "
    "Sanne told me people were exhausted and the backlog had barely moved. "
    "So I stopped the overtime and we started a fifteen-minute huddle every morning. "
    "Since then the backlog dropped to 60 and most customers hear from us within a day. "
    "I learned that working longer hides the real problem, and the team saw me admit it."
)
PRIORITY = "priority-complaints-one-day"
ENDPOINTS = ("chat", "bare", "health", "start")


class RoundFailed(Exception):
    """One request of a round failed; ``kind`` names the endpoint and how."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.detail = detail or kind


@dataclass
class Samples:
    """Seconds from sending a request to its first body byte, and to its end."""

    first_byte: list[float] = field(default_factory=list)
    total: list[float] = field(default_factory=list)


@dataclass
class LoadResult:
    streams: int
    elapsed: float
    """Seconds from the first round's start to the last round's end."""
    completed: int = 0
    """Chat streams that ended with ``done``."""
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    """The first detail seen of each kind of error."""
    samples: dict[str, Samples] = field(default_factory=lambda: {e: Samples() for e in ENDPOINTS})

    @property
    def throughput(self) -> float:
        """Completed chat streams per second."""
        return self.completed / self.elapsed if self.elapsed else 0.0


@dataclass(frozen=True)
class Response:
    first_byte: float
    total: float
    body: str


async def _request(
    client: httpx.AsyncClient, name: str, method: str, url: str, **kwargs: Any
) -> Response:
    started = time.perf_counter()
    first: float | None = None
    chunks = []
    try:
        async with client.stream(method, url, **kwargs) as response:
            async for chunk in response.aiter_raw():
                if first is None:
                    first = time.perf_counter() - started
                chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise RoundFailed(f"{name}: {type(exc).__name__}", repr(exc)) from exc
    total = time.perf_counter() - started
    if response.status_code >= 400:
        raise RoundFailed(f"{name}: HTTP {response.status_code}", b"".join(chunks).decode()[:300])
    return Response(total if first is None else first, total, b"".join(chunks).decode())


def sse_events(body: str) -> list[tuple[str, str]]:
    """``(event, data)`` of each server-sent event in ``body``."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.splitlines():
            if line.startswith("event:"):
                name = line.removeprefix("event:").strip()
            elif line.startswith("data:"):
                data.append(line.removeprefix("data:").strip())
        if data:
            events.append((name, "\n".join(data)))
    return events


def _check_chat(events: list[tuple[str, str]]) -> None:
    if events and events[-1][0] == "error":
        error = json.loads(events[-1][1])
        raise RoundFailed(f"chat: error event {error.get('code')}", error.get("message", ""))
    if not events or events[-1][0] != "done":
        raise RoundFailed("chat: stream ended without done")


async def one_round(client: httpx.AsyncClient, headers: dict[str, str], result: LoadResult) -> None:
    """Start a conversation, stream the draft, then the bare stream and ``/health``."""
    timings: dict[str, Response] = {}
    timings["start"] = await _request(
        client, "start", "POST", "/api/conversations", json={"priority": PRIORITY}, headers=headers
    )
    conversation = json.loads(timings["start"].body)["id"]
    timings["chat"] = chat = await _request(
        client,
        "chat",
        "POST",
        f"/api/conversations/{conversation}/messages",
        json={"content": ACCOUNT},
        headers=headers,
    )
    events = sse_events(chat.body)
    _check_chat(events)
    size = sum(len(data) for _, data in events) // len(events)
    timings["bare"] = await _request(
        client, "bare", "POST", "/bench/bare-sse", json={"events": len(events), "size": size}
    )
    timings["health"] = await _request(client, "health", "GET", "/health")
    result.completed += 1
    for name, timing in timings.items():
        result.samples[name].first_byte.append(timing.first_byte)
        result.samples[name].total.append(timing.total)


async def _client_loop(
    client: httpx.AsyncClient, headers: dict[str, str], deadline: float, result: LoadResult
) -> None:
    while time.perf_counter() < deadline:
        try:
            await one_round(client, headers, result)
        except RoundFailed as failed:
            result.errors[failed.kind] += 1
            result.examples.setdefault(failed.kind, failed.detail)
            await asyncio.sleep(0.05)  # a failing server is not hammered in a tight loop


async def generate_load(base_url: str, key: str, streams: int, seconds: float) -> LoadResult:
    """``streams`` clients run rounds until ``seconds`` have passed; rounds under way finish.

    One untimed round first warms the server up (prompt templates load at first use).
    """
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=streams * 2, max_keepalive_connections=streams * 2)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
        await one_round(client, headers, LoadResult(1, 0))
        result = LoadResult(streams, 0)
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(
            *(_client_loop(client, headers, deadline, result) for _ in range(streams))
        )
        result.elapsed = time.perf_counter() - started
    return result


def run_load(base_url: str, key: str, streams: int, seconds: float) -> LoadResult:
    return asyncio.run(generate_load(base_url, key, streams, seconds))
