"""``storycoach eval ...``: measuring the product against labelled data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from service.knowledge import KnowledgeBase, load_corpus
from service.knowledge.embeddings import load_embedder
from service.knowledge.evaluation import evaluate, load_query_set
from service.knowledge.vector_store import VectorStore
from service.settings import get_settings

from . import calibration, eval_kinds, eval_meta, eval_parts, eval_run
from .output import errors_as_exit_codes, fail, out

app = typer.Typer(
    help="Evaluate retrieval and generation against labelled data.", no_args_is_help=True
)

EVAL_ORG = "retrieval-eval"
"""A separate organisation, so the eval never disturbs the demo organisation's index."""


@app.command()
def retrieval(
    queries: Annotated[Path, typer.Option(help="Labelled query set (YAML).")] = Path(
        "evals/retrieval/queries-v1.yaml"
    ),
    corpus: Annotated[Path | None, typer.Option(help="Corpus folder (default: the demo).")] = None,
    model: Annotated[
        list[str] | None, typer.Option(help="Embedding model to compare (repeat).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Recall@5, MRR and nDCG@5 of dense, BM25 and hybrid search, side by side."""
    settings = get_settings()
    with errors_as_exit_codes():
        query_set = load_query_set(queries)
        loaded = load_corpus(corpus or settings.corpus_dir)
        if not loaded.ok:
            problems = len(loaded.problems)
            fail(f"the corpus has {problems} problem(s); `storycoach ingest` lists them")
        languages = {d.id: d.meta.language for d in loaded.documents}
        store = VectorStore.open(settings)
        results = {}
        for name in model or [settings.embedding_model]:
            knowledge = KnowledgeBase(store, load_embedder(name))
            knowledge.ingest(EVAL_ORG, loaded.documents)
            results[name] = evaluate(knowledge, EVAL_ORG, query_set, languages)
    if as_json:
        payload = {
            "queries": str(queries),
            "version": query_set.version,
            "models": {m: [r.model_dump(mode="json") for r in rs] for m, rs in results.items()},
        }
        typer.echo(json.dumps(payload, indent=2))
        return
    table = Table(
        "model",
        "mode",
        "recall@5",
        "MRR",
        "nDCG@5",
        "cross-lingual R@5",
        "nl R@5",
        "en R@5",
        title=f"{queries} (v{query_set.version}, {len(query_set.queries)} queries)",
    )
    for name, reports in results.items():
        for report in reports:
            groups = report.by_group
            table.add_row(
                name,
                report.mode.value,
                f"{report.overall.recall_at_5:.3f}",
                f"{report.overall.mrr:.3f}",
                f"{report.overall.ndcg_at_5:.3f}",
                *(
                    f"{groups[g].recall_at_5:.3f}" if g in groups else "-"
                    for g in ("cross-lingual", "nl", "en")
                ),
            )
    out().print(table)


app.command(name="run")(eval_run.run)
app.command()(calibration.calibration)
app.command()(eval_meta.meta)
app.command(name="label-sheet")(eval_parts.sheet)
app.command(name="parts")(eval_parts.parts)
app.command(name="kinds")(eval_kinds.kinds)
