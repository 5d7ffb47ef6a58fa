"""Embedded-model decode speed through the gateway (litellm) beside llama.cpp called directly.

    python -m bench.llm [--tokens 128] [--rounds 3]

Both run in one process on the same loaded model, the same prompt and greedy decoding, one
after the other, so the only difference is the path: our gateway -> litellm Router ->
custom provider -> llama.cpp, against llama-cpp-python's own stream. Target: ratio >= 0.9.
Time to first token is printed too (budget: <= 3 s for a short prompt).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from bench.timing import machine
from service.settings import Settings

console = Console()
PROMPT = [
    {"role": "system", "content": "You are a coach for leaders. Answer in plain English."},
    {
        "role": "user",
        "content": "A team lead promised a dealer forty bikes by Friday and they arrived on "
        "Tuesday. Write a short paragraph on what a leader can learn from this.",
    },
]


def _speed(pieces: Iterable[str]) -> tuple[float, float, int]:
    """(seconds to first piece, pieces per second after the first, pieces)."""
    started = time.perf_counter()
    first = last = 0.0
    count = 0
    for piece in pieces:
        now = time.perf_counter()
        if not piece:
            continue
        count += 1
        if count == 1:
            first = now - started
        last = now - started
    rate = (count - 1) / (last - first) if count > 1 and last > first else 0.0
    return first, rate, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from service.llm.gateway import embedded_model, open_gateway

    settings = Settings()  # STORYCOACH_DATA_DIR holds the assembled weights
    gateway = open_gateway(settings)
    local = embedded_model(settings)
    console.print(f"[bold]machine[/]: {machine()}\n[bold]model[/]: {local.path.name}")

    def direct() -> Iterable[str]:
        for chunk in local.llama.create_chat_completion(
            messages=PROMPT, stream=True, max_tokens=args.tokens, temperature=0.0, seed=1
        ):
            yield chunk["choices"][0]["delta"].get("content") or ""

    def through_gateway() -> Iterable[str]:
        return gateway.stream(PROMPT, max_tokens=args.tokens, temperature=0.0)

    _speed(direct())  # warm-up: page in the weights, fill caches
    rows: dict[str, list[tuple[float, float, int]]] = {"llama.cpp direct": [], "gateway": []}
    for _ in range(args.rounds):
        local.llama.reset()  # no prompt-cache advantage for either path
        rows["llama.cpp direct"].append(_speed(direct()))
        local.llama.reset()
        rows["gateway"].append(_speed(through_gateway()))
    table = Table("path", "first token (s)", "decode pieces/s", "pieces", title="Decode speed")
    medians = {}
    for name, runs in rows.items():
        medians[name] = statistics.median(r[1] for r in runs)
        table.add_row(
            name,
            f"{statistics.median(r[0] for r in runs):.2f}",
            f"{medians[name]:.2f}",
            f"{statistics.median(r[2] for r in runs):.0f}",
        )
    console.print(table)
    ratio = medians["gateway"] / medians["llama.cpp direct"]
    console.print(f"gateway / direct = {ratio:.3f} (target >= 0.9)")


if __name__ == "__main__":
    main()
