from __future__ import annotations

from pathlib import Path

import pytest

from service.knowledge import KnowledgeBase, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture
def demo(knowledge: KnowledgeBase) -> KnowledgeBase:
    """The demo corpus indexed with the hashing embedder (fast, no model)."""
    knowledge.ingest("demo", load_corpus(CORPUS).documents)
    return knowledge
