"""The Chroma adapter: the only module that imports chromadb.

One collection per (organisation, embedding model), so organisations never share an index and a
model change never mixes vector spaces. Chroma is given vectors we computed ourselves; it never
embeds anything (its default embedding function would download a model). The collection's
metadata carries a revision number that every write bumps, so readers in any process can tell
that their lexical index is stale. A write bumps it when it begins and again when it ends, and
marks the collection as being written in between: a writer killed half-way leaves the mark,
and the next write ends with a bump even if it has nothing left to do, so no reader keeps an
index built from a half-written collection.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from service.settings import Settings

from .chunking import Chunk
from .embeddings import Vectors

Metadata = dict[str, str | int | float | bool]
_PREFIX = "storycoach"


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as the store returns it."""

    id: str
    text: str
    metadata: Metadata


@dataclass(frozen=True)
class IndexedChunk:
    content_hash: str
    source: str
    """``corpus`` for chunks from a corpus folder; other sources survive a folder re-ingest."""


@dataclass(frozen=True)
class DenseHit:
    id: str
    similarity: float
    """Cosine similarity, 1 for the same direction."""


class VectorStore:
    """A Chroma client: embedded (a folder) or a ``chroma run`` server, by setting."""

    def __init__(self, client: Any) -> None:
        self._client = client

    @classmethod
    def open(cls, settings: Settings) -> VectorStore:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if settings.chroma_host:
            client = chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        else:
            settings.chroma_path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(
                path=str(settings.chroma_path), settings=chroma_settings
            )
        return cls(client)

    def collection(self, org: str, model: str, *, create: bool = False) -> ChunkCollection | None:
        """The organisation's collection for ``model``; ``None`` if it does not exist yet."""
        name = f"{_PREFIX}-{org}-{model}"
        if create:
            raw = self._client.get_or_create_collection(
                name,
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"org": org, "embedding_model": model, "revision": 0},
            )
            return ChunkCollection(self._client, raw)
        from chromadb.errors import NotFoundError

        try:
            raw = self._client.get_collection(name, embedding_function=None)
        except NotFoundError:
            return None
        return ChunkCollection(self._client, raw)

    def drop(self, org: str, model: str) -> None:
        """Delete an organisation's collection (used by tests and benchmarks)."""
        if self.collection(org, model) is not None:
            self._client.delete_collection(f"{_PREFIX}-{org}-{model}")


class ChunkCollection:
    """One organisation's chunks in Chroma."""

    def __init__(self, client: Any, raw: Any) -> None:
        self._client = client
        self._raw = raw

    @property
    def name(self) -> str:
        return str(self._raw.name)

    def count(self) -> int:
        return int(self._raw.count())

    def revision(self) -> int:
        """Re-read from the server, so a write by another process is seen."""
        fresh = self._client.get_collection(self.name, embedding_function=None)
        return int((fresh.metadata or {}).get("revision", 0))

    def indexed(self) -> dict[str, IndexedChunk]:
        """Every chunk id with the hash it was indexed from and where it came from."""
        return {
            chunk_id: IndexedChunk(
                str(metadata.get("content_hash", "")), str(metadata.get("source", ""))
            )
            for page in self._pages(include=["metadatas"])
            for chunk_id, metadata in zip(page["ids"], page["metadatas"], strict=True)
        }

    def chunks(self) -> Iterator[StoredChunk]:
        """Every chunk's text and metadata, for building the lexical index."""
        for page in self._pages(include=["metadatas", "documents"]):
            for chunk_id, text, metadata in zip(
                page["ids"], page["documents"], page["metadatas"], strict=True
            ):
                yield StoredChunk(chunk_id, text, metadata)

    def upsert(self, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        self.upsert_vectors(
            [c.id for c in chunks],
            vectors,
            [c.text for c in chunks],
            [{**c.metadata, "content_hash": c.content_hash} for c in chunks],
        )

    def upsert_vectors(
        self,
        ids: Sequence[str],
        vectors: Vectors,
        texts: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        """Write in batches of the size the store accepts (benchmarks call it directly)."""
        batch = self._client.get_max_batch_size()
        for start in range(0, len(ids), batch):
            end = start + batch
            self._raw.upsert(
                ids=list(ids[start:end]),
                embeddings=vectors[start:end],
                documents=list(texts[start:end]),
                metadatas=list(metadatas[start:end]),
            )

    def delete(self, ids: Sequence[str]) -> None:
        batch = self._client.get_max_batch_size()
        for start in range(0, len(ids), batch):
            self._raw.delete(ids=list(ids[start : start + batch]))

    def bump_revision(self, *, writing: bool | None = None) -> int:
        """Move the revision on; with ``writing``, also set or clear the mark that a write is
        under way (``begin_write`` and ``end_write``)."""
        metadata = dict(self._client.get_collection(self.name, embedding_function=None).metadata)
        metadata["revision"] = int(metadata.get("revision", 0)) + 1
        if writing is not None:
            metadata["writing"] = writing
        self._raw.modify(metadata=metadata)
        return int(metadata["revision"])

    def begin_write(self) -> None:
        self.bump_revision(writing=True)

    def end_write(self) -> None:
        self.bump_revision(writing=False)

    def write_unfinished(self) -> bool:
        """Whether a write began and never ended (its process was killed half-way)."""
        fresh = self._client.get_collection(self.name, embedding_function=None)
        return bool((fresh.metadata or {}).get("writing", False))

    def query(self, vector: Vectors, n: int, where: dict[str, Any] | None) -> list[DenseHit]:
        # No count() first: asking for more than the collection holds returns what it holds,
        # and a count costs more than the query's own HNSW walk at 100k chunks (5 ms of ~9).
        if n <= 0:
            return []
        result = self._raw.query(
            query_embeddings=[vector], n_results=n, where=where or None, include=["distances"]
        )
        return [
            DenseHit(chunk_id, 1.0 - float(distance))
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def document_chunks(self, document_id: str) -> list[StoredChunk]:
        """All chunks of one document, in order."""
        page = self._raw.get(where={"document_id": document_id}, include=["documents", "metadatas"])
        chunks = [
            StoredChunk(chunk_id, text, metadata)
            for chunk_id, text, metadata in zip(
                page["ids"], page["documents"], page["metadatas"], strict=True
            )
        ]
        return sorted(chunks, key=lambda c: int(c.metadata.get("position", 0)))

    def opening_chunks(self, where: dict[str, Any]) -> list[StoredChunk]:
        """The first chunk of every document matching ``where`` (a Chroma metadata filter)."""
        page = self._raw.get(
            where={"$and": [where, {"position": 0}]}, include=["documents", "metadatas"]
        )
        return [
            StoredChunk(chunk_id, text, metadata)
            for chunk_id, text, metadata in zip(
                page["ids"], page["documents"], page["metadatas"], strict=True
            )
        ]

    def get(self, ids: Sequence[str]) -> dict[str, tuple[str, Metadata]]:
        """Text and metadata of the given chunks, by id."""
        if not ids:
            return {}
        page = self._raw.get(ids=list(ids), include=["documents", "metadatas"])
        return {
            chunk_id: (text, metadata)
            for chunk_id, text, metadata in zip(
                page["ids"], page["documents"], page["metadatas"], strict=True
            )
        }

    def _pages(self, *, include: list[str], size: int = 5000) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            page = self._raw.get(include=include, limit=size, offset=offset)
            if not page["ids"]:
                return
            yield page
            offset += len(page["ids"])
