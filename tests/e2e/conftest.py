"""Real parts: the embedded embedding model, a ``chroma run`` server, a served app."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.knowledge import KnowledgeBase
from service.knowledge.corpus import load_corpus
from service.knowledge.embeddings import load_embedder
from service.knowledge.vector_store import VectorStore
from service.settings import Settings
from tests.helpers.processes import free_port, wait_for
from tests.helpers.served_app import ServedApp, serve_demo

REAL_MODEL = "use-multilingual"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def embedded_coach(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[object, KnowledgeBase]]:
    """The embedded model behind the gateway and the demo corpus in a real index, shared by
    one module's tests (loading the model takes most of a test's time)."""
    from service.llm.gateway import close_embedded_models, open_gateway

    settings = Settings(data_dir=tmp_path_factory.mktemp("coach-data"))
    knowledge = KnowledgeBase(VectorStore.open(settings), load_embedder(REAL_MODEL))
    knowledge.ingest("demo", load_corpus(ROOT / "corpus").documents)
    yield open_gateway(settings), knowledge
    close_embedded_models()


@pytest.fixture
def real_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("STORYCOACH_EMBEDDING_MODEL", REAL_MODEL)
    return settings.model_copy(update={"embedding_model": REAL_MODEL})


@pytest.fixture
def real_knowledge(real_settings: Settings) -> KnowledgeBase:
    return KnowledgeBase(VectorStore.open(real_settings), load_embedder(REAL_MODEL))


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    chroma = shutil.which("chroma", path=os.path.dirname(sys.executable)) or shutil.which("chroma")
    assert chroma, "the chroma CLI ships with chromadb"
    port = free_port()
    process = subprocess.Popen(
        [
            chroma,
            "run",
            "--path",
            str(tmp_path / "chroma-server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v2/heartbeat", process)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def served_app(isolated_state: Path) -> Iterator[ServedApp]:
    """``storycoach serve`` over the demo corpus, embedded by the real model: the one way an
    e2e test starts the app as a process (``tests/helpers/served_app.py`` says how)."""
    with serve_demo(REAL_MODEL) as served:
        yield served
