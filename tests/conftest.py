"""Every on-disk state lives under tmp_path; unit tests use the hashing embedder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.knowledge import KnowledgeBase
from service.knowledge.embeddings import EMBEDDERS, load_embedder
from service.knowledge.vector_store import VectorStore
from service.quality import Rubric, load_rubrics
from service.settings import Settings, get_settings
from service.testing import HashingEmbedder
from tests.factories import small_corpus

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
RUBRICS = REPO / "evals" / "rubrics"
CASES = REPO / "evals" / "cases"

EMBEDDERS[HashingEmbedder.name] = HashingEmbedder


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data = tmp_path / "data"
    monkeypatch.setenv("STORYCOACH_DATA_DIR", str(data))
    monkeypatch.setenv("STORYCOACH_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("STORYCOACH_EMBEDDING_MODEL", HashingEmbedder.name)
    monkeypatch.delenv("STORYCOACH_CHROMA_HOST", raising=False)
    monkeypatch.delenv("STORYCOACH_JUDGE_MODEL", raising=False)  # an app would open it
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout
    get_settings.cache_clear()
    load_embedder.cache_clear()
    yield data
    get_settings.cache_clear()
    load_embedder.cache_clear()


@pytest.fixture(scope="session")
def rubrics() -> dict[str, Rubric]:
    return load_rubrics(RUBRICS)


@pytest.fixture
def settings(isolated_state: Path) -> Settings:
    return Settings()


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def knowledge(settings: Settings, embedder: HashingEmbedder) -> KnowledgeBase:
    return KnowledgeBase(VectorStore.open(settings), embedder)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return small_corpus(tmp_path / "corpus")


@pytest.fixture
def loaded(knowledge: KnowledgeBase, corpus_dir: Path) -> KnowledgeBase:
    load, _ = knowledge.ingest_folder("acme", corpus_dir)
    assert load.ok, load.problems
    return knowledge
