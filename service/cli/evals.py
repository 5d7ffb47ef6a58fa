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
from service.quality import load_rubrics
from service.settings import get_settings

from . import calibration, eval_run
from .output import HAD_PROBLEMS, errors_as_exit_codes, fail, out

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


@app.command()
def meta(
    labelled: Annotated[Path, typer.Option(help="Labelled documents (YAML).")] = eval_run.EVALS
    / "cases"
    / "labelled-v2.yaml",
    save_baseline: Annotated[
        bool, typer.Option("--save-baseline", help="Save the agreement as the baseline.")
    ] = False,
) -> None:
    """The rubric engine's deterministic checks against hand labels, held to their baseline."""
    from service.evaluation.baseline import (
        AgreementBaseline,
        agreement_baseline,
        compare_agreement,
        read_baseline,
        write_baseline,
    )
    from service.evaluation.cases import load_labelled_set
    from service.evaluation.meta import agreement_rows, meta_evaluate

    baseline_path = eval_run.BASELINES / f"{labelled.stem}.json"
    with errors_as_exit_codes():
        rubrics = load_rubrics(get_settings().rubrics_dir)
        rows = agreement_rows(meta_evaluate(load_labelled_set(labelled), rubrics))
        saved = read_baseline(baseline_path, AgreementBaseline) if baseline_path.is_file() else None
    table = Table("criterion", "agreement", "documents", "baseline", "disagreements")
    previous = saved.agreement if saved is not None else {}
    for row in rows:
        before = f"{previous[row.key]:.2f}" if row.key in previous else "-"
        table.add_row(
            row.key, f"{row.agreement:.2f}", str(row.count), before, ", ".join(row.misses)
        )
    out().print(table)
    if not rows:
        # An empty table is not agreement: no label names a deterministic criterion.
        fail(
            f"nothing was compared: no label in {labelled} names a deterministic criterion",
            code=HAD_PROBLEMS,
        )
    if save_baseline:
        write_baseline(baseline_path, agreement_baseline(rows, labelled.name))
        out().print(f"baseline saved: {baseline_path}", highlight=False)
        return
    if saved is None:
        out().print(f"no baseline at {baseline_path}; save one with --save-baseline")
        return
    gate = compare_agreement(rows, saved)
    for line in [*gate.failures, *(f"{c.name}: dropped" for c in gate.checks if not c.passed)]:
        out().print(f"[red]{line}[/]", highlight=False)
    if not gate.passed:
        raise typer.Exit(HAD_PROBLEMS)
    out().print(f"{len(gate.checks)} criteria compared with {baseline_path.name}: none dropped")
