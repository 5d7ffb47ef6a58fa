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
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.timing import machine, percentiles_ms, timed
from service.knowledge import KnowledgeBase, load_corpus
from service.knowledge.embeddings import load_embedder
from service.knowledge.languages import words
from service.knowledge.vector_store import VectorStore
from service.llm.completion import Completion
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
console = Console()
SENTENCE = "We answer every customer quickly and honestly, because waiting hurts them."


QUESTIONS = [
    "What would you do differently next time, and why?",
    "How did the customer feel while the complaint was waiting?",
    "Which habit of ours keeps customers waiting longest?",
    "What will you tell a new colleague about answering within a day?",
    "Where in your own week do complaints wait for no good reason?",
    "What did you notice the last time a customer thanked you?",
]


_FENCED = re.compile(r"<<<[A-Z_]+\n(.*?)\n>>>", re.S)
_CONCRETE = re.compile(r"\d|\s[A-Z][a-z]")


def _concrete_sentences(messages: list[dict[str, str]], count: int, turn: int, target: int) -> str:
    """First-person sentences with a detail, taken from the fenced material in the prompt.

    Steps refuse answers without a concrete detail or with names the material lacks; the
    material's own sentences pass, so the instant model stays on the jobs' normal path.
    """
    # The first fenced block is what the step is about (the story, the account): other
    # blocks (company values, earlier answers) may be in the other language.
    blocks = [f for m in messages for f in _FENCED.findall(m["content"])]
    fenced = blocks[0] if blocks else ""
    found = [
        s.strip()
        for s in re.split(r"(?<=[.!?])\s+|\n+", fenced)
        if _CONCRETE.search(s) and 6 <= len(s.split()) <= 30
    ]
    if not found:
        return SENTENCE
    start = turn % len(found)  # a different answer each step: repeats are refused
    text = "I remember this: " + " ".join((found * count)[start : start + count])
    tokens = text.split()
    # ``target`` words as the checks count them (not as str.split does).
    counts = (len(words(" ".join(tokens[:n]))) for n in range(1, len(tokens) + 1))
    end = next((n for n, total in enumerate(counts, 1) if total >= target), len(tokens))
    return " ".join(tokens[:end]).rstrip(",.;:") + "."


def _long_target(messages: list[dict[str, str]]) -> int:
    """How many words a long field asks for: the middle of "between A and B words"."""
    asked = re.search(r"between (\d+) and (\d+) words", messages[-1]["content"])
    if asked is None:
        asked = re.search(r"between (\d+) and (\d+) words", messages[1]["content"])
    return (int(asked.group(1)) + int(asked.group(2))) // 2 if asked else 30


LONG_FIELDS = frozenset({"why", "practice", "meet", "next_step"})
"""Fields that ask for two or three sentences (40 words or more)."""


def _value(
    name: str,
    schema: dict[str, Any],
    defs: dict[str, Any],
    turn: int = 0,
    plain: str = SENTENCE,
    long: str = SENTENCE,
) -> Any:
    if "$ref" in schema:
        return _value(name, defs[schema["$ref"].split("/")[-1]], defs, turn, plain, long)
    if "pattern" in schema:  # an opening chosen by code: "^Why[ ,][^...]+$"
        opening = schema["pattern"].removeprefix("^").split("[ ,]", 1)[0]
        return f"{opening} {QUESTIONS[turn % len(QUESTIONS)].split(' ', 1)[1]}"
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if schema.get("type") == "array":
        count = max(3, schema.get("minItems", 0))
        items = schema.get("items", {})
        return [_value(name, items, defs, turn + i, plain, long) for i in range(count)]
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        return {k: _value(k, v, defs, turn, plain, long) for k, v in properties.items()}
    if "question" in name or name in ("reflection", "recall"):
        return QUESTIONS[turn % len(QUESTIONS)]
    if name == "title":
        return "Waiting is the complaint"
    if name in ("objective", "verb_phrase"):
        return "explain why we answer complaints within one working day"
    return plain if name not in LONG_FIELDS else long


class InstantModel:
    """Answers at once with JSON that fits the asked schema."""

    name = "instant"

    def __init__(self) -> None:
        self.turn = 0

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Completion:
        self.turn += 1  # a different answer each step: repeats are refused by the checks
        schema = schema or {}
        plain = _concrete_sentences(messages, 1, self.turn, 30)
        long = _concrete_sentences(messages, 8, self.turn, _long_target(messages))
        text = json.dumps(_value("", schema, schema.get("$defs", {}), self.turn, plain, long))
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
    """All six jobs, each as the CLI runs it (a corpus story where a job needs one)."""
    from service.coach.critique import critique_story
    from service.coach.interview import interview
    from service.coach.lesson import make_lesson
    from service.coach.one_on_one import make_one_on_one
    from service.coach.questions import make_questions
    from service.coach.story import write_story
    from service.coach.story_source import load_story

    model = InstantModel()
    priority = "priority-complaints-one-day"
    account = (
        "Last March I ran customer service with a backlog of complaints. But I asked the team to "
        "work two weekends and told nobody why. So I stopped the overtime and we started a short "
        "huddle every morning. Since then most customers hear from us within a day. I learned "
        "that working longer hides the real problem."
    )
    story = load_story(knowledge, "bench", story_id="story-junior-error-logs")
    draft = f"# Logs\n\n{story.text}\n\nGoing forward, we will leverage these synergies."
    goal = "I want to find faults faster with the diagnostics app"
    role = "mechanic in the Utrecht workshop"
    return {
        "interview": lambda: interview(model, knowledge, "bench", priority),
        "story": lambda: write_story(model, knowledge, "bench", priority, account),
        "lesson": lambda: make_lesson(model, knowledge, "bench", story),
        "one-on-one": lambda: make_one_on_one(
            model, knowledge, "bench", story, goal=goal, role=role
        ),
        "questions": lambda: make_questions(model, knowledge, "bench", story),
        "critique": lambda: critique_story(model, knowledge, "bench", draft),
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
