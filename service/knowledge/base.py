"""The knowledge base: an organisation-scoped front door to ingest and search.

It owns the long-lived parts (vector store client, embedder) and a per-organisation lexical
index that is rebuilt only when the collection's revision changes.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from service.errors import EmptyOrganisation, InvalidInput, NotFound
from service.settings import Settings
from service.vocabulary import ORG_ID_MAX_LENGTH, Language, is_org_id

from .bridge import WordKey
from .corpus import CorpusLoad, load_corpus
from .documents import CorpusDocument, DocumentKind
from .embeddings import CachedQueries, Embedder, Vectors, load_embedder
from .ingest import IngestReport, Progress, ingest_documents
from .lexical import LexicalIndex
from .search import SearchFilters, SearchHit, SearchMode, search_passages, titles_of
from .vector_store import ChunkCollection, VectorStore


@dataclass(frozen=True)
class IndexedDocument:
    """A whole document as the index holds it (title, kind, language and body text)."""

    id: str
    kind: DocumentKind
    title: str
    language: Language
    values: tuple[str, ...]
    text: str
    titled: dict[Language, str] = field(default_factory=dict)
    """The title in other languages, where the document gives one (values, priorities)."""


@dataclass(frozen=True)
class ListedDocument:
    """A document as a list shows it: who wrote it and how it opens, without the whole body."""

    id: str
    kind: DocumentKind
    title: str
    language: Language
    author: str
    opening: str
    """The first passage (without the title)."""


def check_org(org: str) -> str:
    if not is_org_id(org):
        raise InvalidInput("org", "org_id_rule", most=ORG_ID_MAX_LENGTH)
    return org


class KnowledgeBase:
    """Ingest into and search one vector store with one embedding model."""

    def __init__(self, store: VectorStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder
        self._queries = CachedQueries(embedder)
        self._lexical: dict[str, tuple[int, LexicalIndex]] = {}
        self._lock = threading.Lock()
        self._word_vectors: dict[WordKey, Vectors] = {}

    @classmethod
    def open(cls, settings: Settings) -> KnowledgeBase:
        return cls(VectorStore.open(settings), load_embedder(settings.embedding_model))

    def ingest_folder(
        self, org: str, folder: Path, *, progress: Progress | None = None
    ) -> tuple[CorpusLoad, IngestReport]:
        """Load a corpus folder and index what loaded; problems are returned, not raised."""
        check_org(org)
        loaded = load_corpus(folder)
        report = self.ingest(org, loaded.documents, remove_missing=loaded.ok, progress=progress)
        return loaded, report

    def ingest(
        self,
        org: str,
        documents: Sequence[CorpusDocument],
        *,
        source: str = "corpus",
        remove_missing: bool = True,
        progress: Progress | None = None,
    ) -> IngestReport:
        check_org(org)
        collection = self.store.collection(org, self.embedder.name, create=True)
        assert collection is not None
        return ingest_documents(
            collection,
            self.embedder,
            documents,
            source=source,
            remove_missing=remove_missing,
            progress=progress,
        )

    def remove(self, org: str, document_id: str) -> int:
        """Take one document (all its chunks) out of ``org``'s index; how many chunks went.

        Idempotent: a document that is not there removes nothing, so a removal that was
        interrupted can simply be asked again.
        """
        check_org(org)
        collection = self.store.collection(org, self.embedder.name)
        if collection is None:
            return 0
        ids = [chunk.id for chunk in collection.document_chunks(document_id)]
        if ids or collection.write_unfinished():
            collection.begin_write()
            collection.delete(ids)
            collection.end_write()
        return len(ids)

    def search(
        self,
        org: str,
        query: str,
        *,
        k: int = 5,
        filters: SearchFilters | None = None,
        mode: SearchMode = SearchMode.HYBRID,
    ) -> list[SearchHit]:
        """The ``k`` best documents of ``org`` for ``query``; never another organisation's."""
        check_org(org)
        collection = self.store.collection(org, self.embedder.name)
        if collection is None:
            raise EmptyOrganisation(org)
        # The lexical index holds exactly the collection's chunks at this revision, so its size
        # answers "is anything indexed?" without another round trip to the store.
        lexical = self.lexical_index(org, collection)
        if len(lexical) == 0:
            raise EmptyOrganisation(org)
        return search_passages(
            collection,
            lexical,
            self._queries,
            query,
            k=k,
            filters=filters,
            mode=mode,
        )

    def document(self, org: str, document_id: str) -> IndexedDocument:
        """One document of ``org`` by id; ``NotFound`` if it is not there (or not theirs)."""
        check_org(org)
        collection = self.store.collection(org, self.embedder.name)
        chunks = collection.document_chunks(document_id) if collection is not None else []
        if not chunks:
            raise NotFound("document", document_id)
        first = chunks[0].metadata
        return IndexedDocument(
            id=document_id,
            kind=DocumentKind(str(first["kind"])),
            title=str(first["title"]),
            language=Language(str(first["language"])),
            values=tuple(sorted(k.removeprefix("value:") for k in first if k.startswith("value:"))),
            text="\n\n".join(c.text.split("\n\n", 1)[-1] for c in chunks),
            titled=titles_of(first),
        )

    def list_documents(
        self, org: str, kind: DocumentKind, *, source: str = "corpus"
    ) -> list[ListedDocument]:
        """``org``'s documents of one kind from one source (the corpus folder by default, not
        lessons published from review), by title; none when nothing is indexed."""
        check_org(org)
        collection = self.store.collection(org, self.embedder.name)
        if collection is None:
            return []
        where = {"$and": [{"kind": kind.value}, {"source": source}]}
        listed = [
            ListedDocument(
                id=str(chunk.metadata["document_id"]),
                kind=kind,
                title=str(chunk.metadata["title"]),
                language=Language(str(chunk.metadata["language"])),
                author=str(chunk.metadata.get("author", "")),
                opening=chunk.text.split("\n\n", 1)[-1],
            )
            for chunk in collection.opening_chunks(where)
        ]
        return sorted(listed, key=lambda document: document.title.lower())

    def lexical_index(self, org: str, collection: ChunkCollection) -> LexicalIndex:
        revision = collection.revision()
        cached = self._lexical.get(org)
        if cached and cached[0] == revision:
            return cached[1]
        with self._lock:
            cached = self._lexical.get(org)
            if cached and cached[0] == revision:
                return cached[1]
            index = LexicalIndex(collection.chunks(), self.embedder, self._word_vectors)
            self._lexical[org] = (revision, index)
            return index
