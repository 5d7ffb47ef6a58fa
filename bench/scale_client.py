"""The leaders of ``bench.scale``: each one's way to a story draft over the API, timed; and the
calls that measure the service's time around each model call.

A leader's journey is the product's own path: ``POST /api/conversations`` (the coach's
interview, model work) with a priority and a language, then ``POST .../messages`` with the
leader's account (the story job; SSE until ``done``, the draft). Priorities, languages and
accounts are real leaders' answers from the generation cases (``evals/cases``), English and
Dutch in turn.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.load_client import sse_events
from service.evaluation.cases import GenerationCase, load_generation_set
from service.http.schemas.openai import MODEL_ID

CASES_FILE = Path(__file__).resolve().parent.parent / "evals" / "cases" / "generation-v1.yaml"
CASE_IDS = (
    "gen-complaints-en-taxi-call",
    "gen-first-fix-nl-display",
    "gen-dealers-en-friday-email",
    "gen-complaints-nl-werkplaats-vragen",
)
"""English and Dutch in turn, four priorities; each account in the language it asks for."""


def leader_cases() -> list[GenerationCase]:
    by_id = {case.id: case for case in load_generation_set(CASES_FILE).cases}
    return [by_id[case_id] for case_id in CASE_IDS]


def cases_for_round(cases: list[GenerationCase], leaders: int, round_: int) -> list[GenerationCase]:
    """The cases of one round's ``leaders``, continuing the cycle where the last round ended,
    so rounds of one leader alternate languages as rounds of several do."""
    return [cases[(round_ * leaders + slot) % len(cases)] for slot in range(leaders)]


class JourneyFailed(Exception):
    """A request on a leader's way to a draft failed."""


@dataclass(frozen=True)
class Draft:
    """One leader's time to a story draft."""

    case: str
    language: str
    started: float
    """Unix time of the first request (to match the model calls a proxy saw)."""
    seconds: float
    """From the first request to the draft's ``done`` event."""
    interview_seconds: float
    queued_events: int
    """How often the chat reply told the leader its place in the model's queue."""
    words: int
    is_draft: bool
    """The reply is a story draft (not the coach asking for more)."""


@dataclass
class ModelTime:
    """The model calls made while one request (or one draft) ran, as the proxies saw them."""

    calls: int = 0
    seconds: float = 0.0
    samples: list[float] = field(default_factory=list)


async def journey(client: httpx.AsyncClient, key: str, case: GenerationCase) -> Draft:
    """One leader's way from a priority to a story draft."""
    headers = {"Authorization": f"Bearer {key}"}
    started, clock = time.time(), time.perf_counter()
    body = {"priority": case.priority, "language": case.language.value}
    answer = await client.post("/api/conversations", json=body, headers=headers)
    if answer.status_code != 201:
        raise JourneyFailed(f"interview: HTTP {answer.status_code} {answer.text[:300]}")
    interviewed = time.perf_counter() - clock
    reply = await client.post(
        f"/api/conversations/{answer.json()['id']}/messages",
        json={"content": case.account},
        headers=headers,
    )
    seconds = time.perf_counter() - clock
    if reply.status_code != 200:
        raise JourneyFailed(f"draft: HTTP {reply.status_code} {reply.text[:300]}")
    events = sse_events(reply.text)
    if not events or events[-1][0] != "done":
        raise JourneyFailed(f"draft: the stream ended with {events[-1:]!r}")
    draft = json.loads(events[-1][1])["message"]
    return Draft(
        case=case.id,
        language=case.language.value,
        started=started,
        seconds=seconds,
        interview_seconds=interviewed,
        queued_events=sum(name == "queued" for name, _ in events),
        words=len(str(draft.get("content", "")).split()),
        is_draft=bool(draft.get("is_draft")),
    )


async def leaders_at_once(
    url: str, keys: list[str], cases: list[GenerationCase]
) -> tuple[list[Draft], list[str]]:
    """Each leader (its own key) on its way to a draft, all at the same moment: the drafts,
    and what went wrong for the others."""
    async with httpx.AsyncClient(base_url=url, timeout=1800) as client:
        ways = (journey(client, key, case) for key, case in zip(keys, cases, strict=False))
        ended = await asyncio.gather(*ways, return_exceptions=True)
    drafts = [e for e in ended if isinstance(e, Draft)]
    failures = [f"{type(e).__name__}: {e}" for e in ended if not isinstance(e, Draft)]
    return drafts, failures


async def warm_up(url: str, key: str, case: GenerationCase) -> float:
    """One interview, untimed in the results: loads what a first request loads."""
    async with httpx.AsyncClient(base_url=url, timeout=1800) as client:
        clock = time.perf_counter()
        body = {"priority": case.priority, "language": case.language.value}
        answer = await client.post(
            "/api/conversations", json=body, headers={"Authorization": f"Bearer {key}"}
        )
        if answer.status_code != 201:
            raise JourneyFailed(f"warm-up: HTTP {answer.status_code} {answer.text[:300]}")
        return time.perf_counter() - clock


@dataclass(frozen=True)
class GatewayCall:
    """One ``/v1/chat/completions`` request through the service."""

    started: float
    ended: float
    seconds: float


def gateway_calls(url: str, key: str, case: GenerationCase, count: int) -> list[GatewayCall]:
    """``count`` requests to the service's OpenAI-compatible gateway, one after another: a
    chat of one message, the priority, answered with the interview's questions."""
    body = {
        "model": MODEL_ID,
        "messages": [{"role": "user", "content": case.priority}],
        "language": case.language.value,
    }
    headers = {"Authorization": f"Bearer {key}"}
    done = []
    with httpx.Client(base_url=url, timeout=900) as client:
        for _ in range(count):
            started, clock = time.time(), time.perf_counter()
            answer = client.post("/v1/chat/completions", json=body, headers=headers)
            seconds = time.perf_counter() - clock
            if answer.status_code != 200:
                raise JourneyFailed(f"/v1: HTTP {answer.status_code} {answer.text[:300]}")
            done.append(GatewayCall(started, time.time(), seconds))
    return done


def recorded_calls(proxies: list[str]) -> list[dict[str, object]]:
    """Every model call the proxies have seen, oldest first."""
    calls: list[dict[str, object]] = []
    for proxy in proxies:
        calls += httpx.get(f"{proxy}/_bench/calls", timeout=30).json()
    return sorted(calls, key=lambda call: float(str(call["started"])))


def model_time(calls: list[dict[str, object]], started: float, ended: float) -> ModelTime:
    """The calls that reached a proxy between ``started`` and ``ended`` (unix times)."""
    inside = [c for c in calls if started <= float(str(c["started"])) <= ended]
    samples = [float(str(c["seconds"])) for c in inside]
    return ModelTime(calls=len(inside), seconds=sum(samples), samples=samples)


def replay(server: str, bodies: list[str]) -> list[float]:
    """The same calls sent straight to a model server, one after another: seconds each."""
    found = []
    with httpx.Client(base_url=server, timeout=900) as client:
        for body in bodies:
            clock = time.perf_counter()
            answer = client.post(
                "/v1/chat/completions",
                content=body,
                headers={"Content-Type": "application/json"},
            )
            found.append(time.perf_counter() - clock)
            if answer.status_code != 200:
                raise JourneyFailed(f"replay: HTTP {answer.status_code} {answer.text[:300]}")
    return found
