"""Prompt tokens llama.cpp evaluates per job, with the KV cache's prefix reuse and without.

    python -m bench.prompt_reuse [--cases 2]

Every candidate of a step is the step's prompt unchanged plus a short reminder at the end
(``coach.steps.candidate_messages``), so llama.cpp can keep the evaluated prefix and a
candidate costs its decoding, not a re-reading of the story. This runs the story and the
lesson of the first generation cases (one English, one Dutch, by default) twice in one
process on the same loaded model: once as the product runs, once with the cache cleared
before every call (the reference: what each call would cost read from scratch). Decoding
is greedy, so both runs make the same calls. llama.cpp's own counters give the prompt
tokens evaluated and the time spent on them.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from bench.timing import machine
from service.settings import Settings

console = Console()
CASES = Path(__file__).resolve().parents[1] / "evals" / "cases" / "generation-v1.yaml"


@contextmanager
def cache_cleared_before_each_call(clear: bool) -> Iterator[None]:
    """With ``clear``, every chat call starts from an empty KV cache (no prefix reuse)."""
    from service.llm.embedded import LocalModel

    chat, stream = LocalModel.chat, LocalModel.chat_stream

    def cleared_chat(self: LocalModel, messages: Any, **params: Any) -> Any:
        self.llama.reset()
        return chat(self, messages, **params)

    def cleared_stream(self: LocalModel, messages: Any, **params: Any) -> Any:
        self.llama.reset()
        return stream(self, messages, **params)

    if clear:
        LocalModel.chat, LocalModel.chat_stream = cleared_chat, cleared_stream  # type: ignore[method-assign]
    try:
        yield
    finally:
        LocalModel.chat, LocalModel.chat_stream = chat, stream  # type: ignore[method-assign]


def prompt_counters() -> tuple[int, float]:
    """(prompt tokens evaluated, milliseconds spent on them) since the counters were reset."""
    import llama_cpp

    from service.llm.gateway import _loaded_providers

    total_tokens, total_ms = 0, 0.0
    for provider in _loaded_providers():
        for local in provider.loaded():
            data = llama_cpp.llama_perf_context(local.llama.ctx)
            total_tokens += int(data.n_p_eval)
            total_ms += float(data.t_p_eval_ms)
    return total_tokens, total_ms


def reset_counters() -> None:
    import llama_cpp

    from service.llm.gateway import _loaded_providers

    for provider in _loaded_providers():
        for local in provider.loaded():
            llama_cpp.llama_perf_context_reset(local.llama.ctx)


def run_jobs(jobs: list[Callable[[], Any]]) -> tuple[int, float, float, int]:
    """(prompt tokens evaluated, prompt ms, wall seconds, model calls) for ``jobs``."""
    reset_counters()
    started = time.perf_counter()
    calls = sum(job() for job in jobs)
    tokens, ms = prompt_counters()
    return tokens, ms, time.perf_counter() - started, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2)
    args = parser.parse_args()

    from service.coach.lesson import make_lesson
    from service.coach.opening import open_chat_model, release_models
    from service.coach.story import write_story
    from service.coach.story_source import StorySource
    from service.knowledge import KnowledgeBase
    from service.vocabulary import Language

    settings = Settings()  # STORYCOACH_DATA_DIR: an ingested demo corpus and the weights
    knowledge = KnowledgeBase.open(settings)
    model = open_chat_model(settings)
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    english = [c for c in cases if c["language"] == "en"]
    dutch = [c for c in cases if c["language"] == "nl"]
    chosen = [c for pair in zip(english, dutch, strict=False) for c in pair][: args.cases]

    def story_and_lesson(case: dict[str, Any]) -> Callable[[], int]:
        def job() -> int:
            language = Language(case["language"])
            story = write_story(
                model, knowledge, "demo", case["priority"], case["account"], language=language
            )
            body = story.text.removeprefix(f"# {story.title}").strip()
            source = StorySource(None, story.title, body, story.language, tuple(story.values))
            lesson = make_lesson(model, knowledge, "demo", source, language=language)
            return story.meta.calls + lesson.meta.calls

        return job

    jobs = [story_and_lesson(c) for c in chosen]
    jobs[0]()  # load the weights outside the measurement
    try:
        with cache_cleared_before_each_call(True):
            cold = run_jobs(jobs)
        with cache_cleared_before_each_call(False):
            warm = run_jobs(jobs)
    finally:
        release_models()

    table = Table(title=f"Prompt tokens evaluated, story + lesson, {len(jobs)} cases — {machine()}")
    for column in ("run", "prompt tokens evaluated", "prompt eval s", "wall s", "model calls"):
        table.add_column(column)
    for name, (tokens, ms, wall, calls) in (
        ("ours: prefix kept (KV cache)", warm),
        ("reference: cache cleared per call", cold),
    ):
        table.add_row(name, str(tokens), f"{ms / 1000:.1f}", f"{wall:.1f}", str(calls))
    console.print(table)
    saved = 1 - warm[0] / cold[0] if cold[0] else 0.0
    console.print(f"prompt tokens evaluated: {saved:.0%} fewer with the prefix kept")


if __name__ == "__main__":
    main()
