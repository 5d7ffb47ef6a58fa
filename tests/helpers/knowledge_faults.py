"""A knowledge base whose index write is cut short: killed before or after it writes, or
failing half-way. Plays a crash inside a publish (``tests/review/test_publication.py``, the
API's start-up settling in ``tests/api/test_publication_api.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from service.knowledge import CorpusDocument, KnowledgeBase


class Interrupted(KnowledgeBase):
    """The knowledge base, killed (``SystemExit``) before or after its next index write."""

    def __init__(self, knowledge: KnowledgeBase, *, after_write: bool) -> None:
        super().__init__(knowledge.store, knowledge.embedder)
        self.after_write = after_write

    def ingest(self, org: str, documents: Sequence[CorpusDocument], **options: Any) -> Any:
        if self.after_write:
            super().ingest(org, documents, **options)
        raise SystemExit("killed")


class Failing(KnowledgeBase):
    """An index write that fails half-way: one chunk written, then an error."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        super().__init__(knowledge.store, knowledge.embedder)

    def ingest(self, org: str, documents: Sequence[CorpusDocument], **options: Any) -> Any:
        super().ingest(org, documents, **options)
        raise OSError("disk full")
