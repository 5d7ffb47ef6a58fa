"""Test doubles: a small deterministic embedder, so unit tests never load a real model."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

import numpy as np

from service.knowledge.embeddings import Vectors
from service.knowledge.languages import words
from service.llm.completion import Completion


class HashingEmbedder:
    """Bag of words hashed into a fixed number of dimensions, L2-normalised.

    Texts that share words are close, texts that do not are nearly orthogonal: enough to test
    ranking, filtering and idempotency without a model. It cannot cross languages.
    """

    name = "test-hashing"
    dimension = 64

    def __init__(self) -> None:
        self.calls = 0
        self.texts_embedded = 0

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


class FakeModel:
    """A chat model with queued replies that records every call (unit tests only).

    ``replies`` are returned in order; a callable reply gets the messages and returns text, so a
    test can answer by what was asked.
    """

    def __init__(self, *replies: object, name: str = "fake-model") -> None:
        self.name = name
        self.replies = list(replies)
        self.calls: list[dict[str, object]] = []

    def _next(self, messages: list[dict[str, str]]) -> str:
        if not self.replies:
            raise AssertionError(f"FakeModel ran out of replies at call {len(self.calls)}")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return str(reply(messages) if callable(reply) else reply)

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, object] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Completion:
        self.calls.append({"messages": messages, "schema": schema, "max_tokens": max_tokens})
        text = self._next(messages)
        return Completion(
            text=text, model=self.name, prompt_tokens=10, completion_tokens=len(text.split())
        )

    def stream(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, object] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.2,
    ) -> Iterator[str]:
        self.calls.append({"messages": messages, "schema": schema, "max_tokens": max_tokens})
        text = self._next(messages)
        for start in range(0, len(text), 3):  # small pieces, as a tokenizer would give
            yield text[start : start + 3]
