"""Every on-disk state lives under tmp_path; unit tests use the hashing embedder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.knowledge import KnowledgeBase
from service.knowledge.embeddings import EMBEDDERS, load_embedder
from service.knowledge.vector_store import VectorStore
from service.quality import Rubric, load_rubrics
from service.settings import Settings, get_settings
from service.store import Database, Role, upgrade_database
from service.testing import HashingEmbedder
from tests.factories import small_corpus
from tests.postgres import PostgresMissing, PostgresServer
from tests.store.factories import Member, seed_org

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
RUBRICS = REPO / "evals" / "rubrics"
CASES = REPO / "evals" / "cases"

EMBEDDERS[HashingEmbedder.name] = HashingEmbedder


@pytest.fixture(autouse=True)
def isolated_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Path]:
    data = tmp_path / "data"
    # Unit tests read sentences with the word lists alone (deterministic, no model to load);
    # an end-to-end test reads them as the product does (``Settings``).
    if not request.node.get_closest_marker("e2e"):
        monkeypatch.setenv("STORYCOACH_SENTENCE_READER", "words")
        monkeypatch.setenv("STORYCOACH_STANDING_READER", "words")
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


DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
"""What ``settings_on_each_database`` runs a test on: the default and the scale path."""


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL cluster for the whole session (about a second to start).

    Skipped where PostgreSQL is not installed, except in CI, where ``.ci/run`` installs it,
    so a missing server fails there instead of passing quietly."""
    try:
        server = PostgresServer.start()
    except PostgresMissing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {missing}")
        pytest.skip(f"PostgreSQL not installed: {missing}")
    yield server
    server.stop()


@pytest.fixture(params=DATABASES)
def settings_on_each_database(
    request: pytest.FixtureRequest, isolated_state: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Settings on SQLite in the data folder, or on a fresh, empty PostgreSQL database.

    Suites that own persistence (``tests/store``, ``tests/api``) override ``settings`` with
    this, so each of their tests runs on both. The URL is also put in the environment, so
    code that reads ``get_settings()`` reaches the same database."""
    if request.param == "sqlite":
        yield Settings()
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.fresh_database()
    monkeypatch.setenv("STORYCOACH_DATABASE_URL", server.url(name))
    get_settings.cache_clear()
    yield Settings()
    server.drop_database(name)


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


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    """A real database (SQLite in the data folder, or PostgreSQL where a folder's ``settings``
    says so), migrated to the newest schema."""
    opened = upgrade_database(settings)
    yield opened
    opened.close()


@pytest.fixture
def acme(database: Database) -> dict[Role, Member]:
    """One organisation with a person in every role."""
    return seed_org(database, "acme")
