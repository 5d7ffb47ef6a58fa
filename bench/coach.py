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
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.timing import machine, percentiles_ms, timed
from service.knowledge import KnowledgeBase, load_corpus
from service.knowledge.embeddings import load_embedder
from service.knowledge.vector_store import VectorStore
from service.settings import Settings
from service.testing import InstantModel

ROOT = Path(__file__).resolve().parent.parent
console = Console()


def jobs(knowledge: KnowledgeBase) -> dict[str, Callable[[], object]]:
    """All six jobs, each as the CLI runs it (a corpus story where a job needs one), through
    the coach's registry."""
    from service.coach import (
        JOBS,
        CritiqueInput,
        InterviewInput,
        JobName,
        LessonInput,
        OneOnOneInput,
        QuestionsInput,
        StoryInput,
    )
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
    given: dict[JobName, object] = {
        JobName.INTERVIEW: InterviewInput(priority),
        JobName.STORY: StoryInput(priority, account),
        JobName.LESSON: LessonInput(story),
        JobName.ONE_ON_ONE: OneOnOneInput(story, goal=goal, role=role),
        JobName.QUESTIONS: QuestionsInput(story),
        JobName.CRITIQUE: CritiqueInput(draft),
    }
    return {
        name.value: partial(JOBS[name].run, model, knowledge, "bench", value)
        for name, value in given.items()
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
