"""A BM25 index over an organisation's chunks (bm25s), tokenised per language.

The index is derived from what Chroma holds, never stored on its own, so every process and
every worker agrees with the vector store: it is rebuilt when the collection's revision moves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass

import bm25s
import numpy as np
import numpy.typing as npt

from service.vocabulary import Language

from .bridge import TermBridge, WordKey
from .embeddings import Embedder, Vectors
from .languages import index_terms
from .vector_store import StoredChunk

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class LexicalHit:
    id: str
    score: float


class LexicalIndex:
    """BM25 over chunks, with the columns needed to filter without touching the store."""

    def __init__(
        self,
        chunks: Iterable[StoredChunk],
        embedder: Embedder | None = None,
        word_vectors: MutableMapping[WordKey, Vectors] | None = None,
    ) -> None:
        """Index ``chunks``; with an ``embedder``, queries are bridged across languages."""
        stored = list(chunks)
        self.ids = [c.id for c in stored]
        self.document_ids = np.array([str(c.metadata.get("document_id", "")) for c in stored])
        self.columns = {
            name: np.array([str(c.metadata.get(name, "")) for c in stored])
            for name in ("kind", "language", "outcome")
        }
        self.flags: dict[str, Mask] = {}
        for row, chunk in enumerate(stored):
            for key in chunk.metadata:
                if key.startswith(("value:", "tag:")):
                    self.flags.setdefault(key, np.zeros(len(stored), dtype=bool))[row] = True
        self.languages = [Language(str(c.metadata.get("language", "en"))) for c in stored]
        self._bm25 = bm25s.BM25()
        corpus = [index_terms(c.text, lang) for c, lang in zip(stored, self.languages, strict=True)]
        if stored:
            self._bm25.index(corpus, show_progress=False)
        self._bridge = (
            TermBridge.build(
                ((c.text, lang) for c, lang in zip(stored, self.languages, strict=True)),
                embedder,
                word_vectors if word_vectors is not None else {},
            )
            if embedder is not None
            else None
        )

    def __len__(self) -> int:
        return len(self.ids)

    def known(self, key: str) -> set[str]:
        """The values present for a metadata column or a flag family (``value``, ``tag``)."""
        if key in self.columns:
            return {v for v in np.unique(self.columns[key]).tolist() if v}
        prefix = f"{key}:"
        return {k.removeprefix(prefix) for k in self.flags if k.startswith(prefix)}

    def query_terms(self, query: str) -> dict[str, float]:
        """Weighted index terms for a query.

        The query is stemmed both as Dutch and as English (a query says too little to detect
        its language reliably, and each document was stemmed in its own); with a bridge, its
        words' nearest corpus words in both languages are added at their similarity.
        """
        if self._bridge is not None:
            return self._bridge.expand(query)
        return dict.fromkeys(
            [*index_terms(query, Language.EN), *index_terms(query, Language.NL)], 1.0
        )

    def search(self, query: str, n: int, mask: Mask | None = None) -> list[LexicalHit]:
        """The best ``n`` chunks with a positive BM25 score, within ``mask`` if given."""
        if not self.ids:
            return []
        scores = self._scores(self.query_terms(query))
        if scores is None:
            return []
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [LexicalHit(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def _scores(self, terms: Mapping[str, float]) -> npt.NDArray[np.float32] | None:
        if not terms:
            return None
        # Terms of equal weight are scored in one call; bm25s sums them.
        by_weight: dict[float, list[str]] = {}
        for term, weight in terms.items():
            by_weight.setdefault(round(weight, 2), []).append(term)
        total = np.zeros(len(self.ids), dtype=np.float32)
        for weight, group in by_weight.items():
            total += weight * np.asarray(self._bm25.get_scores(group), dtype=np.float32)
        return total
