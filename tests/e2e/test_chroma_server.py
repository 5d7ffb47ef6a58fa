"""Ingest and search against a real ``chroma run`` server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.knowledge import KnowledgeBase, load_corpus
from service.knowledge.embeddings import load_embedder
from service.knowledge.vector_store import VectorStore
from service.settings import Settings
from tests.e2e.conftest import REAL_MODEL

pytestmark = pytest.mark.e2e
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_ingest_and_search_through_the_server(
    chroma_server: tuple[str, int], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    host, port = chroma_server
    monkeypatch.setenv("STORYCOACH_CHROMA_HOST", host)
    monkeypatch.setenv("STORYCOACH_CHROMA_PORT", str(port))
    monkeypatch.setenv("STORYCOACH_EMBEDDING_MODEL", REAL_MODEL)
    runner = CliRunner(env={"COLUMNS": "200"})

    first = runner.invoke(app, ["ingest", str(CORPUS), "--org", "acme"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["ingest", str(CORPUS), "--org", "acme"])
    assert " 0 embedded" in again.output

    found = runner.invoke(
        app,
        [
            "search",
            "complaints answered within a day",
            "--org",
            "acme",
            "--kind",
            "priority",
            "--json",
        ],
    )
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert hits and all(h["kind"] == "priority" for h in hits)
    assert not (settings.data_dir / "chroma").exists(), (
        "server mode must not write an embedded store"
    )

    # A second client (another worker) sees the same collection through the server.
    server_settings = settings.model_copy(update={"chroma_host": host, "chroma_port": port})
    other = KnowledgeBase(VectorStore.open(server_settings), load_embedder(REAL_MODEL))
    documents = len(load_corpus(CORPUS).documents)
    assert len(other.search("acme", "bikes", k=100)) == min(documents, 100)
