"""Idempotent indexing of corpus documents into an organisation's collection.

Unchanged chunks are skipped by content hash, changed ones re-embedded and replaced, and chunks
of documents that left the folder are deleted. Deletion waits while any file has problems, so a
typo in one file never wipes that document's last good version from the index.

A run killed half-way (``kill -9`` after some batches) keeps the batches it wrote; the next run
skips them by hash, writes the rest, and ends the write it finds unfinished (``vector_store``),
so the index and the BM25 built from it agree again: the same ids, none twice, none lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .chunking import Chunk, chunk_document
from .documents import CorpusDocument
from .embeddings import Embedder
from .vector_store import ChunkCollection

EMBED_BATCH = 32
Progress = Callable[[int, int], None]
"""Called with (chunks done, chunks to do) as embedding proceeds."""


@dataclass(frozen=True)
class IngestReport:
    documents: int
    chunks: int
    embedded: int
    """New or changed chunks that were embedded and written."""
    unchanged: int
    removed: int
    seconds: float


def ingest_documents(
    collection: ChunkCollection,
    embedder: Embedder,
    documents: Sequence[CorpusDocument],
    *,
    source: str = "corpus",
    remove_missing: bool = True,
    progress: Progress | None = None,
) -> IngestReport:
    """Bring ``collection`` in line with ``documents`` and return what was done."""
    started = time.perf_counter()
    chunks = [chunk for document in documents for chunk in chunk_document(document, source=source)]
    indexed = collection.indexed()
    todo = [
        c
        for c in chunks
        if indexed.get(c.id) is None or indexed[c.id].content_hash != c.content_hash
    ]
    wanted = {c.id for c in chunks}
    stale = (
        [cid for cid, known in indexed.items() if cid not in wanted and known.source == source]
        if remove_missing
        else []
    )
    if todo or stale or collection.write_unfinished():
        collection.begin_write()
        _embed_and_upsert(collection, embedder, todo, progress)
        collection.delete(stale)
        collection.end_write()
    return IngestReport(
        documents=len(documents),
        chunks=len(chunks),
        embedded=len(todo),
        unchanged=len(chunks) - len(todo),
        removed=len(stale),
        seconds=time.perf_counter() - started,
    )


def _embed_and_upsert(
    collection: ChunkCollection,
    embedder: Embedder,
    chunks: Sequence[Chunk],
    progress: Progress | None,
) -> None:
    # Batches keep memory flat and make progress real; each batch is written as soon as it is
    # embedded, so an interrupted run keeps what it did and the next run skips it by hash.
    for start in range(0, len(chunks), EMBED_BATCH):
        batch = chunks[start : start + EMBED_BATCH]
        collection.upsert(batch, embedder.embed_passages([c.text for c in batch]))
        if progress:
            progress(start + len(batch), len(chunks))
