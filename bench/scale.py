"""Time to a story draft for 1, 2 and 4 leaders at once, in process and on one and two model
servers; and the service's own time around each model call.

    python -m bench.scale [--leaders 1,2,4] [--servers inprocess,1,2] [--rounds N]
                          [--calls 4] [--json FILE] [--smoke]

Issue 13, point 5. For each deployment a real ``storycoach serve`` runs in its own process
over one data folder made for the run (the demo corpus ingested with the real embedder, one
leader key per leader; the model weights linked in from ``$STORYCOACH_DATA_DIR/models`` or
``data/models``, so they are assembled at most once):

- ``inprocess``: the web process holds the embedded model (the default settings);
- ``1``: one ``storycoach llm serve``; the web process reaches it as ``openai/...``;
- ``2``: two ``llm serve`` processes, load-balanced by litellm's Router over the
  ``model_api_base`` list, and ``model_slots`` 2 so the web process runs two jobs at once.

Each ``llm serve`` gets ``cores / servers`` llama.cpp threads (``STORYCOACH_LLM_THREADS``), so
two servers share the cores instead of fighting over them. Between each ``model_api_base``
address and its server sits ``bench.scale_proxy``, a recording hop that times every model call.

Then N leaders (1, 2, 4) at once, each with their own key, go the product's way to a draft
(``bench.scale_client``): the interview, then their account, real answers from the
generation cases, English and Dutch in turn. Timed: first request to the draft's ``done``.
Rounds: 3 for one leader, 1 for 2 and for 4 (``--rounds`` sets all), so 9 drafts per
deployment, to keep the run affordable on 2 cores: the whole run took 10 minutes there
(2026-11-30; budgeted for up to ~35 with slower drafts).
Printed per (deployment, leaders): p50/p95 beside the one-leader p50 of the same deployment in
the same run (the reference; one leader is always measured first), their ratio, and drafts per
minute. With one leader on model servers, a draft's model calls are known from the proxy, so
the table also gives the service's time per model call on the story path.

The service's overhead per model call: on one model server (after its drafts), ``--calls``
``/v1/chat/completions`` requests through the service (a chat of one message, the priority:
the interview, several model calls), minus the time their model calls took at the proxy,
divided by their number; beside the same calls' bodies replayed straight at the bare server
with httpx (the reference: the model's own time for exactly those calls). The difference is
retrieval, prompts, checks, the queue, HTTP and litellm: what the service adds.

What a 2-core machine can and cannot show: llama.cpp already uses both cores for one job, so
two servers on 2 cores (one thread each) cannot draft faster than one: the two-server figure
shows the Router's spread and the queueing with it, and that nothing is lost on the way. Two
servers pay on a machine with cores (or GPUs) to give each server its own. Several leaders on
one model wait their turn: time to draft grows with the number of leaders, drafts per minute
does not.

``--smoke`` runs the plumbing in seconds without the LLM: in process ``bench.load_server``
(the instant model, the hashing embedder), and for model servers the proxies answer
instantly themselves instead of forwarding to ``llm serve``. Its figures mean nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from bench.load import free_port
from bench.scale_client import (
    cases_for_round,
    gateway_calls,
    leader_cases,
    leaders_at_once,
    model_time,
    recorded_calls,
    replay,
    warm_up,
)
from bench.scale_processes import (
    SERVED,
    BenchData,
    ProcessGroups,
    environment,
    prepare_data,
    smoke_server,
    wait_until_up,
)
from bench.scale_report import (
    DeploymentResult,
    LeadersResult,
    Overhead,
    as_json,
    draft_table,
    overhead_table,
)
from bench.timing import machine

console = Console(width=150)
DEFAULT_ROUNDS = {1: 3, 2: 1, 4: 1}
"""Rounds per number of leaders: enough for a reference, affordable on 2 cores."""
LABELS = {
    "inprocess": "in process",
    "1": "1 llm serve",
    "2": "2 llm serve, Router",
}


@dataclass(frozen=True)
class Target:
    """A deployment that is up: the web address, the leaders' keys, the model servers."""

    url: str
    keys: list[str]
    proxies: list[str] = field(default_factory=list)
    model_servers: list[str] = field(default_factory=list)


def servers_of(name: str) -> int:
    return 0 if name == "inprocess" else int(name)


def threads_for(servers: int, cores: int | None = None) -> int:
    """llama.cpp threads per model process: the cores shared out, at least one."""
    return max(1, (cores or os.cpu_count() or 1) // max(1, servers))


def rounds_for(leaders: int, override: int | None) -> int:
    return override if override else DEFAULT_ROUNDS.get(leaders, 1)


def parse_list(text: str, allowed: set[str] | None = None) -> list[str]:
    items = [item.strip() for item in text.split(",") if item.strip()]
    if allowed is not None and (unknown := set(items) - allowed):
        raise argparse.ArgumentTypeError(f"unknown: {', '.join(sorted(unknown))}")
    return items


@contextmanager
def deployed(
    name: str, folder: Path, data: BenchData | None, leaders: int, smoke: bool
) -> Iterator[Target]:
    """The deployment ``name`` up, until the block ends; then every process of it stopped."""
    servers = servers_of(name)
    logs = folder / f"logs-{name}"
    logs.mkdir()
    python = sys.executable
    with ProcessGroups(logs) as groups:
        if servers == 0 and smoke:
            url, keys = smoke_server(groups, folder / "smoke-inprocess", leaders)
            yield Target(url, keys)
            return
        assert data is not None
        settings: dict[str, str] = {}
        proxies: list[str] = []
        model_servers: list[str] = []
        for number in range(1, servers + 1):
            proxy_port = free_port()
            if smoke:
                upstream = ["--instant"]
            else:
                llm_port = free_port()
                env = environment(data.folder, llm_threads=str(threads_for(servers)))
                command = ["-m", "service.cli", "llm", "serve", "--port", str(llm_port)]
                model = groups.start(f"llm-{number}", [python, *command, "--model", SERVED], env)
                model_servers.append(f"http://127.0.0.1:{llm_port}")
                wait_until_up(f"{model_servers[-1]}/v1/models", model, 900)
                upstream = ["--upstream", model_servers[-1]]
            proxy = groups.start(
                f"proxy-{number}",
                [python, "-m", "bench.scale_proxy", "--port", str(proxy_port), *upstream],
                environment(data.folder),
            )
            proxies.append(f"http://127.0.0.1:{proxy_port}")
            wait_until_up(f"{proxies[-1]}/_bench/calls", proxy, 60)
        if servers:
            settings = {
                "model": f"openai/{SERVED}",
                "model_api_base": json.dumps([f"{p}/v1" for p in proxies]),
                "model_slots": str(servers),
            }
        web_port = free_port()
        web = groups.start(
            "web",
            [python, "-m", "service.cli", "serve", "--port", str(web_port)],
            environment(data.folder, **settings),
        )
        url = f"http://127.0.0.1:{web_port}"
        wait_until_up(f"{url}/health", web, 300)
        yield Target(url, data.keys, proxies, model_servers)


def measure_leaders(target: Target, leaders: int, rounds: int) -> LeadersResult:
    cases = leader_cases()
    found = LeadersResult(leaders, rounds)
    for round_ in range(rounds):
        clock = time.perf_counter()
        at_once = cases_for_round(cases, leaders, round_)
        drafts, failures = asyncio.run(leaders_at_once(target.url, target.keys[:leaders], at_once))
        found.wall_seconds += time.perf_counter() - clock
        found.drafts += drafts
        found.failures += failures
        for failure in failures:
            console.print(f"  [red]failed[/]: {failure[:300]}")
        times = ", ".join(f"{d.seconds:.1f} s ({d.language})" for d in drafts)
        console.print(f"  {leaders} leader(s), round {round_ + 1}/{rounds}: {times}")
    if leaders == 1 and target.proxies:
        calls = recorded_calls(target.proxies)
        found.model = [model_time(calls, d.started, d.started + d.seconds) for d in found.drafts]
    return found


def measure_overhead(target: Target, count: int, smoke: bool) -> Overhead:
    case = leader_cases()[0]
    done = gateway_calls(target.url, target.keys[0], case, count)
    calls = recorded_calls(target.proxies)
    inside = [model_time(calls, c.started, c.ended) for c in done]
    bodies = [
        str(call["body"])
        for call in calls
        if any(c.started <= float(str(call["started"])) <= c.ended for c in done)
    ]
    servers = target.proxies if smoke else target.model_servers
    return Overhead(
        requests=[c.seconds for c in done],
        model_seconds=[m.seconds for m in inside],
        calls_per_request=[m.calls for m in inside],
        proxied=[s for m in inside for s in m.samples],
        direct=replay(servers[0], bodies),
    )


def run(args: argparse.Namespace, folder: Path) -> list[DeploymentResult]:
    leaders = sorted({1, *(int(n) for n in args.leaders)})  # one leader: the reference
    real_servers = [s for s in args.servers if s != "inprocess"]
    data = None
    if real_servers or not args.smoke:
        console.print("preparing the data folder (ingest with the real embedder, keys)...")
        data = prepare_data(folder / "data", max(leaders))
    overhead_on = "1" if "1" in args.servers else (real_servers[0] if real_servers else None)
    results = []
    for name in args.servers:
        servers = servers_of(name)
        label = LABELS.get(name, f"{name} llm serve, Router")
        result = DeploymentResult(name, label, servers, threads_for(servers))
        console.rule(f"{result.label}: {result.threads} thread(s) per model process")
        try:
            measure_deployment(result, args, folder, data, leaders, overhead=name == overhead_on)
        except Exception as exc:  # one deployment's failure must not lose the others' figures
            result.error = f"{type(exc).__name__}: {str(exc)[-1500:]}"
            console.print(f"  [red]deployment failed[/]: {result.error}")
        results.append(result)
    return results


def measure_deployment(
    result: DeploymentResult,
    args: argparse.Namespace,
    folder: Path,
    data: BenchData | None,
    leaders: list[int],
    overhead: bool,
) -> None:
    """Bring ``result``'s deployment up, measure it into ``result``, and stop it."""
    clock = time.perf_counter()
    with deployed(result.name, folder, data, max(leaders), args.smoke) as target:
        result.startup_seconds = time.perf_counter() - clock
        for server in target.model_servers:  # page each server's weights in
            replay(server, [json.dumps(WARM_UP_CALL)])
        result.warm_up_seconds = asyncio.run(warm_up(target.url, target.keys[0], leader_cases()[0]))
        console.print(
            f"  up in {result.startup_seconds:.0f} s, warm-up interview "
            f"{result.warm_up_seconds:.1f} s"
        )
        for count in leaders:
            result.by_leaders[count] = measure_leaders(
                target, count, rounds_for(count, args.rounds)
            )
        if overhead:
            result.overhead = measure_overhead(target, args.calls, args.smoke)
        if target.proxies:
            result.calls_per_server = [len(recorded_calls([p])) for p in target.proxies]
            console.print(f"  model calls per server: {result.calls_per_server}")


WARM_UP_CALL = {
    "model": SERVED,
    "messages": [{"role": "user", "content": "Say hello."}],
    "max_tokens": 4,
}


def main(argv: list[str] | None = None) -> list[DeploymentResult]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--leaders", type=parse_list, default=["1", "2", "4"])
    parser.add_argument(
        "--servers",
        type=lambda text: parse_list(text, set(LABELS)),
        default=["inprocess", "1", "2"],
    )
    parser.add_argument("--rounds", type=int, default=None, help="rounds for every N")
    parser.add_argument("--calls", type=int, default=4, help="/v1 requests for the overhead")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--smoke", action="store_true", help="the plumbing, no LLM")
    args = parser.parse_args(argv)
    started = datetime.now(UTC)
    clock = time.perf_counter()
    about = machine()
    console.print(f"[bold]machine[/]: {about}\n[bold]started[/]: {started:%Y-%m-%d %H:%M} UTC")
    with tempfile.TemporaryDirectory(prefix="storycoach-scale-") as folder:
        try:
            results = run(args, Path(folder))
        finally:
            if args.json:  # the processes' logs, beside the figures
                for logs in Path(folder).glob("logs-*"):
                    kept = args.json.with_name(f"{args.json.stem}-{logs.name}")
                    shutil.copytree(logs, kept, dirs_exist_ok=True)
    duration = time.perf_counter() - clock
    model = "instant model (smoke: the figures mean nothing)" if args.smoke else "real model"
    console.print(draft_table(results, f"Time to a story draft, {model} — {about}"))
    for result in results:
        if result.overhead is not None:
            console.print(overhead_table(result.overhead, result.label))
    console.print(f"[bold]run took[/] {duration / 60:.1f} min{' (smoke)' if args.smoke else ''}")
    if args.json:
        found = as_json(
            results,
            about,
            started=started.isoformat(timespec="seconds"),
            duration_seconds=round(duration, 1),
            smoke=args.smoke,
            leaders=args.leaders,
            servers=args.servers,
        )
        args.json.write_text(json.dumps(found, indent=2, default=str), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
