"""The coach's own overhead per job, with a model that answers instantly.

    python -m bench.coach [--runs 30]

Everything but the model is real: the embedding model and Chroma for retrieval, prompt
rendering, schema validation, the checks and the Markdown assembly. The instant model answers
each step with valid JSON built from the step's schema, so what is timed is StoryCoach itself.
Target: p50 <= 30 ms per job. Printed beside it: one hybrid search, the reference floor of
every job (each job retrieves at least once).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.timing import machine, percentiles_ms, timed
from service.knowledge import KnowledgeBase, load_corpus
from service.knowledge.embeddings import load_embedder
from service.knowledge.vector_store import VectorStore
from service.llm.completion import Completion
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
console = Console()
SENTENCE = "We answer every customer quickly and honestly, because waiting hurts them."
QUESTION = "What would you do differently next time, and why?"


def _value(name: str, schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    if "$ref" in schema:
        return _value(name, defs[schema["$ref"].split("/")[-1]], defs)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if schema.get("type") == "array":
        return [_value(name, schema.get("items", {}), defs)] * max(3, schema.get("minItems", 0))
    if schema.get("type") == "object":
        return {k: _value(k, v, defs) for k, v in schema.get("properties", {}).items()}
    if "question" in name or name in ("reflection", "recall"):
        return QUESTION
    if name == "title":
        return "Waiting is the complaint"
    if name in ("objective", "verb_phrase"):
        return "explain why we answer complaints within one working day"
    return SENTENCE


class InstantModel:
    """Answers at once with JSON that fits the asked schema."""

    name = "instant"

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Completion:
        text = json.dumps(_value("", schema or {}, (schema or {}).get("$defs", {})))
        return Completion(text=text, model=self.name, prompt_tokens=0, completion_tokens=0)

    def stream(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Iterator[str]:
        yield self.complete(messages, schema=schema).text


def jobs(knowledge: KnowledgeBase) -> dict[str, Callable[[], object]]:
    from service.coach.interview import interview
    from service.coach.story import write_story

    model = InstantModel()
    account = (
        "Last March I ran customer service with a backlog of complaints. But I asked the team to "
        "work two weekends and told nobody why. So I stopped the overtime and we started a short "
        "huddle every morning. Since then most customers hear from us within a day. I learned "
        "that working longer hides the real problem."
    )
    return {
        "interview": lambda: interview(model, knowledge, "bench", "priority-complaints-one-day"),
        "story": lambda: write_story(
            model, knowledge, "bench", "priority-complaints-one-day", account
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data))
        knowledge = KnowledgeBase(
            VectorStore.open(settings), load_embedder(settings.embedding_model)
        )
        knowledge.ingest("bench", load_corpus(ROOT / "corpus").documents)
        console.print(f"[bold]machine[/]: {machine()}")
        knowledge.search("bench", "warm up")
        search = [
            timed(lambda: knowledge.search("bench", "complaints answered fast"))[1]
            for _ in range(args.runs)
        ]
        table = Table(
            "job",
            "ours p50 / p95 (ms)",
            "one search p50 (ms)",
            "target p50",
            title="Coach overhead per job, instant model",
        )
        s50, _ = percentiles_ms(search)
        for name, job in jobs(knowledge).items():
            job()  # warm-up: prompt templates load once
            samples = [timed(job)[1] for _ in range(args.runs)]
            p50, p95 = percentiles_ms(samples)
            table.add_row(
                name,
                f"{p50:.1f} / {p95:.1f}",
                f"{s50:.1f}",
                f"<= 30 {'ok' if p50 <= 30 else 'OVER'}",
            )
    console.print(table)


if __name__ == "__main__":
    main()
