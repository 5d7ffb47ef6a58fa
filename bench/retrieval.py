"""Ingest throughput and search latency, each beside its reference, in one run.

    python -m bench.retrieval [--sizes 1000,10000,100000] [--queries 60]

1. Ingest: chunks/s of a first ingest of the demo corpus (into a fresh organisation) beside the
   embedding model's raw chunks/s on the same texts, in alternating rounds, medians (target:
   ours >= 85 % of raw); re-ingest speed-up (target >= 20x).
2. Search: p50/p95 of hybrid search at each size, beside the query-embedding time and a raw
   Chroma query on the same collection (target: p95 <= query embedding p95 + 25 ms at 100k).
   Synthetic chunks reuse the demo corpus's texts and perturbed copies of their real vectors,
   so 100k chunks load in minutes without embedding 100k texts.
3. Peak memory (max RSS of this process) after the largest size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

import numpy as np
import yaml
from rich.console import Console
from rich.table import Table

from bench.timing import machine, peak_rss_mib, percentiles_ms, timed
from service.knowledge import KnowledgeBase, load_corpus
from service.knowledge.chunking import chunk_document
from service.knowledge.embeddings import load_embedder
from service.knowledge.search import search_depth
from service.knowledge.vector_store import VectorStore
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
console = Console()


def bench_ingest(
    knowledge: KnowledgeBase, corpus: Path, rounds: int = 5, copies: int = 1
) -> dict[str, float]:
    """Raw embedding and a first ingest (into a fresh organisation) take turns, ``rounds``
    times each, so both see the same machine; each figure is its median round. With
    ``copies``, the corpus is ingested that many times over as distinct documents, so the
    fixed cost of an ingest (opening the collection, marking the write) weighs less."""
    documents = [
        d.model_copy(update={"meta": d.meta.model_copy(update={"id": f"{d.id}-{n}"})})
        for n in range(copies)
        for d in load_corpus(corpus).documents
    ]
    texts = [c.text for d in documents for c in chunk_document(d)]
    embedder = knowledge.embedder
    embedder.embed_passages(texts[:32])  # warm-up: lazy weights, BLAS threads
    raw_seconds, first_seconds = [], []
    for round_ in range(rounds):
        raw_seconds.append(
            timed(
                lambda: [
                    embedder.embed_passages(texts[i : i + 32]) for i in range(0, len(texts), 32)
                ]
            )[1]
        )
        first, seconds = timed(
            lambda r=round_: knowledge.ingest(f"bench-ingest-{copies}-{r}", documents)
        )
        assert first.embedded == len(texts)
        first_seconds.append(seconds)
    second, second_seconds = timed(lambda: knowledge.ingest(f"bench-ingest-{copies}-0", documents))
    assert second.embedded == 0
    raw = len(texts) / statistics.median(raw_seconds)
    ours = len(texts) / statistics.median(first_seconds)
    return {
        "chunks": len(texts),
        "copies": copies,
        "rounds": rounds,
        "raw_chunks_per_s": raw,
        "ingest_chunks_per_s": ours,
        "ratio": ours / raw,
        "first_s": statistics.median(first_seconds),
        "reingest_s": second_seconds,
        "speedup": statistics.median(first_seconds) / second_seconds,
    }


def bench_search(
    knowledge: KnowledgeBase, corpus: Path, sizes: list[int], n_queries: int
) -> list[dict[str, float]]:
    documents = load_corpus(corpus).documents
    chunks = [c for d in documents for c in chunk_document(d)]
    vectors = knowledge.embedder.embed_passages([c.text for c in chunks])
    queries = [
        q["query"]
        for q in yaml.safe_load(
            (ROOT / "evals/retrieval/queries-v1.yaml").read_text(encoding="utf-8")
        )["queries"]
    ]
    queries = queries[:n_queries]
    store = knowledge.store
    collection = store.collection("bench-search", knowledge.embedder.name, create=True)
    assert collection is not None
    rng = np.random.default_rng(7)
    loaded = 0
    rows = []
    for size in sizes:
        while loaded < size:
            n = min(5000, size - loaded)
            source = (np.arange(loaded, loaded + n)) % len(chunks)
            noise = rng.normal(0, 0.02, (n, vectors.shape[1])).astype(np.float32)
            batch = vectors[source] + noise
            batch /= np.linalg.norm(batch, axis=1, keepdims=True)
            ids = [f"syn-{loaded + i}#0" for i in range(n)]
            texts = [chunks[s].text for s in source]
            metadatas = [
                {**chunks[s].metadata, "document_id": f"syn-{loaded + i}"}
                for i, s in enumerate(source)
            ]
            collection.upsert_vectors(ids, batch, texts, metadatas)
            loaded += n
        collection.bump_revision()
        # A fresh knowledge base per size: its query-vector cache must not carry the previous
        # size's queries, or ours would skip the query embedding the budget counts.
        searcher = KnowledgeBase(knowledge.store, knowledge.embedder)
        searcher.search("bench-search", "warm up", k=5)  # builds the lexical index once
        embed, raw, ours = [], [], []
        for query in queries:  # no query repeats, so no cache answers for ours
            ours.append(timed(lambda q=query, s=searcher: s.search("bench-search", q, k=5))[1])
            vector, seconds = timed(lambda q=query: knowledge.embedder.embed_query(q))
            embed.append(seconds)
            # Raw Chroma at the depth our search asks it for.
            raw.append(timed(lambda v=vector: collection.query(v, search_depth(5), None))[1])
        e50, e95 = percentiles_ms(embed)
        r50, r95 = percentiles_ms(raw)
        o50, o95 = percentiles_ms(ours)
        rows.append(
            {
                "chunks": size,
                "embed_p50": e50,
                "embed_p95": e95,
                "chroma_p50": r50,
                "chroma_p95": r95,
                "ours_p50": o50,
                "ours_p95": o95,
                "budget_p95": e95 + 25,
                "peak_rss_mib": peak_rss_mib(),
            }
        )
        console.print(f"  searched {size:,} chunks", style="dim")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--model", default=None, help="embedding model (default: the setting)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storycoach-bench-") as data:
        settings = Settings(data_dir=Path(data))
        model = args.model or settings.embedding_model
        knowledge = KnowledgeBase(VectorStore.open(settings), load_embedder(model))
        console.print(f"[bold]machine[/]: {machine()}\n[bold]model[/]: {model}")
        ingest = bench_ingest(knowledge, ROOT / "corpus")
        larger = bench_ingest(knowledge, ROOT / "corpus", copies=5)
        table = Table("ingest", "ours", "reference", "target", title="Ingest (demo corpus)")
        for label, figures in (("chunks/s", ingest), ("chunks/s, corpus x5", larger)):
            table.add_row(
                f"{label} ({figures['chunks']} chunks)",
                f"{figures['ingest_chunks_per_s']:.1f}",
                f"{figures['raw_chunks_per_s']:.1f} raw model",
                f"ours/raw {figures['ratio']:.0%} (>= 85%)",
            )
        table.add_row(
            "re-ingest",
            f"{ingest['reingest_s'] * 1000:.0f} ms",
            f"{ingest['first_s'] * 1000:.0f} ms first ingest",
            f"{ingest['speedup']:.0f}x faster (>= 20x)",
        )
        console.print(table)
        sizes = [int(s) for s in args.sizes.split(",")]
        rows = bench_search(knowledge, ROOT / "corpus", sizes, args.queries)
    table = Table(
        "chunks",
        "query embed p50/p95",
        "raw Chroma p50/p95",
        "ours p50/p95",
        "budget p95",
        "peak RSS",
        title="Hybrid search latency (ms), k=5",
    )
    for row in rows:
        ok = "ok" if row["ours_p95"] <= row["budget_p95"] else "OVER"
        table.add_row(
            f"{row['chunks']:,}",
            f"{row['embed_p50']:.1f} / {row['embed_p95']:.1f}",
            f"{row['chroma_p50']:.1f} / {row['chroma_p95']:.1f}",
            f"{row['ours_p50']:.1f} / {row['ours_p95']:.1f}",
            f"{row['budget_p95']:.1f} {ok}",
            f"{row['peak_rss_mib']:.0f} MiB",
        )
    console.print(table)
    if args.json:
        args.json.write_text(
            json.dumps({"machine": machine(), "ingest": [ingest, larger], "search": rows}, indent=2)
        )


if __name__ == "__main__":
    main()
