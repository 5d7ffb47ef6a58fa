"""What ``bench.scale`` found, as figures, rich tables and JSON (pure functions, no processes)."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field

from rich.table import Table

from bench.scale_client import Draft, ModelTime
from bench.timing import percentiles_ms


@dataclass
class LeadersResult:
    """Every draft of the rounds with ``leaders`` leaders at once, in one deployment."""

    leaders: int
    rounds: int
    drafts: list[Draft] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    """The rounds' wall time, summed: the drafts per minute the deployment delivered."""
    model: list[ModelTime] = field(default_factory=list)
    """Per draft, the model calls made while it ran (one leader, model servers only)."""


@dataclass
class Overhead:
    """``/v1/chat/completions`` through the service, beside its model calls sent bare."""

    requests: list[float]
    """Wall seconds per request through the service."""
    model_seconds: list[float]
    """Per request, the seconds its model calls took (seen by the proxy)."""
    calls_per_request: list[int]
    proxied: list[float]
    """Seconds per model call, as the service made them (seen by the proxy)."""
    direct: list[float]
    """Seconds per model call, the same bodies sent straight to the model server."""

    def per_call_ms(self) -> list[float]:
        """Per request: (wall - time inside the model) / model calls, in ms."""
        return [
            1000 * (wall - inside) / max(1, calls)
            for wall, inside, calls in zip(
                self.requests, self.model_seconds, self.calls_per_request, strict=True
            )
        ]


@dataclass
class DeploymentResult:
    name: str
    label: str
    servers: int
    threads: int
    """llama.cpp threads per model process."""
    startup_seconds: float = 0.0
    warm_up_seconds: float = 0.0
    by_leaders: dict[int, LeadersResult] = field(default_factory=dict)
    overhead: Overhead | None = None
    calls_per_server: list[int] = field(default_factory=list)
    """Model calls each server answered in the deployment (the Router's spread)."""
    error: str | None = None
    """Why the deployment could not be measured (to the end)."""


def p50_p95_s(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 of samples in seconds, in seconds (``bench.timing``'s nearest rank)."""
    p50, p95 = percentiles_ms(samples)
    return p50 / 1000, p95 / 1000


def drafts_per_minute(result: LeadersResult) -> float:
    return 60 * len(result.drafts) / result.wall_seconds if result.wall_seconds else 0.0


def outside_model_ms(result: LeadersResult) -> float | None:
    """Median over drafts of (draft time - time inside the model) / model calls, or ``None``
    where the model calls of one draft cannot be told apart (in process, several leaders)."""
    per_call = [
        1000 * (draft.seconds - model.seconds) / model.calls
        for draft, model in zip(result.drafts, result.model, strict=False)
        if model.calls
    ]
    return statistics.median(per_call) if per_call else None


def summary(result: DeploymentResult) -> list[dict[str, object]]:
    """One row per number of leaders: p50/p95, the one-leader reference, ratio, rate."""
    alone = result.by_leaders.get(1)
    ref_p50 = p50_p95_s([d.seconds for d in alone.drafts])[0] if alone and alone.drafts else None
    rows: list[dict[str, object]] = []
    for leaders, found in sorted(result.by_leaders.items()):
        seconds = [d.seconds for d in found.drafts]
        p50, p95 = p50_p95_s(seconds) if seconds else (None, None)
        rows.append(
            {
                "deployment": result.name,
                "leaders": leaders,
                "rounds": found.rounds,
                "drafts": len(found.drafts),
                "failures": len(found.failures),
                "not_drafts": sum(not d.is_draft for d in found.drafts),
                "p50_s": p50,
                "p95_s": p95,
                "reference_p50_s": ref_p50,
                "ratio_p50": p50 / ref_p50 if p50 and ref_p50 else None,
                "drafts_per_minute": drafts_per_minute(found),
                "queued_events": sum(d.queued_events for d in found.drafts),
                "outside_model_ms_per_call": outside_model_ms(found),
            }
        )
    return rows


def _s(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else "-"


def draft_table(results: list[DeploymentResult], title: str) -> Table:
    table = Table(
        "deployment",
        "threads each",
        "leaders at once",
        "drafts",
        "to draft p50 / p95 (s)",
        "1 leader p50 (s)",
        "ratio p50",
        "drafts / min",
        "service per model call (ms)",
        title=title,
        caption="1 leader p50: one leader alone on the same deployment, in the same run (the "
        "reference); ratio = p50 / reference. Service per model call: (draft time - time "
        "inside the model) / model calls, one leader, model servers only.",
    )
    for result in results:
        for row in summary(result):
            failed = f" ({row['failures']} failed)" if row["failures"] else ""
            ratio = row["ratio_p50"]
            outside = row["outside_model_ms_per_call"]
            table.add_row(
                result.label,
                str(result.threads),
                str(row["leaders"]),
                f"{row['drafts']}{failed}",
                f"{_s(row['p50_s'])} / {_s(row['p95_s'])}",
                _s(row["reference_p50_s"]),
                f"{ratio:.2f}" if isinstance(ratio, float) else "-",
                f"{row['drafts_per_minute']:.2f}",
                f"{outside:.0f}" if isinstance(outside, float) else "-",
            )
        if result.error:
            table.add_row(result.label, str(result.threads), "-", f"failed: {result.error[:200]}")
    return table


def overhead_table(overhead: Overhead, label: str) -> Table:
    table = Table(
        "what",
        "samples",
        "p50 / p95 (ms)",
        title=f"The service's time around each model call ({label})",
    )
    per_call = overhead.per_call_ms()
    rows = [
        ("bare model server: the same calls sent straight to it", overhead.direct),
        ("model calls as the service made them (seen by the proxy)", overhead.proxied),
        ("service: /v1/chat/completions request, wall", overhead.requests),
        ("service: request wall - its model calls", _minus(overhead)),
    ]
    for what, samples in rows:
        p50, p95 = percentiles_ms(samples) if samples else (float("nan"), float("nan"))
        table.add_row(what, str(len(samples)), f"{p50:.1f} / {p95:.1f}")
    if per_call:
        p50, p95 = percentiles_ms([ms / 1000 for ms in per_call])
        calls = statistics.median(overhead.calls_per_request)
        table.add_row(
            f"[bold]service overhead per model call[/] ({calls:.0f} calls a request)",
            str(len(per_call)),
            f"[bold]{p50:.1f} / {p95:.1f}[/]",
        )
    if overhead.direct and overhead.proxied:
        added = percentiles_ms(overhead.proxied)[0] - percentiles_ms(overhead.direct)[0]
        table.add_row("model call via the service's path - bare, p50", "", f"{added:.1f}")
    return table


def _minus(overhead: Overhead) -> list[float]:
    return [w - m for w, m in zip(overhead.requests, overhead.model_seconds, strict=True)]


def as_json(results: list[DeploymentResult], machine: str, **run: object) -> dict[str, object]:
    """Everything measured, with the summary rows, for ``--json``."""
    deployments = []
    for result in results:
        found = asdict(result)
        found["summary"] = summary(result)
        if result.overhead is not None:
            per_call = result.overhead.per_call_ms()
            found["overhead"]["per_call_ms_p50_p95"] = (
                percentiles_ms([ms / 1000 for ms in per_call]) if per_call else None
            )
        deployments.append(found)
    return {"machine": machine, **run, "deployments": deployments}
