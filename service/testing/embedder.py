"""A small deterministic embedder: ranking and idempotency tested and benched without a model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from service.knowledge.embeddings import Vectors
from service.knowledge.languages import words


class HashingEmbedder:
    """Bag of words hashed into a fixed number of dimensions, L2-normalised.

    Texts that share words are close, texts that do not are nearly orthogonal: enough to test
    ranking, filtering and idempotency without a model. It cannot cross languages.
    """

    name = "test-hashing"
    dimension = 64

    def __init__(self) -> None:
        self.calls = 0
        """How many times ``embed_passages`` was called (one per ingest batch)."""
        self.texts_embedded = 0
        """How many passages were embedded: an unchanged re-ingest adds none."""

    def _vector(self, text: str) -> Vectors:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in words(text):
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "little") % self.dimension
            vector[slot] += 1.0 if digest[4] % 2 else -1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        self.texts_embedded += len(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> Vectors:
        return self._vector(text)
