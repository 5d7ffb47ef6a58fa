"""Cross-lingual query expansion: a query's words bridged to corpus words in both languages.

BM25 alone cannot cross languages, and in a small corpus its same-language noise outvotes the
dense ranks (docs/design.md measured this). The bridge gives the lexical side a way across: every
distinct corpus word is embedded once with the same multilingual model as the passages, and
each content word of a query adds its nearest corpus words (in Dutch and in English) as extra
BM25 terms, weighted by their similarity. "klachten" reaches "complaints", "warranty" reaches
"garantie". The thresholds were chosen on the retrieval eval with two-fold cross-validation
(``evals/retrieval/README.md``), not by taste.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, MutableMapping
from functools import lru_cache

import numpy as np

from service.vocabulary import Language

from .embeddings import Embedder, Vectors
from .languages import STOPWORDS, index_terms, words

MIN_SIMILARITY = 0.65
NEIGHBOURS = 5
MAX_VOCABULARY = 50_000
"""The most frequent words are bridged; rarer ones still match literally."""
MAX_BRIDGED_WORDS = 24
"""A long query (a whole account) has literal terms enough; bridging its first words is plenty."""

WordKey = tuple[str, Language]


def content_words(text: str) -> list[str]:
    """Words that carry meaning in either language: no stopwords, numbers or short words."""
    stop = STOPWORDS[Language.EN] | STOPWORDS[Language.NL]
    return [w for w in words(text) if len(w) > 2 and not w.isdigit() and w not in stop]


class TermBridge:
    """Nearest corpus words for a query's words, in both languages."""

    def __init__(self, vocabulary: list[WordKey], vectors: Vectors, embedder: Embedder) -> None:
        self._vocabulary = vocabulary
        self._vectors = vectors
        self._embedder = embedder
        # A word's vector depends on its letters only, so a query word the corpus also uses
        # reuses the vector it was bridged with instead of running the model again.
        self._rows: dict[str, int] = {}
        for row, (word, _) in enumerate(vocabulary):
            self._rows.setdefault(word, row)
        # A job searches the same text several times (values, then stories); expand it once.
        self.expand = lru_cache(maxsize=256)(self._expand)  # type: ignore[method-assign]

    @classmethod
    def build(
        cls,
        texts: Iterable[tuple[str, Language]],
        embedder: Embedder,
        cache: MutableMapping[WordKey, Vectors],
    ) -> TermBridge:
        """Embed the corpus vocabulary; ``cache`` keeps word vectors across rebuilds."""
        counts: Counter[WordKey] = Counter()
        for text, language in texts:
            stop = STOPWORDS[language]
            counts.update(
                (w, language)
                for w in words(text)
                if len(w) > 2 and not w.isdigit() and w not in stop
            )
        vocabulary = [key for key, _ in counts.most_common(MAX_VOCABULARY)]
        missing = [key for key in vocabulary if key not in cache]
        for start in range(0, len(missing), 256):
            batch = missing[start : start + 256]
            for key, vector in zip(
                batch, embedder.embed_passages([w for w, _ in batch]), strict=True
            ):
                cache[key] = vector
        vectors = (
            np.stack([cache[key] for key in vocabulary])
            if vocabulary
            else np.zeros((0, embedder.dimension), dtype=np.float32)
        )
        return cls(vocabulary, vectors, embedder)

    def expand(self, query: str) -> dict[str, float]:
        """Weighted index terms: the query's own words 1, bridged words their similarity."""
        return self._expand(query)

    def _expand(self, query: str) -> dict[str, float]:
        terms = dict.fromkeys(
            [*index_terms(query, Language.EN), *index_terms(query, Language.NL)], 1.0
        )
        asked = list(dict.fromkeys(content_words(query)))[:MAX_BRIDGED_WORDS]
        if not asked or not self._vocabulary:
            return terms
        similarities = self._word_vectors(asked) @ self._vectors.T
        for row in similarities:
            top = np.argpartition(-row, min(NEIGHBOURS, len(row) - 1))[:NEIGHBOURS]
            for j in top:
                if row[j] < MIN_SIMILARITY:
                    continue
                word, language = self._vocabulary[j]
                for term in index_terms(word, language):
                    terms[term] = max(terms.get(term, 0.0), float(row[j]))
        return terms

    def _word_vectors(self, asked: list[str]) -> Vectors:
        """One row per word: the vocabulary's vector where the corpus has the word."""
        vectors = np.empty((len(asked), self._vectors.shape[1]), dtype=np.float32)
        unknown: list[int] = []
        for i, word in enumerate(asked):
            row = self._rows.get(word)
            if row is None:
                unknown.append(i)
            else:
                vectors[i] = self._vectors[row]
        if unknown:
            vectors[unknown] = self._embedder.embed_passages([asked[i] for i in unknown])
        return vectors
